"""Scoring of a website inspection under the year's configurable rules (国办秘函〔2019〕19号).

`apply(inspection)` reads the inspection's findings and the year's `InspectionScheme` (created on
first use, see `scheme_for`), and sets:
- each finding's `vetoes` and `deduction`, and its `fix_by` (working days after the inspection; a
  problem already found by the previous inspection of the site keeps its earlier fix-by date);
- the inspection's `score` (100 − deductions, floor 0), `vetoed`, `passed` (not vetoed and score ≥
  the pass line) and `summary["checks"]` (per check: items, findings, vetoed, deduction), beside
  whatever else the runner keeps in `summary`.

A check's findings count by their `count` (items: columns, links …). A veto rule vetoes the site
when the items reach its threshold; below it, and for a deduction rule, each item costs `points`,
at most `cap` for the check. Checks without a rule get one on first use: a deduction of 1 point an
item, at most 10, citing the check's own indicator — a supervisor then sets it in the workbench.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.oversight.models import Finding, Inspection, InspectionRule, InspectionScheme
from gongkai.workdays.services import current_calendar

from .registry import checks

FULL_MARKS = Decimal(100)
DOC = "国办秘函〔2019〕19号"


@dataclass(frozen=True)
class DefaultRule:
    label: str
    kind: str
    veto_threshold: int | None
    points: str
    cap: str
    indicator: str
    order: int


V, D = InspectionRule.Kind.VETO, InspectionRule.Kind.DEDUCT

# The State Council defaults (RULES.md §8), keyed by check code (oversight/inspection/checks.py).
DEFAULT_RULES: dict[str, DefaultRule] = {
    "site.unreachable": DefaultRule(
        "站点无法访问", V, 1, "0", "0", f"{DOC} 单项否决指标：站点无法访问（首页无法打开比例超过5%）", 5
    ),
    "home.stale": DefaultRule(
        "首页栏目更新", V, 1, "0", "0", f"{DOC} 单项否决指标：首页栏目信息超过2周未更新", 10
    ),
    "columns.stale": DefaultRule(
        "栏目更新",
        V,
        5,
        "2",
        "20",
        f"{DOC} 单项否决指标：动态、要闻类栏目超过2周未更新，或通知公告、政策文件类栏目超过6个月未更新，累计5个及以上；不足5个的按扣分指标“更新量”每个扣2分",
        20,
    ),
    "columns.empty": DefaultRule(
        "空白栏目",
        V,
        5,
        "2",
        "10",
        f"{DOC} 单项否决指标：空白栏目数量超过5个；不足5个的按扣分指标“栏目更新”每个扣2分",
        30,
    ),
    "links.broken": DefaultRule(
        "链接可用性",
        D,
        None,
        "1",
        "20",
        f"{DOC} 扣分指标“可用性”：首页及其他页面不可用链接，每个扣1分",
        40,
    ),
    "messages.unanswered": DefaultRule(
        "互动回应",
        V,
        1,
        "0",
        "0",
        f"{DOC} 单项否决指标：近1年内存在超过3个月未回应的有效留言",
        50,
    ),
    "guides.missing_elements": DefaultRule(
        "办事指南要素",
        V,
        1,
        "0",
        "0",
        f"{DOC} 单项否决指标：办事指南缺少事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程等要素",
        60,
    ),
    "content.forbidden": DefaultRule(
        "违规内容",
        V,
        1,
        "0",
        "0",
        f"{DOC} 单项否决指标“安全、泄密事故等严重问题”：发布或链接违法违规、有害信息",
        70,
    ),
    "content.injected": DefaultRule(
        "植入内容",
        V,
        1,
        "0",
        "0",
        f"{DOC} 单项否决指标“安全、泄密事故等严重问题”：网站被植入暗链、外来脚本等内容未及时处置",
        75,
    ),
    "pages.defaced": DefaultRule(
        "网页篡改",
        V,
        1,
        "0",
        "0",
        f"{DOC} 单项否决指标“安全、泄密事故等严重问题”：网页被篡改未及时处置",
        80,
    ),
    "newmedia.breach": DefaultRule(
        "政务新媒体",
        D,
        None,
        "2",
        "10",
        f"{DOC} 政务新媒体检查指标：2周内无更新、互动功能失效或发布违法违规内容的账号，每个扣2分",
        90,
    ),
}
FALLBACK = ("1", "10")  # points, cap of a rule made for a check with no default


@transaction.atomic
def scheme_for(year: int) -> InspectionScheme:
    """The scheme of `year`, made on first use: a copy of the latest earlier year's scheme, or the
    State Council defaults; a rule is added for every registered check that has none."""
    scheme = InspectionScheme.objects.filter(year=year).first()
    if scheme is None:
        earlier = InspectionScheme.objects.filter(year__lt=year).order_by("-year").first()
        scheme = InspectionScheme.objects.create(
            year=year,
            **(
                {
                    "pass_line": earlier.pass_line,
                    "bonus_line": earlier.bonus_line,
                    "veto_fix_workdays": earlier.veto_fix_workdays,
                    "fix_workdays": earlier.fix_workdays,
                }
                if earlier
                else {}
            ),
        )
        if earlier:
            InspectionRule.objects.bulk_create(
                InspectionRule(
                    scheme=scheme,
                    check_code=r.check_code,
                    label=r.label,
                    kind=r.kind,
                    veto_threshold=r.veto_threshold,
                    points=r.points,
                    cap=r.cap,
                    indicator=r.indicator,
                    order=r.order,
                )
                for r in earlier.rules.all()
            )
        else:
            InspectionRule.objects.bulk_create(
                InspectionRule(
                    scheme=scheme,
                    check_code=code,
                    label=d.label,
                    kind=d.kind,
                    veto_threshold=d.veto_threshold,
                    points=Decimal(d.points),
                    cap=Decimal(d.cap),
                    indicator=d.indicator,
                    order=d.order,
                )
                for code, d in DEFAULT_RULES.items()
            )
    have = set(scheme.rules.values_list("check_code", flat=True))
    missing = [c for c in checks() if c.code not in have]
    if missing:
        InspectionRule.objects.bulk_create(
            InspectionRule(
                scheme=scheme,
                check_code=c.code,
                label=c.label[:100],
                kind=InspectionRule.Kind.DEDUCT,
                points=Decimal(FALLBACK[0]),
                cap=Decimal(FALLBACK[1]),
                indicator=c.indicator[:300],
                order=c.order,
            )
            for c in missing
        )
    return InspectionScheme.objects.get(pk=scheme.pk)  # values as stored (60.0, not 60)


def _rule_for(rules: dict[str, InspectionRule], scheme: InspectionScheme, code: str) -> InspectionRule:
    """The rule of a check code found without one (a check no longer registered, or a code a test
    made up): made once, as a deduction with the fallback points."""
    if code not in rules:
        default = DEFAULT_RULES.get(code)
        rules[code] = InspectionRule.objects.create(
            scheme=scheme,
            check_code=code,
            label=default.label if default else code,
            kind=default.kind if default else InspectionRule.Kind.DEDUCT,
            veto_threshold=default.veto_threshold if default else None,
            points=Decimal(default.points if default else FALLBACK[0]),
            cap=Decimal(default.cap if default else FALLBACK[1]),
            indicator=default.indicator if default else "",
            order=default.order if default else 99,
        )
    return rules[code]


def fix_by_date(start: date, workdays: int) -> date:
    return current_calendar().add_workdays(start, workdays).due or start


@transaction.atomic
def apply(inspection: Inspection) -> Inspection:
    """Score `inspection` from its findings (see the module docstring); idempotent."""
    when = timezone.localtime(inspection.finished_at or inspection.started_at)
    scheme = scheme_for(when.year)
    rules = {r.check_code: r for r in scheme.rules.all()}
    findings = list(inspection.findings.order_by("id"))
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.check_code, []).append(f)

    earlier = {
        (f.check_code, f.key): f.fix_by
        for f in Finding.objects.filter(
            inspection__site_id=inspection.site_id,
            inspection__started_at__lt=inspection.started_at,
            cleared_by__isnull=True,
            fix_by__isnull=False,
        ).only("check_code", "key", "fix_by")
    }
    start = when.date()
    veto_due = fix_by_date(start, scheme.veto_fix_workdays)
    other_due = fix_by_date(start, scheme.fix_workdays)

    total = Decimal(0)
    vetoed = False
    summary: dict[str, dict] = {}
    for code, items in sorted(by_code.items(), key=lambda kv: (_rule_for(rules, scheme, kv[0]).order, kv[0])):
        rule = rules[code]
        count = sum(max(f.count, 1) for f in items)
        check_vetoes = (
            rule.kind == InspectionRule.Kind.VETO
            and rule.veto_threshold is not None
            and count >= rule.veto_threshold
        )
        deducted = Decimal(0)
        for f in items:
            f.vetoes = check_vetoes
            f.deduction = Decimal(0)
            if not check_vetoes and rule.points:
                room = rule.cap - deducted if rule.cap else rule.points * max(f.count, 1)
                f.deduction = max(min(rule.points * max(f.count, 1), room), Decimal(0))
                deducted += f.deduction
            f.fix_by = earlier.get((code, f.key)) or (veto_due if check_vetoes else other_due)
        vetoed = vetoed or check_vetoes
        total += deducted
        summary[code] = {
            "label": rule.label,
            "indicator": rule.indicator,
            "kind": rule.kind,
            "findings": len(items),
            "items": count,
            "vetoed": check_vetoes,
            "deduction": str(deducted),
        }
    Finding.objects.bulk_update(findings, ["vetoes", "deduction", "fix_by"])

    score = max(FULL_MARKS - total, Decimal(0)).quantize(Decimal("0.1"))
    inspection.score = score
    inspection.vetoed = vetoed
    inspection.passed = not vetoed and score >= scheme.pass_line
    inspection.summary = {
        **(inspection.summary or {}),
        "checks": summary,
        "deductions": str(total),
        "pass_line": str(scheme.pass_line),
        "bonus_line": str(scheme.bonus_line),
        "bonus": inspection.passed and score >= scheme.bonus_line,
        "year": scheme.year,
    }
    inspection.save(update_fields=["score", "vetoed", "passed", "summary"])
    return inspection
