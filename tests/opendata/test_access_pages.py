"""The pages: a citizen applies (Back + resubmit gives the same receipt), the reviewer approves on the
workbench and sees the token once, revokes it; the lists' query counts; the open-data home page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.opendata.models import AccessApplication, AccessToken
from tests.opendata.access_helpers import apply, at, make_dataset
from tests.opendata.conftest import published_budget

pytestmark = pytest.mark.django_db


def _application_form(client, dataset):
    page = client.get(reverse("opendata:apply", args=[dataset.pk]))
    assert page.status_code == 200
    return {
        "applicant_name": "周研究",
        "organisation": "示范大学",
        "contact": "13912345678",
        "purpose": "研究财政支出结构",
        "period_from": "2026-03-02",
        "period_to": "2026-12-31",
        "idempotency_key": page.context["form"]["idempotency_key"].value(),
    }


def test_apply_approve_and_the_token_shown_once(client, county, wang_fang):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        data = _application_form(client, dataset)
        first = client.post(reverse("opendata:apply", args=[dataset.pk]), data)
        again = client.post(reverse("opendata:apply", args=[dataset.pk]), data)
        assert first["Location"] == again["Location"]
        receipt = client.get(first["Location"]).content.decode()
        app = AccessApplication.objects.get()
        assert app.receipt_code in receipt and "2026年3月16日" in receipt
        client.force_login(wang_fang)
        url = reverse("opendata_staff:application", args=[app.pk])
        detail = client.get(url).content.decode()
        assert "周研究" in detail and "13912345678" in detail and "2026-03-16" in detail
        done = client.post(
            url, {"decision": "approve", "reason": "", "daily_rows": "1000", "daily_calls": ""}
        )
        assert done.status_code == 200 and done["Cache-Control"] == "no-store"
        token = AccessToken.objects.get()
        shown = done.content.decode()
        assert 'id="issued-token">gkd_' in shown
        raw = shown.split('id="issued-token">')[1].split("<")[0]
        assert token.daily_rows == 1000 and token.prefix == raw[:12]
        assert raw not in client.get(url).content.decode()  # never again
        revoke = client.post(reverse("opendata_staff:token", args=[token.pk]), {"reason": ""})
        assert "请填写撤销理由" in revoke.content.decode()
        client.post(reverse("opendata_staff:token", args=[token.pk]), {"reason": "违反约定"})
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == wang_fang


def test_refusing_needs_a_reason_and_every_error_shows(client, county, wang_fang):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        app = apply(dataset)
        client.force_login(wang_fang)
        page = client.post(
            reverse("opendata_staff:application", args=[app.pk]), {"decision": "refuse", "reason": " "}
        )
        assert "请填写不予批准的理由" in page.content.decode()
        app.refresh_from_db()
        assert app.state == "pending"


def test_only_conditional_published_datasets_take_applications(client, county):
    for ds in (
        make_dataset(county.finance, "公开数据", openness="open"),
        make_dataset(county.finance, "草稿", state="draft"),
    ):
        assert client.get(reverse("opendata:apply", args=[ds.pk])).status_code == 404


def test_the_staff_list_in_a_fixed_number_of_queries(
    client, county, wang_fang, django_assert_max_num_queries
):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        for n in range(6):
            apply(dataset, key=f"k-{n}")
        client.force_login(wang_fang)
        with django_assert_max_num_queries(14):
            page = client.get(reverse("opendata_staff:access"))
    assert page.content.decode().count("SJ2026-") == 6


def test_the_home_page_counts_and_lists_only_published_datasets(
    client, county, li_ming, wang_fang, sun_li, django_assert_max_num_queries
):
    published_budget(li_ming, wang_fang, sun_li, title="县级预算收支")
    make_dataset(county.housing, "保障房分配", openness="conditional", theme="社会保障")
    make_dataset(county.housing, "内部草稿", state="draft")
    make_dataset(county.housing, "不予开放的数据", openness="closed")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("opendata:home")).content.decode()
    assert "县级预算收支" in page and "保障房分配" in page
    assert "内部草稿" not in page and "不予开放的数据" not in page
    figures = page.split('id="open-data-figures"')[1].split("</dl>")[0]
    for label, n in (("数据集", 2), ("数据资源", 1), ("提供单位", 2), ("数据条数", 2), ("接口调用", 0)):
        assert f"<dt>{label}</dt><dd>{n}</dd>" in figures
    conditional = page.split('id="conditional-title"')[1].split("</section>")[0]
    assert "保障房分配" in conditional and "县级预算收支" not in conditional and "申请使用" in conditional
