"""Reading 考核评议 for pages, downloads and the JSON API: published assessments of a site, the ranking
table, one agency's scorecard, the counts and approved comments of the ratings."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from gongkai.agencies.models import Agency

from . import assessment_scoring as scoring
from .models import Assessment, AssessmentScheme, AssessmentScore, ScorecardRating

# Offered in the scheme editor beside whatever is registered: the figures the issue names, some of
# which another part or domain may register later (until then they score 指标数据暂缺).
KNOWN_METRICS = {
    "publishing.documents.on_time_pct": "主动公开按时发布率（%）",
    "applications.on_time_pct": "依申请公开按时答复率（%）",
    "applications.corrected": "依申请公开被复议、诉讼纠错数",
    "interaction.messages.on_time_pct": "留言按时答复率（%）",
    "interaction.messages.satisfaction_pct": "留言满意率（%）",
    "consultation.consultations.reported_late": "逾期公布（或未公布）意见采纳情况的征求意见数",
    "press.conferences.held": "新闻发布会召开场次",
    "press.conferences.required": "新闻发布会应召开场次",
    "newmedia.accounts.in_breach": "未达更新或互动要求的政务新媒体账号数",
    "newmedia.accounts.active": "运营中的政务新媒体账号数",
    "oversight.inspection.score": "网站检查得分",
    "oversight.training.coverage_pct": "业务培训覆盖率（%）",
}


def metric_choices() -> list[tuple[str, str]]:
    """(code, label) of every metric the editor offers: registered ones, then the known ones not yet
    registered (marked so)."""
    from gongkai.common import registry

    registered = registry.metrics()
    choices = [(code, f"{m.label}（{code}）") for code, m in sorted(registered.items())]
    choices += [
        (code, f"{label}（{code}，尚未登记，暂无数据）")
        for code, label in KNOWN_METRICS.items()
        if code not in registered
    ]
    return choices


def metric_label(code: str) -> str:
    from gongkai.common import registry

    metric = registry.metrics().get(code)
    return str(metric.label) if metric is not None else KNOWN_METRICS.get(code, code)


def schemes_for(user) -> QuerySet[AssessmentScheme]:
    """The schemes of agencies the user sees (a supervisor: the subtree it oversees)."""
    from gongkai.agencies.scope import agency_filter

    return (
        AssessmentScheme.objects.filter(agency_filter(user))
        .select_related("agency")
        .annotate(n_indicators=Count("indicators", distinct=True))
        .prefetch_related("assessments")
    )


def published(site=None) -> QuerySet[Assessment]:
    """Published assessments whose scheme's agency the site shows (every one for no site)."""
    qs = Assessment.objects.filter(state=Assessment.State.PUBLISHED).select_related("scheme__agency")
    if site is not None and getattr(site, "agency_id", None):
        qs = qs.filter(site.scope("scheme__agency"))
    # The most recent year first (its quarters by publication), so the page opens on current figures.
    return qs.order_by("-scheme__year", "-published_at", "-pk")


@dataclass
class Cell:
    rule: scoring.Rule
    raw: Decimal | None
    points: Decimal
    status: str
    records: str = ""  # staff pages only: the list of the records behind the figure

    @property
    def status_label(self) -> str:
        return scoring.STATUS_LABELS[self.status]

    @property
    def points_text(self) -> str:
        return scoring.fmt_number(self.points)

    @property
    def raw_text(self) -> str:
        if self.status == scoring.MISSING:
            return "指标数据暂缺"
        if self.raw is None:
            return "本期无数据"
        return f"{scoring.fmt_number(self.raw)}{self.rule.unit}"


@dataclass
class Row:
    score: AssessmentScore
    cells: list[Cell] = field(default_factory=list)

    @property
    def agency(self) -> Agency:
        return self.score.agency

    @property
    def total_text(self) -> str:
        return scoring.fmt_number(self.score.total)


def _cells(rules: list[scoring.Rule], items: list[dict]) -> list[Cell]:
    cells = []
    for rule, item in zip(rules, items, strict=False):
        raw = item.get("raw")
        cells.append(
            Cell(
                rule,
                None if raw is None else Decimal(raw),
                Decimal(item.get("points", "0")),
                item.get("status"),
            )
        )
    return cells


def ranking(assessment: Assessment, site=None) -> list[Row]:
    """The ranking table: every scored agency the site shows, by rank."""
    rules = assessment.rule_list()
    scores = assessment.scores.select_related("agency").order_by("rank", "agency__path")
    if site is not None and getattr(site, "agency_id", None):
        scores = scores.filter(site.scope("agency"))
    return [Row(s, _cells(rules, s.items)) for s in scores]


def with_records(assessment: Assessment, rows: list[Row]) -> list[Row]:
    """Link each figure to the staff list of the records behind it, where its metric names one."""
    from gongkai.common import registry

    metrics = registry.metrics()
    for row in rows:
        for cell in row.cells:
            metric = metrics.get(cell.rule.metric)
            if metric is None or metric.records is None or cell.status != scoring.OK:
                continue
            try:
                cell.records = metric.records(assessment.start, assessment.end, [row.agency.pk]) or ""
            except Exception:  # a domain's broken link must not hide the result
                cell.records = ""
    return rows


def scorecard(assessment: Assessment, agency_id: int, site=None) -> Row | None:
    rows = assessment.scores.select_related("agency").filter(agency_id=agency_id)
    if site is not None and getattr(site, "agency_id", None):
        rows = rows.filter(site.scope("agency"))
    score = rows.first()
    return Row(score, _cells(assessment.rule_list(), score.items)) if score else None


def rating_counts(assessment: Assessment, agency_id: int) -> dict[str, int]:
    # Only approved answers count: a bare answer is approved at once, one with a comment once moderated.
    counted = ScorecardRating.objects.filter(
        assessment=assessment, agency_id=agency_id, state=ScorecardRating.State.APPROVED
    )
    c = counted.aggregate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    return {"useful": c["yes"], "useless": c["no"]}


def approved_comments(assessment: Assessment, agency_id: int, limit: int = 50) -> list[ScorecardRating]:
    return list(
        ScorecardRating.objects.filter(
            assessment=assessment, agency_id=agency_id, state=ScorecardRating.State.APPROVED
        )
        .exclude(comment="")
        .order_by("-created_at", "-pk")[:limit]
    )


def pending_ratings(user) -> QuerySet[ScorecardRating]:
    from gongkai.agencies.scope import agency_filter

    return (
        ScorecardRating.objects.filter(agency_filter(user), state=ScorecardRating.State.PENDING)
        .select_related("agency", "assessment__scheme__agency")
        .order_by("created_at", "pk")
    )


# ---------------------------------------------------------------- downloads


def as_records(assessment: Assessment, rows: list[Row]) -> dict:
    """The ranking as plain data (the JSON download and the API share it)."""
    rules = assessment.rule_list()
    return {
        "id": assessment.pk,
        "title": str(assessment),
        "agency": assessment.agency.name,
        "period": assessment.period_label,
        "start": assessment.start.isoformat(),
        "end": assessment.end.isoformat(),
        "published_at": assessment.published_at.isoformat() if assessment.published_at else None,
        "indicators": [
            {
                "label": r.label,
                "metric": r.metric,
                "denominator": r.denominator or None,
                "weight": float(r.weight),
                "direction": r.direction,
                "full_at": float(r.full_at),
                "zero_at": float(r.zero_at),
                "rule": r.describe(),
            }
            for r in rules
        ],
        "scores": [
            {
                "rank": row.score.rank,
                "agency": {"id": row.agency.pk, "name": row.agency.name},
                "total": float(row.score.total),
                "items": [
                    {
                        "label": c.rule.label,
                        "raw": None if c.raw is None else float(c.raw),
                        "points": float(c.points),
                        "status": c.status,
                    }
                    for c in row.cells
                ],
            }
            for row in rows
        ],
    }


def as_json(assessment: Assessment, rows: list[Row]) -> str:
    return json.dumps(as_records(assessment, rows), ensure_ascii=False, indent=2)


def as_csv(assessment: Assessment, rows: list[Row]) -> str:
    """UTF-8 with a BOM (so Excel opens the Chinese right): rank, agency, total, then per indicator
    its raw figure and its points."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    rules = assessment.rule_list()
    head = ["名次", "机关", "总分"]
    for r in rules:
        head += [f"{r.label}（数值）", f"{r.label}（得分，满分{scoring.fmt_number(r.weight)}）"]
    writer.writerow(head)
    for row in rows:
        line = [row.score.rank, row.agency.name, scoring.fmt_number(row.score.total)]
        for c in row.cells:
            line += [c.raw_text, scoring.fmt_number(c.points)]
        writer.writerow(line)
    return out.getvalue()


def todo_items(user) -> list:
    """A supervisor's 待办: results computed and waiting to be published, comments waiting for review."""
    from django.urls import reverse

    from gongkai.agencies.models import Role
    from gongkai.agencies.scope import agency_filter
    from gongkai.common.todo import TodoItem

    if not user.is_authenticated or user.agency_id is None:
        return []
    if not (user.is_superuser or user.has_role(Role.SUPERVISOR)):
        return []
    items = []
    waiting = (
        Assessment.objects.filter(agency_filter(user, "scheme__agency"), state=Assessment.State.REVIEW)
        .select_related("scheme__agency")
        .order_by("computed_at", "pk")[:20]
    )
    for a in waiting:
        items.append(
            TodoItem(
                title=f"考核结果待审核发布：{a}",
                url=reverse("oversight_staff:assessment_detail", args=[a.pk]),
                agency=a.scheme.agency.display_name,
                status="待审核",
            )
        )
    pending = ScorecardRating.objects.filter(agency_filter(user), state=ScorecardRating.State.PENDING).count()
    if pending:
        items.append(
            TodoItem(
                title=f"考核成绩单评价意见待审核{pending}条",
                url=reverse("oversight_staff:assessment_ratings"),
                agency=user.scope_root.display_name if user.scope_root else "",
                status="待审核",
            )
        )
    return items
