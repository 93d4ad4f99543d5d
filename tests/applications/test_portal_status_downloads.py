"""The receipt names the agency and the 20-working-day rule; the status page shows the next step and
the deadline, and lets the holder of the code and phone digits download the reply and releases."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from gongkai.agencies.actions import update_agency
from gongkai.applications import actions, notices
from gongkai.applications.models import NoticeKind
from tests.applications.helpers import ZHANG_SAN_PHONE, register
from tests.applications.test_portal_resubmission import _fresh_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _look_up(client, app):
    return client.post(
        "/applications/status/", {"receipt_code": app.receipt_code, "phone_last4": ZHANG_SAN_PHONE[-4:]}
    )


@pytest.fixture
def replied(county, li_ming, wang_fang, zhang_wei):
    app = register(li_ming, county.finance, on=date(2026, 3, 2))
    actions.send_notice(li_ming, app.notices.get(kind=NoticeKind.ACCEPTANCE))
    release = actions.release_redacted(
        li_ming,
        app,
        title="2026年部门预算",
        text="预算总额100万元。联系人王五，电话13900001111。",
        redactions=[{"part": "王五，电话13900001111", "reason": "个人隐私"}],
    )
    actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "邮寄"})
    actions.review_reply(wang_fang, app)
    actions.send_reply(zhang_wei, app, on=date(2026, 3, 9))
    return app, release


def test_the_receipt_names_the_agency_its_address_phone_and_the_rule(client, county):
    update_agency(None, county.finance, address="示范县人民路1号", phone="0539-8123456")
    response = client.post("/applications/apply/", _fresh_form(client, county))
    page = client.get(response["Location"] + "receipt/").content.decode()
    for text in ("示范县财政局", "示范县人民路1号", "0539-8123456", "20个工作日内答复", "双方确认之日"):
        assert text in page, text


def test_status_shows_the_next_step_and_the_deadline(client, county, li_ming):
    app = register(li_ming, county.finance, on=date(2026, 3, 2))
    page = _look_up(client, app).content.decode()
    assert 'id="next-step"' in page and "本机关将在答复期限内作出答复" in page
    assert 'id="due"' in page and "2026年3月30日" in page  # 20 working days from 2026-03-02


def test_the_holder_downloads_the_reply_and_the_release(client, replied):
    app, release = replied
    page = _look_up(client, app).content.decode()
    reply = app.notices.get(kind=NoticeKind.REPLY)
    assert f"/applications/status/notices/{reply.pk}/" in page
    assert f"/applications/status/releases/{release.pk}/" in page
    response = client.get(f"/applications/status/notices/{reply.pk}/")
    assert response.status_code == 200
    assert "答复" in notices.docx_text(b"".join(response.streaming_content))
    released = client.get(f"/applications/status/releases/{release.pk}/")
    assert released.status_code == 200 and b"13900001111" not in b"".join(released.streaming_content)


def test_a_guessed_url_is_not_found(replied):
    app, release = replied
    reply = app.notices.get(kind=NoticeKind.REPLY)
    stranger = Client()
    assert stranger.get(f"/applications/status/notices/{reply.pk}/").status_code == 404
    assert stranger.get(f"/applications/status/releases/{release.pk}/").status_code == 404
    # Wrong phone digits open nothing either.
    stranger.post("/applications/status/", {"receipt_code": app.receipt_code, "phone_last4": "0000"})
    assert stranger.get(f"/applications/status/notices/{reply.pk}/").status_code == 404


def test_the_holder_of_one_application_cannot_open_another(client, county, li_ming, replied):
    app, release = replied
    mine = register(
        li_ming,
        county.finance,
        on=date(2026, 3, 3),
        request={"description": "决算", "doc_number": "", "form_wanted": "paper", "delivery": "post"},
    )
    _look_up(client, mine)
    reply = app.notices.get(kind=NoticeKind.REPLY)
    assert client.get(f"/applications/status/notices/{reply.pk}/").status_code == 404
    assert client.get(f"/applications/status/releases/{release.pk}/").status_code == 404


def test_releases_are_offered_only_after_the_reply(client, county, li_ming):
    app = register(li_ming, county.finance, on=date(2026, 3, 2))
    release = actions.release_redacted(li_ming, app, title="草稿材料", text="原文", redactions=[])
    page = _look_up(client, app).content.decode()
    assert "草稿材料" not in page
    assert client.get(f"/applications/status/releases/{release.pk}/").status_code == 404
