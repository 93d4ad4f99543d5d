"""Pages of the oversight part `inspection` (网站检查): the sites with their latest score, a site's
history with its trend, an inspection's report (and .xlsx), a finding (marked fixed by its agency),
the year's scoring rules. Views parse, call an action, render."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.scope import agency_filter, staff_view
from gongkai.common import submission
from gongkai.common.charts import bar_chart
from gongkai.common.errors import ActionRefused
from gongkai.portal.models import Site

from . import inspection_actions as actions
from .inspection.scoring import scheme_for
from .inspection_queries import (
    FindingState,
    can_fix,
    finding_state,
    findings_for,
    latest_done,
    manages_site,
    visible_sites,
)
from .inspection_xlsx import conclusion, inspection_xlsx
from .models import Finding, Inspection, InspectionRule
from .rules import STAFF_ROLES, SUPERVISORS

NAV = "oversight_inspections"
RUN_KEY = "oversight.inspection.run"
HISTORY = 30  # inspections shown in a site's trend


def _site_or_404(user, pk: int) -> Site:
    site = visible_sites(user).filter(pk=pk).first()
    if site is None:
        raise Http404
    return site


def _inspection_or_404(user, pk: int) -> Inspection:
    inspection = get_object_or_404(Inspection.objects.select_related("site", "started_by"), pk=pk)
    if not visible_sites(user).filter(pk=inspection.site_id).exists():
        raise Http404
    if not manages_site(user, inspection.site) and not findings_for(user, inspection).exists():
        raise Http404
    return inspection


def page_link(request, site: Site, url: str) -> str:
    """A finding's page as a link the browser opens: a site-relative path on the site's host."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    host = site.hosts.values_list("host", flat=True).first()
    if not host or host == request.get_host().split(":")[0]:
        return url
    port = request.get_port()
    suffix = "" if port in ("80", "443") else f":{port}"
    return f"{request.scheme}://{host}{suffix}{url}"


def _annotate(request, inspection: Inspection, findings, user) -> list[Finding]:
    rows = list(findings)
    latest = latest_done([inspection.site_id]).get(inspection.site_id)
    today = timezone.localdate()
    for f in rows:
        f.inspection = inspection
        f.state = finding_state(f)
        f.state_label = FindingState.LABELS[f.state]
        f.link = page_link(request, inspection.site, f.url) if f.url else ""
        f.overdue = f.state == FindingState.OPEN and f.fix_by is not None and f.fix_by < today
        f.fixable = latest is not None and latest.pk == inspection.pk and can_fix(user, f)
    return rows


@staff_view(*STAFF_ROLES)
def home(request):
    user = request.user
    sites = list(visible_sites(user).order_by("-is_default", "pk"))
    latest = latest_done([s.pk for s in sites])
    running = set(
        Inspection.objects.filter(site__in=sites, state=Inspection.State.RUNNING).values_list(
            "site_id", flat=True
        )
    )
    rows = []
    for site in sites:
        ins = latest.get(site.pk)
        rows.append(
            {
                "site": site,
                "latest": ins,
                "conclusion": conclusion(ins) if ins else "",
                "running": site.pk in running,
                "manages": manages_site(user, site),
            }
        )
    return render(
        request,
        "oversight/inspection/home.html",
        {"nav": NAV, "rows": rows, "is_supervisor": user.is_superuser or user.has_role(*SUPERVISORS)},
    )


@staff_view(*STAFF_ROLES)
def site_history(request, pk: int):
    user = request.user
    site = _site_or_404(user, pk)
    manages = manages_site(user, site)
    inspections = list(Inspection.objects.filter(site=site).order_by("-started_at", "-pk")[:HISTORY])
    if not manages:
        visible = set(
            Finding.objects.filter(agency_filter(user, "agency"), inspection__in=inspections).values_list(
                "inspection_id", flat=True
            )
        )
        inspections = [i for i in inspections if i.pk in visible]
    done = [i for i in reversed(inspections) if i.state == Inspection.State.DONE]
    chart = bar_chart(
        [(timezone.localtime(i.started_at).strftime("%m-%d"), float(i.score or 0)) for i in done],
        title=f"{site.name}历次检查得分",
        unit="分",
        max_value=100,
        chart_id="score-trend",
    )
    for i in inspections:
        i.conclusion = conclusion(i)
    return render(
        request,
        "oversight/inspection/site.html",
        {
            "nav": NAV,
            "site": site,
            "inspections": inspections,
            "chart": chart if done else "",
            "manages": manages,
        },
    )


@staff_view(*SUPERVISORS)
@require_http_methods(["GET", "POST"])
def run(request, pk: int):
    """立即检查: GET shows the confirmation; POST runs it (a resent form finds the first run)."""
    user = request.user
    site = _site_or_404(user, pk)
    if not manages_site(user, site):
        raise PermissionDenied("您无权检查该网站")
    done_keys = request.session.get(RUN_KEY + ".done", {})
    if request.method == "POST":
        key = request.POST.get("form_key", "")
        if key and key in done_keys:
            flash.info(request, "该检查已经运行过，以下是其结果")
            return redirect("oversight_staff:inspection", done_keys[key])
        try:
            inspection = actions.start_inspection(user, site)
        except ActionRefused as exc:
            flash.error(request, str(exc))
            return redirect("oversight_staff:inspection_site", site.pk)
        if key:
            request.session[RUN_KEY + ".done"] = {**dict(list(done_keys.items())[-9:]), key: inspection.pk}
        submission.next_form_key(request, RUN_KEY)
        if inspection.state == Inspection.State.FAILED:
            flash.error(request, f"检查出错：{inspection.error}")
        else:
            flash.success(request, f"检查完成：{inspection.score}分，{conclusion(inspection)}")
        return redirect("oversight_staff:inspection", inspection.pk)
    return render(
        request,
        "oversight/inspection/run.html",
        {"nav": NAV, "site": site, "form_key": submission.form_key(request, RUN_KEY)},
    )


@staff_view(*STAFF_ROLES)
def report(request, pk: int):
    user = request.user
    inspection = _inspection_or_404(user, pk)
    findings = _annotate(request, inspection, findings_for(user, inspection), user)
    manages = manages_site(user, inspection.site)
    summary = inspection.summary or {}
    checks = list(summary.get("checks", {}).values())
    return render(
        request,
        "oversight/inspection/report.html",
        {
            "nav": NAV,
            "inspection": inspection,
            "site": inspection.site,
            "conclusion": conclusion(inspection),
            "vetoes": [f for f in findings if f.vetoes],
            "deductions": [f for f in findings if not f.vetoes and f.deduction],
            "others": [f for f in findings if not f.vetoes and not f.deduction],
            "checks": checks if manages else [],
            "summary": summary,
            "manages": manages,
            "cleared": list(inspection.cleared_findings.filter(pk__in=_scoped_cleared(user, inspection))),
        },
    )


def _scoped_cleared(user, inspection: Inspection) -> list[int]:
    qs = inspection.cleared_findings.select_related("inspection__site")
    if manages_site(user, inspection.site):
        return list(qs.values_list("pk", flat=True))
    return list(qs.filter(agency_filter(user, "agency")).values_list("pk", flat=True))


@staff_view(*STAFF_ROLES)
def report_xlsx(request, pk: int):
    user = request.user
    inspection = _inspection_or_404(user, pk)
    findings = findings_for(user, inspection).order_by("-vetoes", "-deduction", "check_code", "pk")
    base = f"{request.scheme}://{request.get_host()}"
    data = inspection_xlsx(inspection, findings, base_url=base)
    when = timezone.localtime(inspection.started_at)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"inspection-{inspection.site.code or inspection.site.pk}-{when:%Y%m%d-%H%M}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def finding(request, pk: int):
    user = request.user
    f = get_object_or_404(Finding.objects.select_related("inspection__site", "agency", "fixed_by"), pk=pk)
    inspection = f.inspection
    if (
        not findings_for(user, inspection).filter(pk=f.pk).exists()
        or not visible_sites(user).filter(pk=inspection.site_id).exists()
    ):
        raise Http404
    error = ""
    note = ""
    if request.method == "POST":
        note = request.POST.get("note", "")
        try:
            actions.mark_fixed(user, f, note=note)
        except ActionRefused as exc:
            error = str(exc)
        else:
            flash.success(request, "已标记为已整改，下次检查将复查")
            return redirect("oversight_staff:finding", f.pk)
    (row,) = _annotate(request, inspection, [f], user)
    rule = (inspection.summary or {}).get("checks", {}).get(f.check_code, {})
    return render(
        request,
        "oversight/inspection/finding.html",
        {
            "nav": NAV,
            "finding": row,
            "inspection": inspection,
            "site": inspection.site,
            "rule": rule,
            "error": error,
            "note": note,
        },
        status=400 if error else 200,
    )


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def rules(request):
    """The year's scoring scheme; supervisors edit it (one rule or the lines at a time)."""
    user = request.user
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not (2000 <= year <= 2100):
        raise Http404
    scheme = scheme_for(year)
    can_edit = user.is_superuser or user.has_role(*SUPERVISORS)
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("只有监督考评人员可以修改评分规则")
        posted = request.POST.dict()
        try:
            if request.POST.get("what") == "scheme":
                actions.update_scheme(
                    user, scheme, **{k: posted.get(k, "") for k in actions.SCHEME_FIELDS[1:]}
                )
                flash.success(request, f"{year}年评分方案已保存")
            else:
                rule = get_object_or_404(InspectionRule, pk=request.POST.get("rule") or 0, scheme=scheme)
                actions.update_rule(
                    user,
                    rule,
                    **{
                        k: posted.get(k, "") for k in ("kind", "veto_threshold", "points", "cap", "indicator")
                    },
                )
                flash.success(request, f"“{rule.label}”规则已保存")
        except ActionRefused as exc:
            errors[posted.get("rule") or "scheme"] = str(exc)
        else:
            return redirect(f"{request.path}?year={year}")
    rule_rows = list(scheme.rules.all())
    for r in rule_rows:
        r.error = errors.get(str(r.pk), "")
        r.posted = posted if posted.get("rule") == str(r.pk) else None
    return render(
        request,
        "oversight/inspection/rules.html",
        {
            "nav": NAV,
            "scheme": scheme,
            "rules": rule_rows,
            "kinds": InspectionRule.Kind.choices,
            "can_edit": can_edit,
            "scheme_error": errors.get("scheme", ""),
            "posted": posted if posted.get("what") == "scheme" else None,
            "year": year,
        },
        status=400 if errors else 200,
    )
