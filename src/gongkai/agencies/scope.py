"""The one place that decides what a staff member may see.

A staff member sees the internal work of its own agency. A supervisor (主管部门) sees its agency's
whole subtree. Superusers (installation administrators) see everything. Every staff view and API
narrows its querysets with `scoped()` and fetches single objects with `get_scoped_or_404()`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from .models import Agency, Role, Staff


def agency_filter(user: Staff, agency_field: str = "agency") -> Q:
    """A Q object selecting rows whose `agency_field` lies within the user's scope.

    `agency_field` is the lookup path to the row's agency, or "self" for Agency rows themselves.
    """
    prefix = "" if agency_field == "self" else f"{agency_field}__"
    if user.is_superuser:
        return Q()
    if not user.is_authenticated or user.agency_id is None:
        return Q(pk__in=[])
    if user.is_supervisor:
        return Q(**{f"{prefix}path__startswith": user.scope_root.path})
    return Q(**{f"{prefix}pk": user.agency_id})


def scoped(user: Staff, queryset: QuerySet, agency_field: str = "agency") -> QuerySet:
    return queryset.filter(agency_filter(user, agency_field))


def visible_agencies(user: Staff) -> QuerySet[Agency]:
    if user.is_superuser:
        return Agency.objects.all()
    if user.agency_id is None:
        return Agency.objects.none()
    if user.is_supervisor:
        return user.scope_root.subtree()
    return Agency.objects.filter(pk=user.agency_id)


def can_see_agency(user: Staff, agency: Agency | None) -> bool:
    if user.is_superuser:
        return True
    if agency is None or user.agency_id is None:
        return False
    if user.is_supervisor:
        return agency.is_within(user.scope_root)
    return agency.pk == user.agency_id


def get_scoped_or_404(user: Staff, queryset: QuerySet, agency_field: str = "agency", **lookup: Any) -> Model:
    """Fetch one object within the user's scope; outside it, the object does not exist (404)."""
    try:
        return scoped(user, queryset, agency_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def require_roles(user: Staff, roles: tuple[str, ...]) -> None:
    """403 (with the roles named in Chinese) unless the user has one of `roles` or is a superuser."""
    if roles and not user.is_superuser and not user.has_role(*roles):
        labels = "、".join(str(Role(r).label) for r in roles)
        raise PermissionDenied(f"此功能需要以下角色之一：{labels}")


def staff_view(*roles: str) -> Callable:
    """Decorate a workbench view: login required, an agency required, and one of `roles` if given."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_superuser:
                if user.agency_id is None or not user.agency.is_active:
                    raise PermissionDenied("您的账号未关联有效的机关")
                require_roles(user, roles)
            return view(request, *args, **kwargs)

        wrapped.staff_roles = roles  # read by the scoping test that walks every staff URL
        return wrapped

    return decorator
