from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import get_scoped_or_404, scoped, staff_view, visible_agencies
from gongkai.audit.models import AuditEntry

from . import todo

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
