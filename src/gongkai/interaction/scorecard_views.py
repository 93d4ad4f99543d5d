"""Scorecard pages of 留言办理: the public comparison across agencies and the page of one agency
(with CSV and JSON downloads and server-drawn charts), and the supervisor's dashboard in the
workbench (the same figures for the subtree, worst first, with the veto-line and overdue lists)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import staff_view, visible_agencies
from gongkai.common.charts import bar_chart
from gongkai.common.pagecache import public_page

from . import queries, scorecard

DOWNLOAD_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _site_agencies(request):
    site = getattr(request, "site", None)
    if site is not None and hasattr(site, "agencies"):
        return site.agencies()
    return Agency.objects.filter(is_active=True).order_by("path")


def _comparison(agencies, period, today):
    names = {a.pk: a.name for a in agencies}
    figs = scorecard.figures(period.start, period.end, list(names), today)
    rows = scorecard.table_rows(figs, names)
    order = {pk: i for i, pk in enumerate(names)}
    rows.sort(key=lambda r: order[r["agency_id"]])
    return rows, figs


def _charts(series, prefix: str) -> dict:
    return {
        "received": mark_safe(
            bar_chart(
                [(m["label"], m["received"]) for m in series],
                title="每月收到留言数",
                unit="件",
                chart_id=f"{prefix}-received",
            )
        ),
        "on_time": mark_safe(
            bar_chart(
                [(m["label"], m["on_time_pct"]) for m in series],
                title="每月按时答复率",
                unit="%",
                max_value=100,
                chart_id=f"{prefix}-ontime",
            )
        ),
    }


@public_page(params=("period",))
def index(request):
    """The comparison table across the site's agencies for a chosen period."""
    today = timezone.localdate()
    period = scorecard.period_for(request.GET.get("period"), today)
    rows, _figs = _comparison(_site_agencies(request), period, today)
    series = scorecard.monthly([r["agency_id"] for r in rows], period.start, period.end)
    return render(
        request,
        "interaction/scorecard/index.html",
        {
            "nav": "message_scorecards",
            "period": period,
            "periods": scorecard.periods(today),
            "rows": rows,
            "series": series,
            "charts": _charts(series, "all"),
        },
    )


@public_page(params=("period",))
def agency(request, pk: int):
    """The scorecard of one agency: the figures of the period, month by month, with charts."""
    today = timezone.localdate()
    found = _site_agencies(request).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个机关")
    period = scorecard.period_for(request.GET.get("period"), today)
    fig = scorecard.figures(period.start, period.end, [found.pk], today).get(found.pk) or scorecard.Figures(
        found.pk
    )
    series = scorecard.monthly([found.pk], period.start, period.end)
    return render(
        request,
        "interaction/scorecard/agency.html",
        {
            "nav": "message_scorecards",
            "agency": found,
            "period": period,
            "periods": scorecard.periods(today),
            "fig": fig,
            "series": series,
            "charts": _charts(series, f"a{found.pk}"),
        },
    )


@public_page(params=("period",))
def download(request, fmt: str):
    """The comparison table as CSV or JSON."""
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404("没有这种格式")
    today = timezone.localdate()
    period = scorecard.period_for(request.GET.get("period"), today)
    rows, _figs = _comparison(_site_agencies(request), period, today)
    body = scorecard.as_csv(rows, period) if fmt == "csv" else scorecard.as_json(rows, period)
    response = HttpResponse(body, content_type=DOWNLOAD_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="message-scorecard-{period.key}.{fmt}"'
    return response


@staff_view(Role.SUPERVISOR, Role.CLERK, Role.REVIEWER, Role.SIGNER)
def dashboard(request):
    """The supervisor's dashboard: the figures of every agency in the user's scope, worst first,
    the messages approaching the 3-month veto line and the overdue ones."""
    user = request.user
    today = timezone.localdate()
    period = scorecard.period_for(request.GET.get("period"), today)
    agencies = list(visible_agencies(user).filter(is_active=True).order_by("path"))
    names = {a.pk: a.name for a in agencies}
    figs = scorecard.figures(period.start, period.end, list(names), today)
    rows = scorecard.table_rows(figs, names)
    rows.sort(key=lambda r: figs[r["agency_id"]].badness())
    veto, veto_total = _veto(user, today)
    overdue = queries.rows(queries.overdue(user, today)[:100], today)
    return render(
        request,
        "interaction/wb_dashboard.html",
        {
            "nav": "messages_dashboard",
            "period": period,
            "periods": scorecard.periods(today),
            "rows": rows,
            "veto": veto,
            "veto_total": veto_total,
            "overdue": overdue,
        },
    )


def _veto(user, today):
    """The oldest 100 messages approaching (or beyond) the veto line, and how many there are: the
    database narrows by the shortest warning period, each message's own rule decides."""
    from datetime import timedelta

    from .deadlines import VETO_WARNING_DAYS
    from .models import UNANSWERED_STATES, DeadlineRule

    shortest = min([r.veto_warning_days for r in DeadlineRule.objects.all()] or [VETO_WARNING_DAYS])
    candidates = (
        queries.messages_for(user)
        .filter(state__in=UNANSWERED_STATES, is_valid=True, received_on__lte=today - timedelta(days=shortest))
        .order_by("received_on", "pk")
    )
    rows = [row for row in queries.rows(candidates[:200], today) if row.veto]
    if len(rows) < 200 and candidates.count() <= 200:
        return rows[:100], len(rows)
    return rows[:100], candidates.count()
