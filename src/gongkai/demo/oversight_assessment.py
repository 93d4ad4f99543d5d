"""Demo data of the oversight part `assessment`: the county's 2025 考核方案 on the metrics the domains
register, the 2025 assessment of its departments computed from the demo's own records and published,
the scheme copied to the current year with the last ended quarter published (the demo's records are
recent), and a few ratings of that scorecard (comments approved by the county office). Built through the real
actions; running it twice adds nothing."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Staff
from gongkai.demo.county import demo_username
from gongkai.oversight import assessment_actions as actions
from gongkai.oversight.assessment_scoring import fmt_number
from gongkai.oversight.models import Assessment, AssessmentScheme, ScorecardRating

YEAR = 2025

INDICATORS = [
    ("主动公开按时发布率", "publishing.documents.on_time_pct", "", 15, "higher", 100, 80),
    ("依申请公开按时答复率", "applications.on_time_pct", "", 15, "higher", 100, 80),
    ("依申请公开被复议诉讼纠错", "applications.corrected", "", 10, "lower", 0, 3),
    ("留言按时答复率", "interaction.messages.on_time_pct", "", 10, "higher", 95, 60),
    ("留言满意率", "interaction.messages.satisfaction_pct", "", 10, "higher", 90, 50),
    ("征求意见采纳情况按时公布", "consultation.consultations.reported_late", "", 5, "lower", 0, 2),
    ("新闻发布会按频次召开", "press.conferences.held", "press.conferences.required", 10, "higher", 100, 0),
    ("政务新媒体合规", "newmedia.accounts.in_breach", "newmedia.accounts.active", 10, "lower", 0, 50),
    ("政府网站检查得分", "oversight.inspection.score", "", 10, "higher", 90, 60),
    ("业务培训覆盖率", "oversight.training.coverage_pct", "", 5, "higher", 100, 50),
]

# (agency key, useful, comment): comments are approved by the county office, bare answers count at once.
RATINGS = [
    ("czj", True, "财政局各项指标一目了然，希望每季度都公布。"),
    ("czj", True, ""),
    ("czj", False, "留言答复还可以更快一些。"),
    ("zjj", False, "住建局的新闻发布会太少了，群众关心的拆迁问题应多发布。"),
    ("zjj", True, ""),
    ("jyj", True, "教育局的排名让人放心。"),
]


def build(agencies, out) -> None:
    supervisor = Staff.objects.get(username=demo_username("xzfb", "supervisor"))
    county = agencies["xzf"]
    scheme = AssessmentScheme.objects.filter(agency=county, year=YEAR).first()
    if scheme is None:
        scheme = actions.create_scheme(supervisor, agency=county, year=YEAR)
    if not scheme.assessments.filter(state=Assessment.State.PUBLISHED).exists():
        actions.save_indicators(supervisor, scheme, [_row(*spec) for spec in INDICATORS])
    # The demo's records are recent: the last quarter that has ended shows them scored, under the
    # year's scheme (the 2025 one copied forward, as a scheme in use is never edited).
    year, quarter = _last_ended_quarter(timezone.localdate())
    current = AssessmentScheme.objects.filter(agency=county, year=year).first()
    if current is None:
        current = actions.copy_scheme(supervisor, scheme, year=year)
    latest = _published(supervisor, current, quarter)
    # The year's result is published last: the 2025 bulletin (bulletins demo) cites the latest published.
    yearly = _published(supervisor, scheme, 0)
    for i, (key, useful, comment) in enumerate(RATINGS, start=1):
        rating, _created = actions.rate_scorecard(
            latest,
            agencies[key],
            useful=useful,
            comment=comment,
            idempotency_key=f"demo-scorecard-rating-{i}",
        )
        if rating.state == ScorecardRating.State.PENDING:
            actions.moderate_rating(supervisor, rating, approve=True)
    for assessment in (yearly, latest):
        missing = sum(1 for r in assessment.rule_list() if not _registered(r.metric, r.denominator))
        top = assessment.scores.select_related("agency").order_by("rank", "agency__path").first()
        out.write(
            f"考核评议：{assessment}已发布（{assessment.scores.count()}个机关，第一名"
            f"{top.agency.short_name or top.agency.name}{fmt_number(top.total)}分）"
            + (f"，{missing}项指标数据暂缺" if missing else "")
            + "。"
        )
    out.write(f"考核成绩单公众评价{len(RATINGS)}条（意见已审核公开）。")


def _row(label, metric, denominator, weight, direction, full_at, zero_at) -> dict:
    return {
        "label": label,
        "metric": metric,
        "denominator": denominator,
        "weight": weight,
        "direction": direction,
        "full_at": full_at,
        "zero_at": zero_at,
    }


def _published(supervisor, scheme: AssessmentScheme, quarter: int) -> Assessment:
    found = scheme.assessments.filter(quarter=quarter, state=Assessment.State.PUBLISHED).first()
    if found is None:
        found = actions.publish_assessment(
            supervisor, actions.compute_assessment(supervisor, scheme, quarter=quarter)
        )
    return found


def _last_ended_quarter(today: date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3  # the quarter before today's (0 = last year's fourth)
    return (today.year, quarter) if quarter else (today.year - 1, 4)


def _registered(*codes: str) -> bool:
    from gongkai.common import registry

    metrics = registry.metrics()
    return all(code in metrics for code in codes if code)
