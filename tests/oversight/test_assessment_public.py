"""The public side of 考核评议: only published results show (pages, downloads, API); the ranking,
the scorecard, CSV and JSON; the "有用 / 没用" rating with a moderated, masked comment that Back +
resubmit never duplicates."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from gongkai.oversight import assessment_actions as actions
from gongkai.oversight.models import ScorecardRating

from .assessment_builders import county_metrics, published_2025, scheme_2025

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(county, zhao_qiang):
    with county_metrics(county):
        return published_2025(zhao_qiang, county)


def test_nothing_unpublished_is_public(client, county, zhao_qiang):
    with county_metrics(county):
        assessment = actions.compute_assessment(zhao_qiang, scheme_2025(zhao_qiang, county))
    page = client.get(reverse("oversight:scorecards")).content.decode()
    assert "暂无已发布的考核结果" in page and "县住建局" not in page
    for url in (
        reverse("oversight:scorecard_ranking", args=[assessment.pk]),
        reverse("oversight:scorecard", args=[assessment.pk, county.finance.pk]),
        reverse("oversight:scorecard_rate", args=[assessment.pk, county.finance.pk]),
        reverse("oversight:scorecard_download", args=[assessment.pk, "csv"]),
        reverse("oversight:scorecard_download", args=[assessment.pk, "json"]),
        f"/api/scorecards/{assessment.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/scorecards/").json() == {"items": [], "next_cursor": None}


def test_ranking_page(client, county, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("oversight:scorecards"))
    page = response.content.decode()
    assert "示范县人民政府2025年度政务公开工作考核" in page
    # rank, agency, total, each indicator's points; 县住建局 last with 25
    assert page.index("示范县财政局") < page.index("示范县住房和城乡建设局")
    assert "<strong>25</strong>" in page and "<strong>90</strong>" in page
    assert "指标数据暂缺" in page and "邻县" not in page
    assert '<svg class="chart"' in page and "示范县住房和城乡建设局" in page
    assert "达到95%及以上得满分40分，60%及以下不得分，其间按比例计分" in page
    assert client.get(reverse("oversight:scorecard_ranking", args=[published.pk])).status_code == 200


def test_csv_and_json_downloads(client, county, published):
    response = client.get(reverse("oversight:scorecard_download", args=[published.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["名次", "机关", "总分", "按时答复率（数值）", "按时答复率（得分，满分40）"]
    housing = next(r for r in rows if r[1] == "示范县住房和城乡建设局")
    assert housing[:5] == ["4", "示范县住房和城乡建设局", "25", "60%", "0"]
    assert housing[-2:] == ["指标数据暂缺", "0"]
    assert len(rows) == 5
    data = json.loads(
        client.get(reverse("oversight:scorecard_download", args=[published.pk, "json"])).content
    )
    assert data["period"] == "2025年度" and len(data["indicators"]) == 4
    finance = next(s for s in data["scores"] if s["agency"]["id"] == county.finance.pk)
    assert finance["total"] == 90.0 and finance["rank"] == 1
    assert [i["status"] for i in finance["items"]] == ["ok", "no_data", "no_data", "missing"]
    assert client.get(reverse("oversight:scorecard_download", args=[published.pk, "xml"])).status_code == 404


def test_scorecard_of_one_agency(client, county, published):
    page = client.get(reverse("oversight:scorecard", args=[published.pk, county.housing.pk])).content.decode()
    assert "示范县住房和城乡建设局2025年度考核成绩单" in page
    assert "25分" in page and "第4名（共4个机关）" in page
    assert "50%" in page and "15 / 30" in page  # 2 of 4 conferences held
    assert "不超过0得满分20分，达到2及以上不得分" in page
    assert '<div class="table-scroll">' in page and '<svg class="chart"' in page
    assert "0人认为有用，0人认为没用" in page
    assert (
        client.get(reverse("oversight:scorecard", args=[published.pk, county.neighbour.pk])).status_code
        == 404
    )


def _rate(client, assessment, agency, **data):
    return client.post(reverse("oversight:scorecard_rate", args=[assessment.pk, agency.pk]), data)


def test_rating_with_comment_is_moderated_masked_and_never_duplicated(client, county, published, zhao_qiang):
    form = client.get(
        reverse("oversight:scorecard_rate", args=[published.pk, county.finance.pk]) + "?useful=1"
    )
    key = form.context["form"].initial["idempotency_key"]
    data = {"useful": "1", "comment": "数据很清楚，我的电话13812345678", "idempotency_key": key}
    first = _rate(client, published, county.finance, **data)
    assert first.status_code == 302
    again = _rate(client, published, county.finance, **data)  # Back + resubmit: the same key
    assert again["Location"] == first["Location"]
    # a reloaded form (new key) with the same text typed again finds it too
    key2 = (
        client.get(reverse("oversight:scorecard_rate", args=[published.pk, county.finance.pk]))
        .context["form"]
        .initial["idempotency_key"]
    )
    assert key2 != key
    third = _rate(client, published, county.finance, **{**data, "idempotency_key": key2})
    assert third["Location"] == first["Location"]
    rating = ScorecardRating.objects.get()
    assert (
        rating.state == ScorecardRating.State.PENDING and rating.comment == "数据很清楚，我的电话138****5678"
    )
    thanks = client.get(first["Location"]).content.decode()
    assert "审核通过后公开" in thanks
    scorecard = reverse("oversight:scorecard", args=[published.pk, county.finance.pk])
    assert "数据很清楚" not in client.get(scorecard).content.decode()  # pending: not shown, not counted
    assert "0人认为有用" in client.get(scorecard).content.decode()

    staff = client.__class__()
    staff.force_login(zhao_qiang)
    listing = staff.get(reverse("oversight_staff:assessment_ratings")).content.decode()
    assert "138****5678" in listing and "13812345678" not in listing
    staff.post(reverse("oversight_staff:assessment_ratings"), {"rating": rating.pk, "decision": "approve"})
    rating.refresh_from_db()
    assert rating.state == ScorecardRating.State.APPROVED and rating.moderated_by == zhao_qiang
    page = client.get(scorecard).content.decode()
    assert "数据很清楚，我的电话138****5678" in page and "13812345678" not in page
    assert "1人认为有用，0人认为没用" in page
    refused = staff.post(
        reverse("oversight_staff:assessment_ratings"),
        {"rating": rating.pk, "decision": "reject", "reason": "x"},
    )
    assert "该评价已审核（已通过），不能重复审核" in refused.content.decode()


def test_reject_needs_a_reason_and_hides_the_comment(client, county, published, zhao_qiang, chen_jing):
    rating, _ = actions.rate_scorecard(
        published, county.housing, useful=False, comment="广告内容", idempotency_key="k-1"
    )
    outsider = client.__class__()
    outsider.force_login(chen_jing)
    assert (
        outsider.post(
            reverse("oversight_staff:assessment_ratings"), {"rating": rating.pk, "decision": "approve"}
        ).status_code
        == 404
    )
    staff = client.__class__()
    staff.force_login(zhao_qiang)
    response = staff.post(
        reverse("oversight_staff:assessment_ratings"), {"rating": rating.pk, "decision": "reject"}
    )
    assert "请填写不通过的理由" in response.content.decode()
    rating.refresh_from_db()
    assert rating.state == ScorecardRating.State.PENDING
    staff.post(
        reverse("oversight_staff:assessment_ratings"),
        {"rating": rating.pk, "decision": "reject", "reason": "与考核无关"},
    )
    rating.refresh_from_db()
    assert rating.state == ScorecardRating.State.REJECTED and rating.reject_reason == "与考核无关"
    page = client.get(reverse("oversight:scorecard", args=[published.pk, county.housing.pk])).content.decode()
    assert "广告内容" not in page and "0人认为没用" in page


def test_a_bare_answer_counts_at_once_and_bad_input_changes_nothing(client, county, published):
    key = (
        client.get(reverse("oversight:scorecard_rate", args=[published.pk, county.housing.pk]))
        .context["form"]
        .initial["idempotency_key"]
    )
    response = _rate(client, published, county.housing, idempotency_key=key)
    assert "请选择“有用”或“没用”" in response.content.decode()
    response = _rate(client, published, county.housing, useful="0", comment="长" * 501, idempotency_key=key)
    assert "意见不能超过500字" in response.content.decode()
    assert not ScorecardRating.objects.exists()
    _rate(client, published, county.housing, useful="0", idempotency_key=key)
    assert ScorecardRating.objects.get().state == ScorecardRating.State.APPROVED
    page = client.get(reverse("oversight:scorecard", args=[published.pk, county.housing.pk])).content.decode()
    assert "0人认为有用，1人认为没用" in page


def test_the_thanks_page_is_only_for_the_session_that_rated(client, county, published):
    rating, _ = actions.rate_scorecard(
        published, county.finance, useful=True, comment="好", idempotency_key="k-2"
    )
    url = reverse("oversight:scorecard_rated", args=[published.pk, county.finance.pk, rating.pk])
    assert client.get(url).status_code == 404


def test_api_lists_and_details_published_only(client, county, published, zhao_qiang):
    with county_metrics(county):
        scheme = actions.copy_scheme(zhao_qiang, published.scheme, year=2026)
        actions.compute_assessment(zhao_qiang, scheme, quarter=1)  # not published
    listing = client.get("/api/scorecards/").json()
    assert [i["id"] for i in listing["items"]] == [published.pk] and listing["next_cursor"] is None
    assert listing["items"][0]["period"] == "2025年度"
    detail = client.get(f"/api/scorecards/{published.pk}").json()
    assert [s["agency"]["name"] for s in detail["scores"]][-1] == "示范县住房和城乡建设局"
    assert detail["scores"][-1]["total"] == 25.0 and detail["indicators"][0]["weight"] == 40.0
    missing = client.get("/api/scorecards/999999")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert client.get("/api/scorecards/?year=2025").json()["code"] == "unknown_parameter"
    assert client.get("/api/scorecards/?limit=0").json()["code"] == "invalid_input"


def test_the_page_opens_on_the_most_recent_year_whatever_was_published_last(client, county, zhao_qiang):
    with county_metrics(county):
        scheme = scheme_2025(zhao_qiang, county)
        current = actions.copy_scheme(zhao_qiang, scheme, year=2026)
        q1 = actions.publish_assessment(
            zhao_qiang, actions.compute_assessment(zhao_qiang, current, quarter=1)
        )
        actions.publish_assessment(zhao_qiang, actions.compute_assessment(zhao_qiang, scheme))
    page = client.get(reverse("oversight:scorecards")).content.decode()
    assert page.index("示范县人民政府2026年第一季度政务公开工作考核排名") < page.index("历次考核结果")
    assert f'href="{reverse("oversight:scorecard_download", args=[q1.pk, "csv"])}"' in page
