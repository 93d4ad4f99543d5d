"""Help while answering: already published, repeat of an answered application, petition in disguise."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from gongkai.applications import actions, suggest
from gongkai.search.index import index_entry
from tests.applications.helpers import REQUEST, register

pytestmark = pytest.mark.django_db


def test_published_document_suggests_36_1_with_the_link(client, county, li_ming):
    index_entry(
        "document",
        99,
        agency_id=county.finance.pk,
        title="示范县财政局2026年部门预算公开说明",
        doc_number="示财发〔2026〕3号",
        body="部门预算",
        url="/openness/documents/99/",
        published_at=timezone.now(),
    )
    app = register(li_ming, county.finance, on=date(2026, 11, 2))
    found = suggest.published(app)
    assert found and found[0].outcome == "disclose" and found[0].url == "/openness/documents/99/"
    client.force_login(li_ming)
    page = client.get(f"/workbench/applications/{app.pk}/act/draft_reply/").content.decode()
    assert "/openness/documents/99/" in page and "第三十六条第（一）项" in page


def test_repeat_of_an_answered_application(county, li_ming, wang_fang, zhang_wei):
    first = register(li_ming, county.finance, on=date(2026, 3, 2))
    actions.draft_reply(li_ming, first, outcome="disclose", values={"where": "邮寄"})
    actions.review_reply(wang_fang, first)
    actions.send_reply(zhang_wei, first, on=date(2026, 3, 9))
    again = register(li_ming, county.finance, on=date(2026, 11, 2), request=REQUEST | {"doc_number": ""})
    found = suggest.repeats(again)
    assert [s.outcome for s in found] == ["not_processed_repeat"] and first.receipt_code in found[0].reason
    other = register(
        li_ming,
        county.finance,
        on=date(2026, 11, 2),
        request=REQUEST | {"doc_number": "", "description": "县城学区划分"},
    )
    assert suggest.repeats(other) == []


def test_petition_in_disguise(county, li_ming):
    app = register(
        li_ming,
        county.finance,
        on=date(2026, 11, 2),
        request=REQUEST | {"description": "举报某施工单位拖欠工资，要求查处"},
    )
    assert [s.outcome for s in suggest.petition(app)] == ["not_processed_petition"]
    assert suggest.petition(register(li_ming, county.finance, on=date(2026, 11, 2))) == []
