"""Scorecards: figures computed from the records, precomputed per agency and day, shown publicly,
downloadable, and on the supervisor's dashboard worst first."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from django.urls import reverse

from gongkai.common import registry
from gongkai.common.charts import bar_chart
from gongkai.interaction import actions, scorecard
from gongkai.interaction.models import AgencyDay

from .conftest import SHANGHAI, answer, write

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def march(county, county_box, monday, zhou_min, wu_lei, wang_fang, li_ming, liu_yang):
    """Six messages received on Monday 2 March 2026 (reply within 5 working days: due 9 March).

    县财政局 (lead): 1 answered the same day and rated 满意; 2 answered on 12 March (late) and rated
    不满意 without reopening; 3 answered the same day, never rated; 4 dispatched, still unanswered;
    5 answered, rated 不满意 and reopened (unanswered again). One more message is marked invalid
    (not counted). Today is then 16 March."""
    people = {"office": zhou_min, "lead": county.finance, "responder": wu_lei, "reviewer": wang_fang}
    m = {i: write(county_box, key=f"sc{i}", subject=f"记分卡留言{i}") for i in range(1, 7)}
    answer(m[1], **people)
    actions.rate_reply(m[1], value="satisfied")
    answer(m[3], **people)
    answer(m[5], **people)
    actions.rate_reply(m[5], value="dissatisfied", reopen=True)
    actions.dispatch_message(zhou_min, m[4], lead_agency=county.finance)
    actions.dispatch_message(zhou_min, m[2], lead_agency=county.finance)
    actions.mark_invalid(zhou_min, m[6], reason="重复发送的广告")
    monday.move_to(datetime(2026, 3, 12, 10, 0, tzinfo=SHANGHAI))
    answer(m[2], **people)
    actions.rate_reply(m[2], value="dissatisfied")
    monday.move_to(datetime(2026, 3, 16, 10, 0, tzinfo=SHANGHAI))
    scorecard.rebuild()
    return m


def test_the_figures_follow_the_rules(march, county):
    fig = scorecard.figures(*MARCH, today=date(2026, 3, 16))[county.finance.pk]
    assert (fig.received, fig.replied, fig.on_time, fig.on_time_pct) == (5, 3, 2, 66.7)
    # Rated: 1 (满意) and 2 (不满意); 3 is not rated and not counted as satisfied; 5's latest
    # rating (不满意) counts until it is rated again.
    assert (fig.rated, fig.satisfied, fig.satisfaction_pct) == (3, 1, 33.3)
    assert (fig.answered, fig.reopened, fig.reopened_pct) == (4, 1, 25.0)
    # First replies: 0, 0, 0 working days (2 March) and 8 (12 March): the median of 0,0,0,8 is 0.
    assert fig.median_workdays == 0
    # 4 and 5 are unanswered: 4 was due 9 March, 5's new round is due 5 working days from 2 March.
    assert fig.overdue_now == 2
    assert fig.longest_unanswered_days == 14


def test_unrated_is_not_satisfied(county_box, monday, county, zhou_min, wu_lei, wang_fang):
    m = write(county_box)
    answer(m, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    scorecard.rebuild()
    fig = scorecard.figures(*MARCH)[county.finance.pk]
    assert (fig.rated, fig.satisfaction_pct) == (0, None)


def test_rows_are_refreshed_when_an_action_commits(
    county_box, monday, county, zhou_min, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        m = write(county_box)
    assert AgencyDay.objects.get(agency=county.office, day=date(2026, 3, 2)).received == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.dispatch_message(zhou_min, m, lead_agency=county.finance)
    # The message moved to its lead agency: the office's row is gone, the finance bureau's is there.
    assert list(AgencyDay.objects.values_list("agency_id", "received")) == [(county.finance.pk, 1)]


def test_rebuild_is_idempotent(march):
    before = list(AgencyDay.objects.order_by("agency_id", "day").values())
    scorecard.rebuild()
    scorecard.rebuild()
    after = list(AgencyDay.objects.order_by("agency_id", "day").values())
    strip = [{k: v for k, v in row.items() if k not in ("id", "refreshed_at")} for row in before]
    assert strip == [{k: v for k, v in row.items() if k not in ("id", "refreshed_at")} for row in after]


def test_figures_are_registered_as_metrics(march, county):
    metric = registry.metrics()["interaction.messages.on_time_pct"]
    assert metric.label == "留言按时答复率（%）"
    assert metric.fn(*MARCH)[county.finance.pk] == 66.7


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        ("12m", date(2025, 4, 1), date(2026, 3, 16)),
        ("nonsense", date(2025, 4, 1), date(2026, 3, 16)),
    ],
)
def test_periods(key, start, end):
    p = scorecard.period_for(key, date(2026, 3, 16))
    assert (p.start, p.end) == (start, end)


def test_public_page_and_downloads(client, march, county):
    page = client.get(reverse("message_scorecards:index"), {"period": "2026-03"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "示范县财政局" in html and "66.7%" in html and "（3件已评价）" in html
    assert "<svg" in html and "每月收到留言数" in html
    # Nobody's name, phone or message text is on a scorecard.
    assert "张三" not in html and "13812345678" not in html and "记分卡留言" not in html

    data = client.get(reverse("message_scorecards:download", args=["csv"]), {"period": "2026-03"})
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert rows[1][:4] == ["机关", "收到留言", "已答复", "按时答复率(%)"]
    finance = next(r for r in rows if r[0] == "示范县财政局")
    assert finance[1:4] == ["5", "3", "66.7"]

    body = json.loads(
        client.get(reverse("message_scorecards:download", args=["json"]), {"period": "2026-03"}).content
    )
    finance = next(a for a in body["agencies"] if a["agency"] == "示范县财政局")
    assert (finance["received"], finance["satisfaction_pct"], finance["rated"]) == (5, 33.3, 3)
    assert body["period"] == {
        "key": "2026-03",
        "label": "2026年3月",
        "start": "2026-03-01",
        "end": "2026-03-31",
    }

    agency = client.get(reverse("message_scorecards:agency", args=[county.finance.pk]), {"period": "2026-03"})
    assert agency.status_code == 200 and "目前超期未答复" in agency.content.decode()
    assert client.get(reverse("message_scorecards:download", args=["xml"])).status_code == 404


def test_dashboard_worst_first_and_veto_line(
    client, march, monday, county, county_box, zhao_qiang, liu_yang, zhou_min
):
    # Received 70 days before 16 March: past the 60-day warning, within the 3-month line.
    monday.move_to(datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI))
    late = write(county_box, key="old", subject="年初的留言")
    actions.dispatch_message(zhou_min, late, lead_agency=county.housing)
    monday.move_to(datetime(2026, 3, 16, 10, 0, tzinfo=SHANGHAI))
    scorecard.rebuild()
    client.force_login(zhao_qiang)
    page = client.get(reverse("interaction_staff:dashboard"), {"period": "12m"})
    html = page.content.decode()
    assert page.status_code == 200
    # 县财政局 has 2 overdue now, 县住建局 1 (the January message): the finance bureau comes first.
    assert html.index("示范县财政局") < html.index("示范县住房和城乡建设局")
    assert "接近3个月未答复（1件）" in html and late.receipt_code in html
    assert march[4].receipt_code in html  # overdue


def test_dashboard_of_another_county_shows_nothing_of_ours(client, march, chen_jing):
    client.force_login(chen_jing)
    html = client.get(reverse("interaction_staff:dashboard")).content.decode()
    assert "示范县财政局" not in html and march[4].receipt_code not in html


def test_chart_is_escaped_and_labelled():
    svg = bar_chart([("2026年3月", 5), ("<b>", None)], title="每月<收到>", chart_id="t")
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert 'role="img"' in svg and "2026年3月：5" in svg and "&lt;b&gt;：无" in svg


def test_records_list_the_counted_messages(client, march, county, zhao_qiang):
    """Each figure's records: the staff list narrowed to the messages the figure counts."""
    client.force_login(zhao_qiang)
    expected = {
        "interaction.messages.received": 5,
        "interaction.messages.on_time_pct": 3,  # its denominator: the answered ones
        "interaction.messages.rated": 3,
        "interaction.messages.reopened_pct": 1,
        "interaction.messages.overdue_now": 2,
    }
    counted = {}
    for code in expected:
        page = client.get(registry.metrics()[code].records(*MARCH, [county.finance.pk])).content.decode()
        counted[code] = int(page.split("，共 ")[1].split(" 条")[0])
    assert counted == expected
    other = client.get(
        registry.metrics()["interaction.messages.received"].records(*MARCH, [county.housing.pk])
    )
    assert "，共 0 条" in other.content.decode()
