from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from gongkai.agencies.models import Role
from gongkai.agencies.scope import scoped, staff_view
from gongkai.common.params import param_text

from . import vocabulary
from .models import AuditEntry

AUDIT_ROLES = (Role.SUPERVISOR, Role.SYSADMIN, Role.SIGNER)
FILTERS = ("app", "object_type", "object", "actor")


@staff_view(*AUDIT_ROLES)
def audit_log(request):
    """The audit trail in the user's scope, newest first, filtered by app, object and person."""
    filters = {name: param_text(request.GET.get(name)) for name in FILTERS}
    apps = vocabulary.app_choices()
    entries = scoped(request.user, AuditEntry.objects.select_related("agency")).order_by("-seq")
    if filters["app"] in dict(apps):
        entries = entries.filter(vocabulary.app_filter(filters["app"]))
    if filters["object_type"]:
        entries = entries.filter(object_type=filters["object_type"])
    if filters["object"]:
        entries = entries.filter(Q(object_repr__icontains=filters["object"]) | Q(object_id=filters["object"]))
    if filters["actor"]:
        entries = entries.filter(actor_name__icontains=filters["actor"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "nav": "audit",
        "page_obj": page,
        "filters": filters,
        "apps": apps,
        "object_types": vocabulary.object_type_choices(),
        "query_string": urlencode({k: v for k, v in filters.items() if v}),
    }
    return render(request, "audit/log.html", context)
