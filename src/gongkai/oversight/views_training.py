"""Pages of the oversight part `training`: sessions, their sign-in sheets, the rotation lapses."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date

from gongkai.agencies.models import Agency, Staff
from gongkai.agencies.scope import staff_view, visible_agencies
from gongkai.common.errors import ActionRefused

from . import training_actions as actions
from . import training_queries as queries
from .rules import STAFF_ROLES
from .training_forms import SessionForm

NAV = "oversight_trainings"


@staff_view(*STAFF_ROLES)
def home(request):
    user = request.user
    sessions = queries.sessions_for(user)
    start = parse_date(request.GET.get("start") or "")
    end = parse_date(request.GET.get("end") or "")
    if start:
        sessions = sessions.filter(held_on__gte=start)
    if end:
        sessions = sessions.filter(held_on__lte=end)
    agencies = visible_agencies(user)
    chosen = request.GET.get("agency")
    if chosen and chosen.isdigit():
        agencies = agencies.filter(pk=int(chosen))
    return render(
        request,
        "oversight/training/wb_home.html",
        {
            "nav": NAV,
            "sessions": list(sessions[:200]),
            "lapses": queries.lapses_by_agency(queries.lapses(agencies)),
            "months": queries.settings.GONGKAI_TRAINING_ROTATION_MONTHS,
            "may_create": user.is_superuser or user.has_role(*actions.ORGANISERS),
        },
    )


@staff_view(*actions.ORGANISERS)
def session_new(request):
    agencies = visible_agencies(request.user).filter(is_active=True)
    form = SessionForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            session = actions.create_session(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "培训已登记，请录入签到")
            return redirect("oversight_staff:training", session.pk)
    return render(request, "oversight/training/wb_form.html", {"nav": NAV, "form": form})


@staff_view(*STAFF_ROLES)
def session_detail(request, pk: int):
    session = get_object_or_404(queries.sessions_for(request.user), pk=pk)
    participants = list(session.agencies.all())
    staff = list(
        Staff.objects.filter(
            agency__in=participants, is_active=True, roles__role__in=queries.DISCLOSURE_ROLES
        )
        .distinct()
        .select_related("agency")
        .order_by("agency__path", "pk")
    )
    error = ""
    may_sign = actions.may_sign(request.user, session)
    if request.method == "POST":
        by_pk = {s.pk: s for s in staff}
        present = [by_pk[int(v)] for v in request.POST.getlist("present") if v.isdigit() and int(v) in by_pk]
        absent = [s for s in staff if s not in present] if request.POST.get("mark_absent") else []
        externals = []
        agencies = {a.pk: a for a in participants}
        for line in request.POST.get("externals", "").splitlines():
            name, _, agency_pk = line.partition("|")
            if name.strip():
                agency = agencies.get(int(agency_pk)) if agency_pk.strip().isdigit() else None
                externals.append((name.strip(), agency))
        try:
            n = actions.record_attendance(
                request.user, session, present=present, absent=absent, externals=externals
            )
        except ActionRefused as exc:
            error = exc.message
        else:
            messages.success(request, f"已登记{n}人的签到情况")
            return redirect("oversight_staff:training", session.pk)
    rows = list(session.attendances.select_related("staff", "agency").order_by("agency__path", "pk"))
    signed = {a.staff_id for a in rows if a.attended and a.staff_id}
    return render(
        request,
        "oversight/training/wb_session.html",
        {
            "nav": NAV,
            "session": session,
            "participants": participants,
            "staff": staff,
            "rows": rows,
            "signed": signed,
            "error": error,
            "may_sign": may_sign,
            "agency_ids": [(a.pk, a.name) for a in participants if isinstance(a, Agency)],
        },
    )
