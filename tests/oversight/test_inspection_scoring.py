"""Scoring of an inspection under the year's configurable rules: veto thresholds, deductions and
their caps, the pass and bonus lines, fix-by dates, and the rule editor's refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.oversight import inspection_actions as actions
from gongkai.oversight.inspection.scoring import scheme_for
from gongkai.oversight.models import InspectionRule, InspectionScheme

from .inspection_fixtures import inspect_with, make_site

AT = timezone.make_aware(dt.datetime(2026, 11, 2, 9, 0))  # a Monday


@pytest.fixture
def site(county):
    return make_site("示范县人民政府门户网站", county.government)


def _rule(year: int, code: str) -> InspectionRule:
    return scheme_for(year).rules.get(check_code=code)


def test_defaults_follow_the_state_council_indicators(db):
    scheme = scheme_for(2026)
    assert (scheme.pass_line, scheme.bonus_line) == (60, 80)
    assert (scheme.veto_fix_workdays, scheme.fix_workdays) == (3, 10)
    empty = scheme.rules.get(check_code="columns.empty")
    assert (empty.kind, empty.veto_threshold) == ("veto", 5)
    assert "国办秘函〔2019〕19号" in empty.indicator
    assert scheme.rules.get(check_code="links.broken").kind == "deduct"
    # the next year starts as a copy of this one, edits included
    empty.points = Decimal("3")
    empty.save()
    assert scheme_for(2027).rules.get(check_code="columns.empty").points == Decimal("3")


def test_below_the_threshold_deducts_at_it_vetoes(site, county):
    four = inspect_with(site, [("columns.empty", f"c{i}", county.finance, 1) for i in range(4)], at=AT)
    assert not four.vetoed and four.passed
    assert four.score == Decimal("92.0")  # 4 × 2
    assert four.summary["checks"]["columns.empty"]["deduction"] == "8.0"
    five = inspect_with(site, [("columns.empty", f"c{i}", county.finance, 1) for i in range(5)], at=AT)
    assert five.vetoed and not five.passed
    assert five.score == Decimal("100.0")  # a veto item deducts nothing: the site fails anyway
    assert all(f.vetoes for f in five.findings.all())
    # counts add up: one finding of 5 empty columns vetoes as five findings do
    one = inspect_with(site, [("columns.empty", "all", county.finance, 5)], at=AT)
    assert one.vetoed


def test_deductions_stop_at_the_cap_and_the_score_at_zero(site, county):
    links = [("links.broken", f"l{i}", county.finance, 1) for i in range(30)]
    inspection = inspect_with(site, links, at=AT)
    assert inspection.summary["checks"]["links.broken"]["deduction"] == "20.0"
    assert sum(f.deduction for f in inspection.findings.all()) == Decimal("20.0")
    assert inspection.score == Decimal("80.0") and inspection.passed and inspection.summary["bonus"]
    rule = _rule(2026, "links.broken")
    rule.cap, rule.points = Decimal(0), Decimal(5)  # no cap: 30 × 5 = 150 → 0
    rule.save()
    assert inspect_with(site, links, at=AT).score == Decimal("0.0")


def test_pass_and_bonus_lines_are_configurable(site, county, zhao_qiang):
    findings = [("links.broken", f"l{i}", county.finance, 1) for i in range(15)]  # 85
    inspection = inspect_with(site, findings, at=AT)
    assert inspection.passed and inspection.summary["bonus"]
    actions.update_scheme(zhao_qiang, scheme_for(2026), pass_line="90", bonus_line="95")
    again = inspect_with(site, findings, at=AT)
    assert again.score == Decimal("85.0") and not again.passed and not again.summary["bonus"]
    entry = AuditEntry.objects.filter(action="oversight.inspection_scheme.update").get()
    assert entry.before["pass_line"] == "60.0" and entry.after["pass_line"] == "90.0"


def test_a_deduction_rule_made_a_veto_fails_the_site(site, county, zhao_qiang):
    rule = _rule(2026, "links.broken")
    actions.update_rule(zhao_qiang, rule, kind="veto", veto_threshold="3", points="1", cap="20")
    assert not inspect_with(site, [("links.broken", "a", county.finance, 2)], at=AT).vetoed
    assert inspect_with(site, [("links.broken", "a", county.finance, 3)], at=AT).vetoed
    assert AuditEntry.objects.filter(action="oversight.inspection_rule.update").count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "veto", "veto_threshold": "五个"}, "否决阈值应为1到10000之间的整数"),
        ({"kind": "veto", "veto_threshold": ""}, "单项否决项须填写否决阈值"),
        ({"kind": "veto", "veto_threshold": "0"}, "否决阈值应为1到10000之间的整数"),
        ({"points": "abc"}, "每项扣分应为数字"),
        ({"points": "1.25"}, "最多保留一位小数"),
        ({"points": "5", "cap": "2"}, "扣分上限不能低于每项扣分"),
        ({"kind": "maybe"}, "类别应为"),
    ],
)
def test_a_malformed_rule_is_refused_and_nothing_changes(db, zhao_qiang, values, message):
    rule = _rule(2026, "columns.empty")
    before = (rule.kind, rule.veto_threshold, rule.points, rule.cap)
    with pytest.raises(ActionRefused, match=message):
        actions.update_rule(zhao_qiang, rule, **values)
    rule.refresh_from_db()
    assert (rule.kind, rule.veto_threshold, rule.points, rule.cap) == before
    assert not AuditEntry.objects.filter(action="oversight.inspection_rule.update").exists()


def test_scheme_refusals(db, zhao_qiang, li_ming):
    scheme = scheme_for(2026)
    with pytest.raises(ActionRefused, match="加分线不能低于合格线"):
        actions.update_scheme(zhao_qiang, scheme, pass_line="85", bonus_line="80")
    with pytest.raises(ActionRefused, match="合格线应在0到100之间"):
        actions.update_scheme(zhao_qiang, scheme, pass_line="120")
    with pytest.raises(ActionRefused, match="只有监督考评人员"):
        actions.update_scheme(li_ming, scheme, pass_line="70")
    assert InspectionScheme.objects.get().pass_line == 60


def test_fix_by_counts_working_days_and_keeps_the_first_date(site, county):
    first = inspect_with(
        site, [("pages.defaced", "p1", county.finance, 1), ("links.broken", "l1", county.finance, 1)], at=AT
    )
    defaced = first.findings.get(check_code="pages.defaced")
    broken = first.findings.get(check_code="links.broken")
    assert defaced.vetoes and defaced.fix_by == dt.date(2026, 11, 5)  # Mon + 3 working days
    assert broken.fix_by == dt.date(2026, 11, 16)  # Mon + 10 working days (two weekends)
    later = inspect_with(site, [("links.broken", "l1", county.finance, 1)], at=AT + dt.timedelta(days=3))
    assert later.findings.get().fix_by == dt.date(2026, 11, 16)  # found again: the date stands
