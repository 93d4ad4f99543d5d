from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import get_scoped_or_404, scoped, staff_view, visible_agencies
from gongkai.audit.models import AuditEntry
from gongkai.workdays.services import count_start_day, current_calendar

from . import todo
from .forms import DeadlineForm

AUDIT_ROLES = (Role.SUPERVISOR, Role.SYSADMIN, Role.SIGNER)


class LoginView(auth_views.LoginView):
    template_name = "workbench/login.html"
    redirect_authenticated_user = True
    extra_context = {"failure_limit": settings.AXES_FAILURE_LIMIT}


@staff_view()
def home(request):
    return render(request, "workbench/home.html", {"nav": "home", "todo": todo.items_for(request.user)})


@staff_view()
def agencies(request):
    return render(
        request, "workbench/agencies.html", {"nav": "agencies", "agencies": visible_agencies(request.user)}
    )


@staff_view()
def agency(request, pk: int):
    agency = get_scoped_or_404(request.user, Agency.objects.all(), agency_field="self", pk=pk)
    staff = Staff.objects.filter(agency=agency, is_active=True).prefetch_related("roles").order_by("username")
    return render(request, "workbench/agency.html", {"nav": "agencies", "agency": agency, "staff": staff})


@staff_view(*AUDIT_ROLES)
def audit(request):
    entries = scoped(request.user, AuditEntry.objects.select_related("agency")).order_by("-seq")
    filters = {"action": request.GET.get("action", "").strip(), "q": request.GET.get("q", "").strip()}
    if filters["action"]:
        entries = entries.filter(action__startswith=filters["action"])
    if filters["q"]:
        entries = entries.filter(
            Q(object_repr__icontains=filters["q"]) | Q(actor_name__icontains=filters["q"])
        )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request,
        "workbench/audit.html",
        {"nav": "audit", "page_obj": page, "filters": filters, "query_string": query},
    )


@staff_view()
def workdays(request):
    """The deadline calculator: the same arithmetic every statutory clock uses, shown day by day."""
    form = DeadlineForm(request.GET or None)
    calendar = current_calendar()
    deadline = None
    if form.is_valid():
        deadline = calendar.add_workdays(
            form.cleaned_data["start"], form.cleaned_data["days"], count_start_day=count_start_day()
        )
    context = {
        "nav": "workdays",
        "form": form,
        "deadline": deadline,
        "known_through": calendar.known_through,
        "count_start_day": count_start_day(),
    }
    return render(request, "workbench/workdays.html", context)
