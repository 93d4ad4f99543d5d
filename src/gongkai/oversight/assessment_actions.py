"""Every write of 考核评议: schemes and their indicators, computing and publishing an assessment, the
public's ratings of a scorecard and their moderation. Atomic, checked, audited.

The figures come only from the metrics the domains register (`registry.metrics()`); an indicator whose
metric is not registered scores nothing and is marked 指标数据暂缺 (see assessment_scoring).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import registry, submission
from gongkai.common.errors import ActionRefused
from gongkai.ingest.masking import mask_text

from . import assessment_scoring as scoring
from .models import Assessment, AssessmentScheme, AssessmentScore, Indicator, ScorecardRating

log = logging.getLogger(__name__)

SCHEME_FIELDS = ["agency", "year", "title"]
ASSESSMENT_FIELDS = ["state", "quarter", "computed_at", "published_at"]
RATING_FIELDS = ["useful", "comment", "state", "reject_reason"]
KEY_SCOPE = "oversight.rating"
COMMENT_MAX = 500
TITLE_MAX = 200
YEARS = (2000, 2100)


def _require_supervisor(actor, agency: Agency) -> None:
    if actor is None:
        return
    if not (actor.is_superuser or actor.has_role(Role.SUPERVISOR)):
        raise ActionRefused("只有主管部门可以管理考核评议")
    if not can_see_agency(actor, agency):
        raise ActionRefused(f"{agency.name}不在您的主管范围内")


def _published(scheme: AssessmentScheme) -> bool:
    return scheme.assessments.filter(state=Assessment.State.PUBLISHED).exists()


def _rules_snapshot(scheme: AssessmentScheme) -> list[dict]:
    return [r.as_dict() for r in scheme.rules()]


# ---------------------------------------------------------------- schemes


def create_scheme(actor, *, agency: Agency, year: int, title: str = "") -> AssessmentScheme:
    _require_supervisor(actor, agency)
    if not isinstance(year, int) or not YEARS[0] <= year <= YEARS[1]:
        raise ActionRefused("年度应为2000至2100之间的整数", field="year")
    title = (title or "").strip() or f"{agency.name}{year}年度政务公开工作考核方案"
    if len(title) > TITLE_MAX:
        raise ActionRefused(f"方案名称不能超过{TITLE_MAX}字", field="title")
    if AssessmentScheme.objects.filter(agency=agency, year=year).exists():
        raise ActionRefused(f"{agency.name}已有{year}年度的考核方案", field="year")
    with transaction.atomic():
        scheme = AssessmentScheme.objects.create(agency=agency, year=year, title=title)
        record_audit(
            actor=actor,
            action="oversight.scheme.create",
            target=scheme,
            agency=agency,
            after=snapshot(scheme, SCHEME_FIELDS),
        )
    return scheme


def _decimal(value: Any, what: str) -> Decimal:
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ActionRefused(f"{what}应为数字") from None
    if not d.is_finite() or abs(d) >= Decimal("1e10"):
        raise ActionRefused(f"{what}应为数字")
    return d.quantize(scoring.CENT)


def rules_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[scoring.Rule]:
    """The rules typed in the editor (dicts of strings or numbers), refused when a number is no number."""
    rules = []
    errors = []
    for i, row in enumerate(rows, start=1):
        try:
            rules.append(
                scoring.Rule(
                    label=str(row.get("label") or "").strip()[:100],
                    metric=str(row.get("metric") or "").strip()[:100],
                    denominator=str(row.get("denominator") or "").strip()[:100],
                    weight=_decimal(row.get("weight"), f"第{i}项指标的分值"),
                    direction=str(row.get("direction") or ""),
                    full_at=_decimal(row.get("full_at"), f"第{i}项指标的满分线"),
                    zero_at=_decimal(row.get("zero_at"), f"第{i}项指标的零分线"),
                    no_data=str(row.get("no_data") or scoring.NO_DATA_FULL),
                )
            )
        except ActionRefused as exc:
            errors.append(exc.message)
    if errors:
        raise ActionRefused("；".join(errors))
    return rules


def save_indicators(actor, scheme: AssessmentScheme, rows: Iterable[Mapping[str, Any]]) -> AssessmentScheme:
    """Replace the scheme's indicators with `rows` (all checked at once: weights sum to 100 …)."""
    _require_supervisor(actor, scheme.agency)
    rules = rules_from_rows(rows)
    errors = scoring.check_rules(rules)
    if errors:
        raise ActionRefused("；".join(errors))
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)
        if _published(scheme):
            raise ActionRefused(
                "该方案已有发布的考核结果，不能再修改；如需调整，请将其复制为下一年度的方案后修改"
            )
        before = _rules_snapshot(scheme)
        scheme.indicators.all().delete()
        Indicator.objects.bulk_create(
            Indicator(
                scheme=scheme,
                position=i,
                label=r.label,
                metric=r.metric,
                denominator=r.denominator,
                weight=r.weight,
                direction=r.direction,
                full_at=r.full_at,
                zero_at=r.zero_at,
                no_data=r.no_data,
            )
            for i, r in enumerate(rules, start=1)
        )
        scheme.save(update_fields=["updated_at"])
        record_audit(
            actor=actor,
            action="oversight.scheme.update",
            target=scheme,
            agency=scheme.agency,
            before={"indicators": before},
            after={"indicators": [r.as_dict() for r in rules]},
        )
    return scheme


def copy_scheme(actor, scheme: AssessmentScheme, *, year: int, title: str = "") -> AssessmentScheme:
    """A scheme for another year with the same indicators (a scheme in use is copied, never edited)."""
    with transaction.atomic():
        new = create_scheme(
            actor,
            agency=scheme.agency,
            year=year,
            title=title or scheme.title.replace(str(scheme.year), str(year)),
        )
        new.copied_from = scheme
        new.save(update_fields=["copied_from"])
        Indicator.objects.bulk_create(
            Indicator(
                scheme=new,
                position=i.position,
                label=i.label,
                metric=i.metric,
                denominator=i.denominator,
                weight=i.weight,
                direction=i.direction,
                full_at=i.full_at,
                zero_at=i.zero_at,
                no_data=i.no_data,
            )
            for i in scheme.indicators.all()
        )
        record_audit(
            actor=actor,
            action="oversight.scheme.copy",
            target=new,
            agency=new.agency,
            after={**snapshot(new, SCHEME_FIELDS), "copied_from": scheme.pk},
        )
    return new


# ---------------------------------------------------------------- assessments


def assessed_agencies(scheme: AssessmentScheme) -> list[Agency]:
    """The agencies a scheme assesses: every active agency below the scheme's agency, in tree order."""
    root = scheme.agency
    return list(
        Agency.objects.filter(path__startswith=root.path, is_active=True).exclude(pk=root.pk).order_by("path")
    )


def _metric_values(code: str, start, end, ids: list[int]) -> dict | None:
    """{agency_id: value} of a registered metric, or None when it is not registered (or fails)."""
    metric = registry.metrics().get(code)
    if metric is None:
        return None
    try:
        return dict(metric.fn(start, end, ids) or {})
    except Exception:  # a domain's broken metric must not stop every agency's assessment
        log.exception("metric %s failed for assessment", code)
        return None


def score_agencies(rules: list[scoring.Rule], start, end, ids: list[int]) -> dict[int, list[scoring.Result]]:
    """Each agency's result on each rule, reading each metric once for all agencies."""
    cache: dict[str, dict | None] = {}

    def values(code: str) -> dict | None:
        if code not in cache:
            cache[code] = _metric_values(code, start, end, ids)
        return cache[code]

    results: dict[int, list[scoring.Result]] = {pk: [] for pk in ids}
    for rule in rules:
        num = values(rule.metric)
        den = values(rule.denominator) if rule.is_ratio else {}
        available = num is not None and den is not None
        for pk in ids:
            raw = scoring.raw_value(rule, num.get(pk), den.get(pk)) if available else None
            results[pk].append(scoring.score(rule, raw, available=available))
    return results


def compute_assessment(actor, scheme: AssessmentScheme, *, quarter: int = 0) -> Assessment:
    """Score every agency of the scheme for the year (quarter 0) or a quarter; an assessment not yet
    published is computed again with today's figures. Leaves it 待审核."""
    _require_supervisor(actor, scheme.agency)
    if quarter not in (0, 1, 2, 3, 4):
        raise ActionRefused("考核期应为全年或第一至第四季度", field="quarter")
    rules = scheme.rules()
    errors = scoring.check_rules(rules)
    if errors:
        raise ActionRefused("考核方案还不能使用：" + "；".join(errors))
    probe = Assessment(scheme=scheme, quarter=quarter)
    if probe.start > timezone.localdate():
        raise ActionRefused(f"{probe.period_label}尚未开始，不能计算考核结果", field="quarter")
    with transaction.atomic():
        assessment, created = Assessment.objects.select_for_update().get_or_create(
            scheme=scheme, quarter=quarter
        )
        if assessment.is_published:
            raise ActionRefused(f"{assessment.period_label}的考核结果已发布，不能重新计算")
        before = None if created else snapshot(assessment, ASSESSMENT_FIELDS)
        assessment.state = Assessment.State.COMPUTING
        assessment.save(update_fields=["state"])
        agencies = assessed_agencies(scheme)
        ids = [a.pk for a in agencies]
        results = score_agencies(rules, assessment.start, assessment.end, ids)
        totals = [(pk, sum((r.points for r in results[pk]), Decimal(0))) for pk in ids]
        ranks = scoring.rank(totals)
        assessment.scores.all().delete()
        AssessmentScore.objects.bulk_create(
            AssessmentScore(
                assessment=assessment,
                agency_id=pk,
                total=total,
                rank=ranks[pk],
                items=[
                    {
                        "raw": None if r.raw is None else str(r.raw),
                        "points": str(r.points),
                        "status": r.status,
                    }
                    for r in results[pk]
                ],
            )
            for pk, total in totals
        )
        assessment.rules = [r.as_dict() for r in rules]
        assessment.state = Assessment.State.REVIEW
        assessment.computed_at = timezone.now()
        assessment.save(update_fields=["rules", "state", "computed_at"])
        record_audit(
            actor=actor,
            action="oversight.assessment.compute",
            target=assessment,
            agency=scheme.agency,
            before=before,
            after={**snapshot(assessment, ASSESSMENT_FIELDS), "agencies": len(ids)},
        )
    return assessment


def publish_assessment(actor, assessment: Assessment) -> Assessment:
    """Make a reviewed assessment public (scorecards, ranking, downloads, the API)."""
    _require_supervisor(actor, assessment.scheme.agency)
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update().select_related("scheme__agency").get(pk=assessment.pk)
        )
        if assessment.state != Assessment.State.REVIEW:
            raise ActionRefused(f"考核结果当前为“{assessment.get_state_display()}”，只有待审核的结果可以发布")
        if assessment.end >= timezone.localdate():
            raise ActionRefused(f"{assessment.period_label}考核期尚未结束，结果不能发布")
        before = snapshot(assessment, ASSESSMENT_FIELDS)
        assessment.state = Assessment.State.PUBLISHED
        assessment.published_at = timezone.now()
        assessment.published_by = actor if getattr(actor, "pk", None) else None
        assessment.save(update_fields=["state", "published_at", "published_by"])
        record_audit(
            actor=actor,
            action="oversight.assessment.publish",
            target=assessment,
            agency=assessment.scheme.agency,
            before=before,
            after=snapshot(assessment, ASSESSMENT_FIELDS),
        )
    return assessment


# ---------------------------------------------------------------- the public's ratings


def submitted_rating(idempotency_key: str) -> ScorecardRating | None:
    """The rating a form with this key already made (Back + resubmit finds it), or None."""
    if not idempotency_key or len(idempotency_key) > 128:
        return None
    return ScorecardRating.objects.filter(
        idempotency_key=submission.stored_key(KEY_SCOPE, idempotency_key)
    ).first()


def rate_scorecard(
    assessment: Assessment, agency: Agency, *, useful: bool, comment: str = "", idempotency_key: str
) -> tuple[ScorecardRating, bool]:
    """Record a visitor's answer; (rating, created). A comment waits for moderation, masked already;
    a bare answer counts at once."""
    if not assessment.is_published:
        raise ActionRefused("该考核结果尚未发布")
    if not assessment.scores.filter(agency=agency).exists():
        raise ActionRefused("该机关不在本次考核范围内")
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("表单已失效，请刷新页面后重新提交")
    existing = submitted_rating(idempotency_key)
    if existing is not None:
        return existing, False
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ActionRefused(f"意见不能超过{COMMENT_MAX}字（现有{len(comment)}字）", field="comment")
    stored = submission.stored_key(KEY_SCOPE, idempotency_key)
    try:
        with transaction.atomic():
            rating = ScorecardRating.objects.create(
                assessment=assessment,
                agency=agency,
                useful=bool(useful),
                comment=mask_text(comment),
                state=ScorecardRating.State.PENDING if comment else ScorecardRating.State.APPROVED,
                idempotency_key=stored,
            )
            record_audit(
                actor=None,
                action="oversight.rating.create",
                target=rating,
                agency=agency,
                after=snapshot(rating, RATING_FIELDS),
            )
    except IntegrityError:  # the same form sent twice at the same instant
        return ScorecardRating.objects.get(idempotency_key=stored), False
    return rating, True


def moderate_rating(actor, rating: ScorecardRating, *, approve: bool, reason: str = "") -> ScorecardRating:
    """A supervisor shows (approve) or keeps back (reject, with a reason) a rating's comment."""
    _require_supervisor(actor, rating.agency)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ActionRefused("请填写不通过的理由", field="reason")
    if len(reason) > 200:
        raise ActionRefused("理由不能超过200字", field="reason")
    with transaction.atomic():
        rating = ScorecardRating.objects.select_for_update().get(pk=rating.pk)
        if rating.state != ScorecardRating.State.PENDING:
            raise ActionRefused(f"该评价已审核（{rating.get_state_display()}），不能重复审核")
        before = snapshot(rating, RATING_FIELDS)
        rating.state = ScorecardRating.State.APPROVED if approve else ScorecardRating.State.REJECTED
        rating.reject_reason = "" if approve else reason
        rating.moderated_at = timezone.now()
        rating.moderated_by = actor if getattr(actor, "pk", None) else None
        rating.save(update_fields=["state", "reject_reason", "moderated_at", "moderated_by"])
        record_audit(
            actor=actor,
            action="oversight.rating.approve" if approve else "oversight.rating.reject",
            target=rating,
            agency=rating.agency,
            before=before,
            after=snapshot(rating, RATING_FIELDS),
            note=reason,
        )
    return rating
