"""The consultation period (RULES.md §7): at least GONGKAI_CONSULTATION_MIN_DAYS calendar days,
both ends counted, unless a reason is recorded — and that reason is shown on the public page."""

from datetime import date

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.consultation import rules
from gongkai.consultation.models import Consultation

from .conftest import new_draft, opened

MAY1 = date(2026, 5, 1)


@pytest.mark.parametrize(
    ("closes_on", "min_days", "reason", "problem"),
    [
        (date(2026, 5, 30), 30, "", None),  # 30 days, both ends counted
        (date(2026, 6, 15), 30, "", None),
        (
            date(2026, 5, 29),
            30,
            "",
            "征求意见期限为29天，少于规定的30天，须填写缩短期限的理由（将在页面上公开）",
        ),
        (
            date(2026, 5, 29),
            30,
            "  ",
            "征求意见期限为29天，少于规定的30天，须填写缩短期限的理由（将在页面上公开）",
        ),
        (date(2026, 5, 10), 30, "防汛形势紧急，需在汛期前出台", None),
        (
            date(2026, 5, 1),
            30,
            "",
            "征求意见期限为1天，少于规定的30天，须填写缩短期限的理由（将在页面上公开）",
        ),
        (date(2026, 4, 30), 30, "有理由也不行", "截止日期不能早于开始日期"),
        (date(2026, 5, 14), 14, "", None),  # configurable (a province's 14 days)
        (
            date(2026, 5, 13),
            14,
            "",
            "征求意见期限为13天，少于规定的14天，须填写缩短期限的理由（将在页面上公开）",
        ),
    ],
)
def test_period_rule(closes_on, min_days, reason, problem):
    assert rules.period_problem(MAY1, closes_on, min_days, reason) == problem


def test_default_period_is_the_minimum(li_ming, settings):
    c = new_draft(li_ming, opens_on=date(2026, 5, 6))
    assert (c.opens_on, c.closes_on, c.period_days) == (date(2026, 5, 6), date(2026, 6, 4), 30)
    settings.GONGKAI_CONSULTATION_MIN_DAYS = 45
    c = new_draft(li_ming, title="另一份草案", opens_on=date(2026, 5, 6))
    assert c.period_days == 45


def test_close_before_open_is_refused_and_nothing_saved(li_ming):
    with pytest.raises(ActionRefused, match="截止日期不能早于开始日期") as exc:
        new_draft(li_ming, opens_on=date(2026, 5, 10), closes_on=date(2026, 5, 9))
    assert exc.value.field == "closes_on"
    assert not Consultation.objects.exists()


def test_short_period_needs_a_reason(li_ming):
    with pytest.raises(ActionRefused, match="须填写缩短期限的理由") as exc:
        new_draft(li_ming, opens_on=date(2026, 5, 6), closes_on=date(2026, 5, 20))
    assert exc.value.field == "short_period_reason"
    assert not Consultation.objects.exists()


def test_short_period_reason_is_recorded_and_shown(li_ming, wang_fang, client):
    c = opened(li_ming, wang_fang, closes_on=date(2026, 5, 20), short_period_reason="上级要求6月1日前出台")
    assert c.short_period_reason == "上级要求6月1日前出台"
    page = client.get(f"/consultations/{c.pk}/").content.decode()
    assert "征求意见期限少于30天的理由：</strong>上级要求6月1日前出台" in page
    assert "（共15天）" in page


def test_a_reason_for_a_full_period_is_not_kept(li_ming):
    c = new_draft(li_ming, short_period_reason="无需理由")
    assert c.short_period_reason == ""


def test_opening_late_starts_today_and_rechecks_the_minimum(li_ming, wang_fang):
    from gongkai.consultation import actions

    c = new_draft(li_ming, opens_on=date(2026, 5, 1), closes_on=date(2026, 5, 30))
    c = actions.approve_consultation(wang_fang, actions.submit_consultation(li_ming, c))
    with pytest.raises(ActionRefused, match="从今天开始计算，征求意见期限为25天，少于规定的30天"):
        actions.open_consultation(li_ming, c)
    c.refresh_from_db()
    assert c.state == "ready"
