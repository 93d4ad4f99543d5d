"""Pages of the oversight part `assessment` (考核评议): the supervisor's schemes, assessments and the
moderation of ratings in the workbench; the published ranking and scorecards on the portal."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import get_scoped_or_404, staff_view, visible_agencies
from gongkai.common import submission
from gongkai.common.charts import bar_chart
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_id

from . import assessment_actions as actions
from . import assessment_queries as queries
from . import assessment_scoring as scoring
from .assessment_forms import (
    ComputeForm,
    CopyForm,
    IndicatorFormSet,
    ModerateForm,
    RatingForm,
    SchemeForm,
)
from .models import Assessment, AssessmentScheme, ScorecardRating
from .rules import SUPERVISORS

NAV_STAFF = "oversight_assessments"
NAV_PUBLIC = "oversight_scorecards"
DOWNLOADS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
FORM_KEY = "oversight_rating_form_key"
RATED = "oversight_rated"
RESUBMIT_PREFIX = "oversight-rating"
RESUBMIT_MINUTES = 10
RATINGS_PER_IP_PER_HOUR = 30
IP_REFUSAL = "您提交评价过于频繁，请一小时后再试"


# ---------------------------------------------------------------- workbench


def _scheme_or_404(request, pk: int) -> AssessmentScheme:
    return get_scoped_or_404(request.user, AssessmentScheme.objects.select_related("agency"), pk=pk)


@staff_view(*SUPERVISORS)
def home(request):
    schemes = list(queries.schemes_for(request.user))
    agencies = visible_agencies(request.user).filter(is_active=True).order_by("path")
    return render(
        request,
        "oversight/assessment/wb_home.html",
        {
            "nav": NAV_STAFF,
            "schemes": schemes,
            "form": SchemeForm(agencies=agencies),
            "pending": queries.pending_ratings(request.user).count(),
        },
    )


@staff_view(*SUPERVISORS)
@require_http_methods(["GET", "POST"])
def scheme_new(request):
    agencies = visible_agencies(request.user).filter(is_active=True).order_by("path")
    form = SchemeForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            scheme = actions.create_scheme(request.user, agency=d["agency"], year=d["year"], title=d["title"])
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "考核方案已创建，请设置指标。")
            return redirect("oversight_staff:assessment_scheme", pk=scheme.pk)
    return render(
        request,
        "oversight/assessment/wb_scheme_new.html",
        {"nav": NAV_STAFF, "form": form, "title": "新建考核方案"},
    )


def _indicator_initial(scheme: AssessmentScheme) -> list[dict]:
    return [
        {
            "label": i.label,
            "metric": i.metric,
            "denominator": i.denominator,
            "weight": i.weight,
            "direction": i.direction,
            "full_at": i.full_at,
            "zero_at": i.zero_at,
            "no_data": i.no_data,
        }
        for i in scheme.indicators.all()
    ]


@staff_view(*SUPERVISORS)
@require_http_methods(["GET", "POST"])
def scheme(request, pk: int):
    """A scheme: its indicators (editable until a result under it is published), copying it to
    another year, computing an assessment."""
    obj = _scheme_or_404(request, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    initial = _indicator_initial(obj)
    formset = IndicatorFormSet(request.POST if action == "save" else None, initial=initial, prefix="ind")
    copy_form = CopyForm(request.POST if action == "copy" else None, initial={"year": obj.year + 1})
    compute_form = ComputeForm(request.POST if action == "compute" else None)
    refusal = ""
    try:
        if action == "save" and formset.is_valid():
            rows = [f.cleaned_data for f in formset.forms if not f.is_blank()]
            actions.save_indicators(request.user, obj, rows)
            messages.success(request, "考核指标已保存。")
            return redirect("oversight_staff:assessment_scheme", pk=obj.pk)
        if action == "copy" and copy_form.is_valid():
            new = actions.copy_scheme(request.user, obj, year=copy_form.cleaned_data["year"])
            messages.success(request, f"已复制为{new.year}年度的考核方案。")
            return redirect("oversight_staff:assessment_scheme", pk=new.pk)
        if action == "compute" and compute_form.is_valid():
            assessment = actions.compute_assessment(
                request.user, obj, quarter=compute_form.cleaned_data["quarter"]
            )
            messages.success(request, f"{assessment.period_label}考核结果已计算，请审核后发布。")
            return redirect("oversight_staff:assessment_detail", pk=assessment.pk)
    except ActionRefused as exc:
        refusal = exc.message
    rules = obj.rules()
    published = obj.assessments.filter(state=Assessment.State.PUBLISHED).exists()
    return render(
        request,
        "oversight/assessment/wb_scheme.html",
        {
            "nav": NAV_STAFF,
            "scheme": obj,
            "formset": formset,
            "copy_form": copy_form,
            "compute_form": compute_form,
            "refusal": refusal,
            "action": action,
            "rules": [(r, queries.metric_label(r.metric), r.describe()) for r in rules],
            "problems": scoring.check_rules(rules),
            "locked": published,
            "assessments": obj.assessments.all(),
        },
        status=200,
    )


def _assessment_or_404(request, pk: int) -> Assessment:
    return get_scoped_or_404(
        request.user, Assessment.objects.select_related("scheme__agency"), "scheme__agency", pk=pk
    )


@staff_view(*SUPERVISORS)
@require_http_methods(["GET", "POST"])
def assessment(request, pk: int):
    obj = _assessment_or_404(request, pk)
    refusal = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                actions.publish_assessment(request.user, obj)
                messages.success(request, "考核结果已发布。")
            elif request.POST.get("action") == "compute":
                actions.compute_assessment(request.user, obj.scheme, quarter=obj.quarter)
                messages.success(request, "已按最新数据重新计算。")
            return redirect("oversight_staff:assessment_detail", pk=obj.pk)
        except ActionRefused as exc:
            refusal = exc.message
    rows = queries.with_records(obj, queries.ranking(obj))
    return render(
        request,
        "oversight/assessment/wb_assessment.html",
        {
            "nav": NAV_STAFF,
            "assessment": obj,
            "rules": obj.rule_list(),
            "rows": rows,
            "refusal": refusal,
            "chart": _ranking_chart(rows, f"wb{obj.pk}"),
        },
    )


@staff_view(*SUPERVISORS)
@require_http_methods(["GET", "POST"])
def ratings(request):
    """Comments of the public on scorecards waiting for a supervisor: approve to show, or reject."""
    refusal = ""
    failed = None
    if request.method == "POST":
        form = ModerateForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            rating = get_scoped_or_404(request.user, ScorecardRating.objects.all(), pk=d["rating"])
            try:
                actions.moderate_rating(
                    request.user, rating, approve=d["decision"] == "approve", reason=d["reason"]
                )
                messages.success(request, "已审核。")
                return redirect("oversight_staff:assessment_ratings")
            except ActionRefused as exc:
                refusal, failed = exc.message, rating.pk
        else:
            refusal = "请选择审核结果"
    pending = list(queries.pending_ratings(request.user)[:200])
    return render(
        request,
        "oversight/assessment/wb_ratings.html",
        {"nav": NAV_STAFF, "pending": pending, "refusal": refusal, "failed": failed},
    )


# ---------------------------------------------------------------- portal


def _ranking_chart(rows, chart_id: str) -> str:
    return mark_safe(
        bar_chart(
            [(r.agency.display_name, float(r.score.total)) for r in rows],
            title="各机关考核总分",
            unit="分",
            max_value=100,
            chart_id=chart_id,
        )
    )


def _published_or_404(request, pk: int) -> Assessment:
    found = queries.published(request.site).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这项已发布的考核结果")
    return found


def _ranking_page(request, current: Assessment | None):
    assessments = list(queries.published(request.site))
    rows = queries.ranking(current, request.site) if current else []
    return render(
        request,
        "oversight/assessment/public_ranking.html",
        {
            "nav": NAV_PUBLIC,
            "assessment": current,
            "assessments": assessments,
            "rules": current.rule_list() if current else [],
            "rows": rows,
            "chart": _ranking_chart(rows, "ranking") if rows else "",
        },
    )


@public_page
def public_home(request):
    """The latest published assessment's ranking, and the list of every published one."""
    return _ranking_page(request, queries.published(request.site).first())


@public_page
def public_ranking(request, pk: int):
    return _ranking_page(request, _published_or_404(request, pk))


@public_page
def public_download(request, pk: int, fmt: str):
    if fmt not in DOWNLOADS:
        raise Http404("没有这种格式")
    found = _published_or_404(request, pk)
    rows = queries.ranking(found, request.site)
    body = queries.as_csv(found, rows) if fmt == "csv" else queries.as_json(found, rows)
    response = HttpResponse(body, content_type=DOWNLOADS[fmt])
    response["Content-Disposition"] = f'attachment; filename="scorecards-{found.pk}-{found.period_key}.{fmt}"'
    return response


def _scorecard_or_404(request, pk: int, agency: int):
    found = _published_or_404(request, pk)
    row = queries.scorecard(found, agency, request.site)
    if row is None:
        raise Http404("该机关不在本次考核范围内")
    return found, row


@public_page
def public_scorecard(request, pk: int, agency: int):
    """One agency's scorecard: each indicator, its raw figure, the points and the rule."""
    found, row = _scorecard_or_404(request, pk, agency)
    chart = bar_chart(
        [
            (c.rule.label[:4], float(c.points * 100 / c.rule.weight) if c.rule.weight else 0.0)
            for c in row.cells
        ],
        title=f"{row.agency.name}各项指标得分率",
        unit="%",
        max_value=100,
        chart_id="scorecard",
    )
    full = sum((c.rule.weight for c in row.cells), Decimal(0))
    return render(
        request,
        "oversight/assessment/public_scorecard.html",
        {
            "nav": NAV_PUBLIC,
            "assessment": found,
            "row": row,
            "full": full,
            "count": len(found.scores.all()),
            "chart": mark_safe(chart),
            "counts": queries.rating_counts(found, row.agency.pk),
            "comments": queries.approved_comments(found, row.agency.pk),
        },
    )


def _fingerprint(assessment: Assessment, agency: Agency, d: dict) -> str:
    return submission.fingerprint(
        "gongkai.oversight.rating", assessment.pk, agency.pk, "1" if d["useful"] else "0", d["comment"]
    )


def _rated(request, assessment: Assessment, agency: Agency, rating: ScorecardRating):
    submission.remember(request, RATED, rating.pk)
    submission.next_form_key(request, FORM_KEY)
    return redirect("oversight:scorecard_rated", pk=assessment.pk, agency=agency.pk, rating=rating.pk)


@require_http_methods(["GET", "POST"])
def public_rate(request, pk: int, agency: int):
    """这个结果对您有用吗？ The form (with its idempotency key: Back + resubmit finds the first rating)."""
    found, row = _scorecard_or_404(request, pk, agency)
    agency_obj = row.agency
    if request.method == "POST":
        form = RatingForm(request.POST)
        existing = actions.submitted_rating(request.POST.get("idempotency_key", "")[:64])
        if (
            existing is not None
            and existing.assessment_id == found.pk
            and existing.agency_id == agency_obj.pk
        ):
            return _rated(request, found, agency_obj, existing)
        if form.is_valid():
            d = form.cleaned_data
            fp = _fingerprint(found, agency_obj, d)
            again = submission.recall(RESUBMIT_PREFIX, fp)
            again = ScorecardRating.objects.filter(pk=again, assessment=found).first() if again else None
            if again is not None:
                return _rated(request, found, agency_obj, again)
            refusal = submission.over_limits(
                submission.ip_limit(
                    request, "oversight.rating.ip", limit=RATINGS_PER_IP_PER_HOUR, refusal=IP_REFUSAL
                )
            )
            if refusal:
                form.add_error(None, refusal)
            else:
                try:
                    rating, _created = actions.rate_scorecard(
                        found,
                        agency_obj,
                        useful=d["useful"],
                        comment=d["comment"],
                        idempotency_key=d["idempotency_key"],
                    )
                except ActionRefused as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    submission.keep(RESUBMIT_PREFIX, fp, str(rating.pk), minutes=RESUBMIT_MINUTES)
                    return _rated(request, found, agency_obj, rating)
    else:
        initial = {"idempotency_key": submission.form_key(request, FORM_KEY)}
        choice = request.GET.get("useful")
        if choice in ("1", "0"):
            initial["useful"] = choice
        form = RatingForm(initial=initial)
    return render(
        request,
        "oversight/assessment/public_rate.html",
        {"nav": NAV_PUBLIC, "assessment": found, "row": row, "form": form},
    )


def public_rated(request, pk: int, agency: int, rating: int):
    """Thanks, for the session that sent the rating only (nobody else learns of a pending comment)."""
    found, row = _scorecard_or_404(request, pk, agency)
    if param_id(str(rating)) not in request.session.get(RATED, []):
        raise Http404("没有这条评价")
    obj = get_object_or_404(ScorecardRating, pk=rating, assessment=found, agency=row.agency)
    return render(
        request,
        "oversight/assessment/public_rated.html",
        {"nav": NAV_PUBLIC, "assessment": found, "row": row, "rating": obj},
    )
