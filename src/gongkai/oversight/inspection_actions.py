"""Every write of the website inspection's staff side: atomic, checked, audited.

- `start_inspection`: a supervisor runs the inspection of a site now (the runner of
  oversight/inspection/runner.py crawls, checks, stores findings and calls scoring).
- `mark_fixed`: the responsible agency says a finding is fixed, with a note; the next inspection
  clears it (复查通过) or finds it again (a new open finding).
- `update_scheme`, `update_rule`: a supervisor edits the year's scoring rules.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused

from .inspection_queries import can_fix, manages_site
from .models import Finding, Inspection, InspectionRule, InspectionScheme

NOTE_MAX = 2000
SCHEME_FIELDS = ["year", "pass_line", "bonus_line", "veto_fix_workdays", "fix_workdays"]
RULE_FIELDS = ["check_code", "label", "kind", "veto_threshold", "points", "cap", "indicator"]


def _supervisor(actor) -> None:
    if not (actor.is_superuser or actor.has_role(Role.SUPERVISOR)):
        raise ActionRefused("只有监督考评人员可以进行此操作")


def start_inspection(actor, site, *, base_url: str | None = None) -> Inspection:
    """Run the inspection of `site` now, as `actor` (who must manage the site)."""
    if actor is not None and not manages_site(actor, site):
        raise ActionRefused(f"您无权检查“{site.name}”")
    from .inspection.runner import run_inspection

    return run_inspection(site, actor=actor, base_url=base_url)


@transaction.atomic
def mark_fixed(actor, finding: Finding, *, note: str) -> Finding:
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("inspection__site", "agency")
        .get(pk=finding.pk)
    )
    note = str(note or "").strip()
    if finding.cleared_by_id:
        raise ActionRefused("该问题已复查通过，无需再标记整改")
    if finding.fixed_at:
        raise ActionRefused("该问题已标记为已整改，等待下次检查复查")
    if not can_fix(actor, finding):
        raise ActionRefused("您无权标记该问题，或该问题已被更新的检查取代")
    if not note:
        raise ActionRefused("请填写整改说明", field="note")
    if len(note) > NOTE_MAX:
        raise ActionRefused(f"整改说明不能超过{NOTE_MAX}字（现有{len(note)}字）", field="note")
    before = snapshot(finding, ["fixed_at", "fixed_by", "fix_note"])
    finding.fixed_at = timezone.now()
    finding.fixed_by = actor
    finding.fix_note = note
    finding.save(update_fields=["fixed_at", "fixed_by", "fix_note"])
    record_audit(
        actor=actor,
        action="oversight.finding.fix",
        target=finding,
        agency=finding.agency,
        before=before,
        after=snapshot(finding, ["fixed_at", "fixed_by", "fix_note"]),
        note=note,
    )
    return finding


def _decimal(value: Any, what: str, field: str, *, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ActionRefused(f"{what}应为数字（如 2 或 0.5），您填写的是“{value}”", field=field) from None
    if not number.is_finite() or number != number.quantize(Decimal("0.1")):
        raise ActionRefused(f"{what}最多保留一位小数", field=field)
    if not (low <= number <= high):
        raise ActionRefused(f"{what}应在{low}到{high}之间", field=field)
    return number.quantize(Decimal("0.1"))


def _int(value: Any, what: str, field: str, *, low: int, high: int, blank: bool = False) -> int | None:
    text = str(value if value is not None else "").strip()
    if blank and not text:
        return None
    if not text.isdigit():
        raise ActionRefused(f"{what}应为{low}到{high}之间的整数，您填写的是“{text}”", field=field)
    number = int(text)
    if not (low <= number <= high):
        raise ActionRefused(f"{what}应为{low}到{high}之间的整数", field=field)
    return number


@transaction.atomic
def update_scheme(actor, scheme: InspectionScheme, **values: Any) -> InspectionScheme:
    _supervisor(actor)
    scheme = InspectionScheme.objects.select_for_update().get(pk=scheme.pk)
    pass_line = _decimal(
        values.get("pass_line", scheme.pass_line), "合格线", "pass_line", low=Decimal(0), high=Decimal(100)
    )
    bonus_line = _decimal(
        values.get("bonus_line", scheme.bonus_line), "加分线", "bonus_line", low=Decimal(0), high=Decimal(100)
    )
    if bonus_line < pass_line:
        raise ActionRefused("加分线不能低于合格线", field="bonus_line")
    veto_days = _int(
        values.get("veto_fix_workdays", scheme.veto_fix_workdays),
        "单项否决问题整改期限",
        "veto_fix_workdays",
        low=1,
        high=60,
    )
    days = _int(
        values.get("fix_workdays", scheme.fix_workdays), "扣分问题整改期限", "fix_workdays", low=1, high=60
    )
    before = snapshot(scheme, SCHEME_FIELDS)
    scheme.pass_line, scheme.bonus_line = pass_line, bonus_line
    scheme.veto_fix_workdays, scheme.fix_workdays = veto_days, days
    scheme.save()
    after = snapshot(scheme, SCHEME_FIELDS)
    if after != before:
        record_audit(
            actor=actor,
            action="oversight.inspection_scheme.update",
            target=scheme,
            before=before,
            after=after,
        )
    return scheme


@transaction.atomic
def update_rule(actor, rule: InspectionRule, **values: Any) -> InspectionRule:
    """Change one rule. A veto rule needs a threshold (a whole number ≥ 1); points and cap are
    numbers with at most one decimal place, the cap not below the points."""
    _supervisor(actor)
    rule = InspectionRule.objects.select_for_update().get(pk=rule.pk)
    kind = values.get("kind", rule.kind)
    if kind not in InspectionRule.Kind.values:
        raise ActionRefused("类别应为“单项否决”或“扣分”", field="kind")
    threshold = _int(
        values.get("veto_threshold", rule.veto_threshold),
        "否决阈值",
        "veto_threshold",
        low=1,
        high=10000,
        blank=True,
    )
    if kind == InspectionRule.Kind.VETO and threshold is None:
        raise ActionRefused("单项否决项须填写否决阈值（达到多少个问题即否决）", field="veto_threshold")
    if kind == InspectionRule.Kind.DEDUCT:
        threshold = None
    points = _decimal(
        values.get("points", rule.points), "每项扣分", "points", low=Decimal(0), high=Decimal(100)
    )
    cap = _decimal(values.get("cap", rule.cap), "扣分上限", "cap", low=Decimal(0), high=Decimal(100))
    if points and cap and cap < points:
        raise ActionRefused("扣分上限不能低于每项扣分（0 表示不设上限）", field="cap")
    indicator = str(values.get("indicator", rule.indicator) or "").strip()
    if len(indicator) > 300:
        raise ActionRefused(f"依据指标不能超过300字（现有{len(indicator)}字）", field="indicator")
    before = snapshot(rule, RULE_FIELDS)
    rule.kind, rule.veto_threshold, rule.points, rule.cap, rule.indicator = (
        kind,
        threshold,
        points,
        cap,
        indicator,
    )
    rule.save()
    after = snapshot(rule, RULE_FIELDS)
    if after != before:
        record_audit(
            actor=actor,
            action="oversight.inspection_rule.update",
            target=rule,
            before=before,
            after=after,
            note=f"{rule.scheme.year}年 {rule.label}",
        )
    return rule
