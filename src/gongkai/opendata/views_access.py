"""Pages of 有条件开放, the opening plan and 需求征集: the portal forms (idempotent: the form's key,
a content fingerprint, rate limits per client address, a honeypot) and the public lists, and the
workbench pages where the dataset's agency decides, answers and keeps the plan."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.scope import get_scoped_or_404, scoped, staff_view, visible_agencies
from gongkai.common import submission
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_id

from . import actions_access as actions
from . import queries_access as queries
from .forms_access import (
    AnswerForm,
    ApplicationForm,
    CancelItemForm,
    DecisionForm,
    OpenItemForm,
    PlanItemForm,
    RequestForm,
    RevokeForm,
)
from .models import (
    AccessApplication,
    AccessState,
    AccessToken,
    DataRequest,
    Dataset,
    OpeningPlanItem,
    Openness,
    PlanItemState,
    RequestState,
)

NAV = "opendata"
STAFF_NAV = "opendata_access"
APPLY_KEY = "opendata_apply_key"
REQUEST_KEY = "opendata_request_key"
SUBMITTED = "opendata_submitted"  # receipt codes this session submitted (the receipt pages)
RESUBMIT_MINUTES = 30
HONEYPOT_REFUSAL = (
    "提交未成功：表单中应留空的“请勿填写此项”一栏有内容（可能是浏览器自动填充）。"
    "请清空该栏后重新提交，您填写的内容已保留。"
)
IP_REFUSAL = "提交未成功：同一网络地址一小时内提交次数过多，请一小时后再试。您填写的内容已保留。"


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _over_limit(request, scope: str) -> str | None:
    return submission.over_limits(
        submission.ip_limit(
            request, scope, limit=settings.GONGKAI_OPENDATA_FORMS_PER_IP_PER_HOUR, refusal=IP_REFUSAL
        )
    )


def _done(request, session_key: str, code: str, url_name: str):
    submission.remember(request, SUBMITTED, code)
    submission.next_form_key(request, session_key)
    return redirect(url_name, code=code)


def _receipt(request, code: str, model, template: str):
    if code not in request.session.get(SUBMITTED, []):
        raise Http404
    obj = get_object_or_404(model.objects.select_related("agency"), receipt_code=code)
    response = render(request, template, {"nav": NAV, "obj": obj})
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- portal: 有条件开放


@require_http_methods(["GET", "POST"])
def apply(request, pk: int):
    dataset = get_object_or_404(
        queries.published_datasets(getattr(request, "site", None)).select_related("agency"),
        pk=pk,
        openness=Openness.CONDITIONAL,
    )
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        valid = form.is_valid()
        existing = actions.submitted_application(request.POST.get("idempotency_key", "")[:64])
        if existing is not None:
            return _done(request, APPLY_KEY, existing.receipt_code, "opendata:applied")
        if form.honeypot_filled:
            form.add_error(None, HONEYPOT_REFUSAL)
        elif valid:
            d = form.cleaned_data
            fp = submission.fingerprint(
                "gongkai.opendata.apply", dataset.pk, d["applicant_name"], d["contact"], d["purpose"]
            )
            again = submission.recall("odapfp", fp)
            if again and AccessApplication.objects.filter(receipt_code=again).exists():
                return _done(request, APPLY_KEY, again, "opendata:applied")
            refusal = _over_limit(request, "opendata.apply.ip")
            if refusal:
                form.add_error(None, refusal)
            else:
                try:
                    app, _created = actions.submit_access_application(
                        dataset,
                        applicant_name=d["applicant_name"],
                        organisation=d["organisation"],
                        contact=d["contact"],
                        purpose=d["purpose"],
                        period_from=d["period_from"],
                        period_to=d["period_to"],
                        idempotency_key=d["idempotency_key"],
                    )
                except ActionRefused as exc:
                    _refused(form, exc)
                else:
                    submission.keep("odapfp", fp, app.receipt_code, minutes=RESUBMIT_MINUTES)
                    return _done(request, APPLY_KEY, app.receipt_code, "opendata:applied")
    else:
        form = ApplicationForm(initial={"idempotency_key": submission.form_key(request, APPLY_KEY)})
    context = {
        "nav": NAV,
        "dataset": dataset,
        "form": form,
        "days": settings.GONGKAI_OPENDATA_ACCESS_WORKDAYS,
    }
    return render(request, "opendata/access/apply.html", context)


def applied(request, code: str):
    return _receipt(request, code, AccessApplication, "opendata/access/applied.html")


# ---------------------------------------------------------------- portal: the plan and 需求征集


@public_page(params=("year",))
def public_plan(request):
    years = sorted(set(OpeningPlanItem.objects.values_list("year", flat=True)), reverse=True)
    year = param_id(request.GET.get("year"))
    this_year = timezone.localdate().year
    if year not in years:
        year = this_year if this_year in years else (years[0] if years else this_year)
    items = list(queries.public_plan(year).exclude(state=PlanItemState.CANCELLED))
    today = timezone.localdate()
    return render(
        request,
        "opendata/access/public_plan.html",
        {
            "nav": NAV,
            "year": year,
            "years": years,
            "items": items,
            "today": today,
            "n_opened": sum(1 for i in items if i.state == PlanItemState.OPENED),
            "n_overdue": sum(1 for i in items if i.status(today) == PlanItemState.OVERDUE),
        },
    )


@public_page(params=("page",))
def public_requests(request):
    page = Paginator(queries.public_requests(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/access/public_requests.html",
        {"nav": NAV, "page_obj": page, "days": settings.GONGKAI_OPENDATA_REQUEST_WORKDAYS},
    )


@require_http_methods(["GET", "POST"])
def request_new(request):
    if request.method == "POST":
        form = RequestForm(request.POST)
        valid = form.is_valid()
        existing = actions.submitted_request(request.POST.get("idempotency_key", "")[:64])
        if existing is not None:
            return _done(request, REQUEST_KEY, existing.receipt_code, "opendata:requested")
        if form.honeypot_filled:
            form.add_error(None, HONEYPOT_REFUSAL)
        elif valid:
            d = form.cleaned_data
            fp = submission.fingerprint(
                "gongkai.opendata.request", d["agency"].pk, d["title"], d["contact"], d["description"]
            )
            again = submission.recall("odrqfp", fp)
            if again and DataRequest.objects.filter(receipt_code=again).exists():
                return _done(request, REQUEST_KEY, again, "opendata:requested")
            refusal = _over_limit(request, "opendata.request.ip")
            if refusal:
                form.add_error(None, refusal)
            else:
                try:
                    req, _created = actions.submit_data_request(
                        agency=d["agency"],
                        title=d["title"],
                        description=d["description"],
                        requester_name=d["requester_name"],
                        contact=d["contact"],
                        idempotency_key=d["idempotency_key"],
                    )
                except ActionRefused as exc:
                    _refused(form, exc)
                else:
                    submission.keep("odrqfp", fp, req.receipt_code, minutes=RESUBMIT_MINUTES)
                    return _done(request, REQUEST_KEY, req.receipt_code, "opendata:requested")
    else:
        form = RequestForm(initial={"idempotency_key": submission.form_key(request, REQUEST_KEY)})
    return render(
        request,
        "opendata/access/request_form.html",
        {"nav": NAV, "form": form, "days": settings.GONGKAI_OPENDATA_REQUEST_WORKDAYS},
    )


def requested(request, code: str):
    return _receipt(request, code, DataRequest, "opendata/access/requested.html")


# ---------------------------------------------------------------- workbench: 有条件开放


def _wb(request, template: str, context: dict, status: int = 200):
    return render(
        request, template, {"nav": STAFF_NAV, "today": timezone.localdate(), **context}, status=status
    )


@staff_view(*queries.STAFF_ROLES)
def access_home(request):
    user = request.user
    state = request.GET.get("state", "")
    apps = scoped(user, AccessApplication.objects.select_related("agency", "dataset"))
    if state in AccessState.values:
        apps = apps.filter(state=state)
    page = Paginator(apps.order_by("-submitted_at", "-pk"), 30).get_page(request.GET.get("page"))
    tokens = (
        scoped(user, AccessToken.objects.select_related("dataset", "application"))
        .annotate(n_uses=Count("uses"))
        .order_by("-created_at", "-pk")[:50]
    )
    return _wb(
        request,
        "opendata/access/wb_access.html",
        {"page_obj": page, "tokens": tokens, "state": state, "states": AccessState.choices},
    )


@staff_view(*queries.STAFF_ROLES)
def application_detail(request, pk: int):
    user = request.user
    app = get_scoped_or_404(
        user, AccessApplication.objects.select_related("agency", "dataset", "decided_by", "clock"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["decision"] == "approve":
                app, issued = actions.approve_access_application(
                    user,
                    app,
                    reason=d["reason"],
                    daily_rows=d["daily_rows"],
                    daily_calls=d["daily_calls"],
                    expires_on=d["expires_on"],
                )
            else:
                actions.refuse_access_application(user, app, reason=d["reason"])
                flash.success(request, "已作出不予批准的决定")
                return redirect("opendata_staff:application", app.pk)
        except ActionRefused as exc:
            _refused(form, exc)
    status = app.clock.status() if app.clock_id else None
    token = AccessToken.objects.filter(application=app).first()
    response = _wb(
        request,
        "opendata/access/wb_application.html",
        {
            "app": app,
            "form": form,
            "issued": issued,
            "token": token,
            "clock": status,
            "can_decide": app.state == AccessState.PENDING
            and (user.is_superuser or (user.agency_id == app.agency_id and user.has_role(*actions.DECIDERS))),
        },
    )
    if issued:
        response["Cache-Control"] = "no-store"  # the plain token is shown once, never cached
    return response


@staff_view(*queries.STAFF_ROLES)
def token_detail(request, pk: int):
    user = request.user
    token = get_scoped_or_404(
        user, AccessToken.objects.select_related("dataset", "application", "revoked_by"), pk=pk
    )
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.revoke_access_token(user, token, reason=form.cleaned_data["reason"])
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "令牌已撤销，此后使用该令牌的请求将被拒绝")
            return redirect("opendata_staff:token", token.pk)
    uses = Paginator(token.uses.order_by("-at", "-pk"), 50).get_page(request.GET.get("page"))
    from .access import usage_today

    calls, rows = usage_today(token)
    return _wb(
        request,
        "opendata/access/wb_token.html",
        {
            "token": token,
            "form": form,
            "page_obj": uses,
            "calls_today": calls,
            "rows_today": rows,
            "can_revoke": not token.revoked_at
            and (
                user.is_superuser or (user.agency_id == token.agency_id and user.has_role(*actions.DECIDERS))
            ),
        },
    )


# ---------------------------------------------------------------- workbench: the plan


def _planner_agencies(user):
    return visible_agencies(user).filter(is_active=True).order_by("path")


@staff_view(*queries.STAFF_ROLES)
def plan_home(request):
    user = request.user
    today = timezone.localdate()
    items = scoped(user, OpeningPlanItem.objects.select_related("agency", "dataset"))
    years = sorted(set(items.values_list("year", flat=True)), reverse=True)
    year = param_id(request.GET.get("year")) or (years[0] if years else today.year)
    items = items.filter(year=year).order_by("planned_on", "pk")
    return _wb(
        request,
        "opendata/access/wb_plan.html",
        {
            "items": items,
            "year": year,
            "years": years,
            "n_overdue": items.filter(state=PlanItemState.PLANNED, planned_on__lt=today).count(),
            "can_add": user.is_superuser or user.has_role(*actions.PLANNERS),
        },
    )


@staff_view(*actions.PLANNERS)
def plan_new(request):
    agencies = _planner_agencies(request.user)
    form = PlanItemForm(request.POST or None, agencies=agencies, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            item = actions.add_plan_item(
                request.user,
                year=d["year"],
                title=d["title"],
                agency=d["agency"],
                planned_on=d["planned_on"],
                description=d["description"],
                openness=d["openness"],
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "已加入数据开放计划")
            return redirect("opendata_staff:plan_item", item.pk)
    return _wb(request, "opendata/access/wb_plan_form.html", {"form": form})


@staff_view(*queries.STAFF_ROLES)
def plan_item(request, pk: int):
    user = request.user
    item = get_scoped_or_404(user, OpeningPlanItem.objects.select_related("agency", "dataset"), pk=pk)
    datasets = Dataset.objects.filter(agency_id=item.agency_id).order_by("title")
    open_form = OpenItemForm(
        request.POST if request.POST.get("step") == "open" else None,
        datasets=datasets,
        initial={"opened_on": timezone.localdate()},
        prefix="open",
    )
    cancel_form = CancelItemForm(
        request.POST if request.POST.get("step") == "cancel" else None, prefix="cancel"
    )
    if request.method == "POST":
        form = open_form if request.POST.get("step") == "open" else cancel_form
        if form.is_valid():
            d = form.cleaned_data
            try:
                if form is open_form:
                    actions.open_plan_item(
                        user, item, dataset=d["dataset"], opened_on=d["opened_on"], note=d["note"]
                    )
                    flash.success(request, "已记录开放完成情况")
                else:
                    actions.cancel_plan_item(user, item, note=d["note"])
                    flash.success(request, "已取消该计划事项")
            except ActionRefused as exc:
                _refused(form, exc)
            else:
                return redirect("opendata_staff:plan_item", item.pk)
    own = user.is_superuser or user.agency_id == item.agency_id
    return _wb(
        request,
        "opendata/access/wb_plan_item.html",
        {
            "item": item,
            "open_form": open_form,
            "cancel_form": cancel_form,
            "can_open": item.state == PlanItemState.PLANNED and own,
            "can_cancel": item.state == PlanItemState.PLANNED
            and (user.is_superuser or user.has_role(*actions.PLANNERS)),
        },
    )


# ---------------------------------------------------------------- workbench: 需求征集


@staff_view(*queries.STAFF_ROLES)
def requests_home(request):
    user = request.user
    reqs = scoped(user, DataRequest.objects.select_related("agency"))
    state = request.GET.get("state", "")
    if state in RequestState.values:
        reqs = reqs.filter(state=state)
    today = timezone.localdate()
    page = Paginator(reqs.order_by("state", "due_on", "-pk"), 30).get_page(request.GET.get("page"))
    overdue = scoped(
        user, DataRequest.objects.filter(Q(state=RequestState.PENDING, due_on__lt=today))
    ).count()
    return _wb(
        request,
        "opendata/access/wb_requests.html",
        {"page_obj": page, "state": state, "states": RequestState.choices, "n_overdue": overdue},
    )


@staff_view(*queries.STAFF_ROLES)
def request_detail(request, pk: int):
    user = request.user
    req = get_scoped_or_404(
        user, DataRequest.objects.select_related("agency", "answered_by", "dataset", "clock"), pk=pk
    )
    datasets = Dataset.objects.filter(agency_id=req.agency_id).order_by("title")
    form = AnswerForm(request.POST or None, datasets=datasets)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.answer_data_request(
                user, req, outcome=d["outcome"], answer=d["answer"], dataset=d["dataset"]
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "答复已公开")
            return redirect("opendata_staff:request", req.pk)
    return _wb(
        request,
        "opendata/access/wb_request.html",
        {
            "req": req,
            "form": form,
            "clock": req.clock.status() if req.clock_id else None,
            "can_answer": req.state == RequestState.PENDING
            and (
                user.is_superuser or (user.agency_id == req.agency_id and user.has_role(*actions.ANSWERERS))
            ),
        },
    )
