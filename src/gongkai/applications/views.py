"""Portal pages (申请、回执、查询) and workbench pages (列表、登记、办理、报表). Thin: forms validate,
actions write, queries read."""

from __future__ import annotations

import uuid
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Role
from gongkai.agencies.scope import get_scoped_or_404, staff_view
from gongkai.common import ratelimit
from gongkai.common.errors import ActionRefused
from gongkai.common.files import stored_file_response
from gongkai.common.metric_records import read_figure_filter
from gongkai.common.net import client_ip
from gongkai.common.params import clean_query, param_choice, param_text
from gongkai.common.urgency import Urgency

from . import actions, exports, forms, metrics, suggest
from .models import Application, Notice, NoticeKind, Release, State
from .queries import applications_for, find_application, rows, table3_for, table4_for, workdays_taken
from .roles import CASE_ROLES
from .workflow import APPLICATIONS

SESSION_KEY = "applications_submitted"
FORM_KEY = "applications_apply_key"  # the idempotency key of the form being filled in
LOOKED_UP = "applications_looked_up"  # applications whose status this session has looked up
HANDLING_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)


def _docx(fieldfile, filename: str) -> HttpResponse:
    """A stored Word file (notice or release copy) as a download."""
    return stored_file_response(
        fieldfile,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _refused(form, exc: ActionRefused) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


# ---------------------------------------------------------------- portal


@require_http_methods(["GET", "POST"])
def apply(request):
    if request.method == "POST":
        form = forms.ApplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                application, _ = actions.submit_application(
                    agency=form.cleaned_data["agency"],
                    applicant=form.applicant(),
                    request=form.request_data(),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    attachments=form.cleaned_data["attachments"],
                )
            except ActionRefused as exc:
                _refused(form, exc)
            else:
                submitted = request.session.get(SESSION_KEY, [])
                if application.receipt_code not in submitted:
                    request.session[SESSION_KEY] = [*submitted[-9:], application.receipt_code]
                # The next application from this browser is a new one; a resent copy of this
                # form still carries the old key and finds this application.
                request.session[FORM_KEY] = uuid.uuid4().hex
                return redirect("applications:submitted", code=application.receipt_code)
    else:
        form = forms.ApplyForm(
            initial={
                "idempotency_key": _form_key(request),
                "description": request.GET.get("description", "")[:2000],
            }
        )
    return render(request, "applications/apply.html", {"form": form, "nav": "applications"})


def _form_key(request) -> str:
    """The key of the form this session is filling in: the same on reload and after Back."""
    key = request.session.get(FORM_KEY)
    if not key:
        key = request.session[FORM_KEY] = uuid.uuid4().hex
    return key


def _own_submission(request, code: str) -> Application:
    """Only the browser session that submitted sees the success page and the 回执."""
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404
    return Application.objects.select_related("agency").get(receipt_code=code)


def submitted(request, code: str):
    application = _own_submission(request, code)
    return render(request, "applications/submitted.html", {"application": application, "nav": "applications"})


def receipt(request, code: str):
    application = _own_submission(request, code)
    return render(request, "applications/receipt.html", {"application": application, "nav": "applications"})


def _rate_limited(request) -> bool:
    """Per client address, in the cache every worker shares (gongkai.common.ratelimit)."""
    return ratelimit.hit(
        "applications.status", client_ip(request), limit=settings.GONGKAI_STATUS_LOOKUPS_PER_HOUR, window=3600
    )


@require_http_methods(["GET", "POST"])
def status(request):
    """Status by receipt code + the phone's last four digits; one answer for every miss."""
    found = None
    form = forms.StatusForm(request.POST or None)
    if request.method == "POST":
        if _rate_limited(request):
            form.is_valid()
            form.add_error(None, "查询次数过多，请一小时后再试。")
        elif form.is_valid():
            found = find_application(form.cleaned_data["receipt_code"], form.cleaned_data["phone_last4"])
            if found is None:
                form.add_error(None, "查询码或联系电话后四位不正确，请核对后重试。")
            else:
                # The downloads below open only for this session, which proved code + phone digits.
                looked_up = request.session.get(LOOKED_UP, [])
                if found.pk not in looked_up:
                    request.session[LOOKED_UP] = [*looked_up[-9:], found.pk]
    clock = found.clock.status() if found is not None and found.clock_id else None
    notices = _citizen_notices(found) if found is not None else []
    releases = _citizen_releases(found) if found is not None else []
    response = render(
        request,
        "applications/status.html",
        {
            "form": form,
            "application": found,
            "clock": clock,
            "notices": notices,
            "releases": releases,
            "next_step": NEXT_STEP.get(found.state, "") if found is not None else "",
            "nav": "applications",
        },
    )
    response["Cache-Control"] = "no-store"
    return response


# What happens next, as the citizen reads it on the status page.
NEXT_STEP = {
    State.RECEIVED: "工作人员将与您确认收到申请；确认之日为收到申请之日，答复期限自该日起计算（条例第三十一条）。",
    State.ACCEPTED: "申请已受理，本机关将在答复期限内作出答复（条例第三十三条）。",
    State.CORRECTION: "请在补正期限内按补正申请告知书补正申请；答复期限自收到补正的申请之日起计算（条例第三十条）。",
    State.IN_PROGRESS: "申请正在办理，本机关将在答复期限内作出答复。",
    State.PAUSED: "本机关正在征求第三方或其他机关的意见，所需时间不计算在答复期限内（条例第三十二条、第三十四条）。",
    State.FEE_PENDING: "请在缴费期限内按收费通知书缴纳信息处理费；逾期未缴纳的，视为放弃申请。",
    State.REASONS_PENDING: "请按说明理由告知书说明申请理由；所需时间不计算在答复期限内（条例第三十五条）。",
    State.EXTENDED: "经批准，答复期限已延长，本机关将在延长后的期限内作出答复（条例第三十三条）。",
    State.DRAFTED: "答复正在审核，本机关将在答复期限内作出答复。",
    State.REVIEWED: "答复已审核，即将发出。",
    State.REPLIED: "本机关已作出答复，您可以下载答复告知书和公开的材料。"
    "如对答复不服，可以自收到答复之日起60日内申请行政复议，或者6个月内提起行政诉讼。",
    State.ARCHIVED: "本申请已办结归档。",
}
# Notices addressed to the applicant (the 征求意见 letters go to third parties and other agencies).
CITIZEN_NOTICE_KINDS = [k for k in NoticeKind.values if k not in (NoticeKind.THIRD_PARTY, NoticeKind.AGENCY)]


def _citizen_notices(application: Application):
    return application.notices.filter(sent_on__isnull=False, kind__in=CITIZEN_NOTICE_KINDS).order_by(
        "sent_on", "pk"
    )


def _citizen_releases(application: Application):
    if application.state not in (State.REPLIED, State.ARCHIVED):
        return Release.objects.none()
    return application.releases.order_by("pk")


def _looked_up(request, application_id: int) -> None:
    """Downloads work only in the session that looked the application up; a guessed URL is a 404."""
    if application_id not in request.session.get(LOOKED_UP, []):
        raise Http404


def citizen_notice_download(request, pk: int):
    item = Notice.objects.select_related("application").filter(pk=pk).first()
    if item is None:
        raise Http404
    _looked_up(request, item.application_id)
    if not item.file or item.pk not in {n.pk for n in _citizen_notices(item.application)}:
        raise Http404
    return _docx(item.file, f"{item.title}-{item.application.receipt_code}.docx")


def citizen_release_download(request, pk: int):
    release = Release.objects.select_related("application").filter(pk=pk).first()
    if release is None:
        raise Http404
    _looked_up(request, release.application_id)
    if release.pk not in {r.pk for r in _citizen_releases(release.application)}:
        raise Http404
    return _docx(release.file, f"{release.title}（公开文本）.docx")


# ---------------------------------------------------------------- workbench: list and registration


@staff_view(*CASE_ROLES)
def application_list(request):
    qs = applications_for(request.user)
    f = {
        "state": param_choice(request.GET.get("state"), State.values),
        "due": param_choice(request.GET.get("due"), ("soon", "overdue")),
        "q": param_text(request.GET.get("q")),
    }
    if f["state"]:
        qs = qs.filter(state=f["state"])
    if f["q"]:
        qs = qs.filter(Q(receipt_code__icontains=f["q"]) | Q(description__icontains=f["q"]))
    # The records behind a figure of the annual report or a scorecard (see applications.metrics).
    figure = read_figure_filter(request, metrics.FIGURES)
    if figure:
        qs = qs.filter(metrics.figure_q(figure.figure, figure.start, figure.end))
        if figure.agency_ids:
            qs = qs.filter(agency_id__in=figure.agency_ids)
    today = timezone.localdate()
    if f["due"] in ("soon", "overdue"):
        open_qs = qs.exclude(state__in=[State.REPLIED, State.ARCHIVED, State.RECEIVED])
        wanted = Urgency.OVERDUE if f["due"] == "overdue" else Urgency.DUE_SOON
        picked = [r for r in rows(open_qs, today) if r.urgency == wanted]
        page = Paginator(picked, 50).get_page(request.GET.get("page"))
        page_rows = list(page)
    else:
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        page_rows = rows(page, today)
    query = urlencode([(k, v) for k, v in f.items() if v] + (figure.query() if figure else []))
    return render(
        request,
        "applications/wb_list.html",
        {
            "nav": "applications",
            "rows": page_rows,
            "page_obj": page,
            "filters": f,
            "states": State.choices,
            "query_string": query,
            "figure": figure,
            "figure_label": metrics.FIGURES[figure.figure][0] if figure else "",
        },
    )


@staff_view(Role.CLERK, Role.SUPERVISOR)
def register(request):
    form = forms.RegisterForm(
        request.POST or None, user=request.user, initial={"idempotency_key": uuid.uuid4().hex}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            application = actions.register_application(
                request.user,
                agency=d["agency"],
                channel=d["channel"],
                applicant=form.applicant(),
                request=form.request_data(),
                submitted_on=d.get("submitted_on"),
                signed_on=d.get("signed_on"),
                confirmed_on=d.get("confirmed_on"),
                idempotency_key=d["idempotency_key"],
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"已登记，查询码 {application.receipt_code}")
            return redirect("applications_staff:detail", pk=application.pk)
    return render(request, "applications/wb_register.html", {"nav": "applications", "form": form})


# ---------------------------------------------------------------- workbench: the case


def _case(request, pk: int) -> Application:
    return get_scoped_or_404(request.user, applications_for(request.user), pk=pk)


@staff_view(*CASE_ROLES)
def detail(request, pk: int):
    application = _case(request, pk)
    status = application.clock_status()
    return render(
        request,
        "applications/wb_detail.html",
        {
            "nav": "applications",
            "app": application,
            "status": status,
            "masked": application.applicant.masked(),
            "transitions": APPLICATIONS.available(request.user, application),
            "can_reveal": actions.can_handle(request.user, application),
            "notices": application.notices.all(),
            "events": application.clock.events.select_related("actor").order_by("on", "pk")
            if application.clock_id
            else [],
            "supervisions": application.supervisions.select_related("issued_by"),
            "appeals": application.appeals.all(),
            "reply": getattr(application, "reply", None),
            "attachments": application.attachments.all(),
            "releases": application.releases.all(),
            "suggestions": suggest.suggestions(application) if not application.is_closed else [],
            "closing_warnings": [] if application.is_closed else actions.closing_warnings(application),
            "workdays_taken": workdays_taken(status) if application.is_closed else None,
        },
    )


@staff_view(*CASE_ROLES)
def reveal(request, pk: int):
    application = _case(request, pk)
    form = forms.RevealForm(request.POST or None)
    applicant = None
    if request.method == "POST" and form.is_valid():
        try:
            applicant = actions.reveal_applicant(
                request.user, application, reason=form.cleaned_data["reason"]
            )
        except ActionRefused as exc:
            _refused(form, exc)
    response = render(
        request,
        "applications/wb_reveal.html",
        {"nav": "applications", "app": application, "form": form, "applicant": applicant},
    )
    response["Cache-Control"] = "no-store"
    return response


def _notice(request, pk: int) -> Notice:
    return get_scoped_or_404(
        request.user,
        Notice.objects.select_related("application__agency"),
        agency_field="application__agency",
        pk=pk,
    )


@staff_view(*CASE_ROLES)
def notice(request, pk: int):
    item = _notice(request, pk)
    form = forms.NoticeForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST" and form.is_valid():
        try:
            actions.send_notice(
                request.user, item, text=form.cleaned_data["text"], on=form.cleaned_data["on"]
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{item.title}已发出")
            return redirect("applications_staff:detail", pk=item.application_id)
    return render(
        request, "applications/wb_notice.html", {"nav": "applications", "notice": item, "form": form}
    )


@staff_view(*CASE_ROLES)
def notice_download(request, pk: int):
    item = _notice(request, pk)
    if not item.file:
        raise Http404
    return _docx(item.file, f"{item.title}-{item.application.receipt_code}.docx")


@staff_view(*CASE_ROLES)
def release_download(request, pk: int):
    release = get_scoped_or_404(
        request.user, Release.objects.select_related("application"), agency_field="application__agency", pk=pk
    )
    return _docx(release.file, f"{release.title}（公开文本）.docx")


# ---------------------------------------------------------------- report


@staff_view(*CASE_ROLES)
def report(request):
    data = clean_query(request.GET) if "year" in request.GET else None
    form = forms.ReportForm(
        data, user=request.user, initial={"year": timezone.localdate().year, "agency": request.user.agency_id}
    )
    context = {"nav": "applications", "form": form}
    if form.is_valid():
        d = form.cleaned_data
        table3 = table3_for(d["agency"], d["year"], subtree=d["subtree"])
        table4 = table4_for(d["agency"], d["year"], subtree=d["subtree"])
        problems = table3.check() + table4.check()
        context.update(table3=table3, table4=table4, problems=problems + table3.anomalies + table4.anomalies)
        export = request.GET.get("export")
        if export and not problems:
            return export_report(table3, table4, d["agency"], d["year"], export)
        context["rows3"] = list(table3.rows(with_subtotals=False))
        context["rows4"] = list(table4.rows())
        context["balanced"] = not problems
    return render(request, "applications/wb_report.html", context)


def export_report(table3, table4, agency, year: int, kind: str) -> HttpResponse:
    filename = f"{agency.name}-{year}年度政府信息公开申请情况"
    if kind == "xlsx":
        response = HttpResponse(
            exports.report_xlsx(table3, table4, filename),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        ext = "xlsx"
    else:
        response = HttpResponse(
            "\ufeff" + exports.report_csv(table3, table4), content_type="text/csv; charset=utf-8"
        )
        ext = "csv"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.{ext}"
    return response
