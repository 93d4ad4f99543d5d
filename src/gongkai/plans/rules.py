"""Who may do what to a plan and its tasks, and which plans and tasks a staff member sees.

A plan belongs to a government (县人民政府). It is managed by the staff of that agency, of the office
that supervises it (县政府办公室, `Agency.supervises`) and by supervisors whose scope covers it. The
responsible agency of a task reports on it; supervisors above it see it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import agency_filter, can_see_agency

from .models import AnnualPlan, PlanTask

MANAGERS = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)
REPORTERS = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.RESPONDER)
STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.RESPONDER, Role.SUPERVISOR)


def managed_agency_ids(user) -> list[int]:
    """The agencies whose plans `user`'s own agency manages besides itself (the office's government)."""
    if user.agency_id is None:
        return []
    supervised = user.agency.supervises_id
    return [user.agency_id] + ([supervised] if supervised else [])


def manages(user, plan: AnnualPlan) -> bool:
    if user.is_superuser:
        return True
    if not user.has_role(*MANAGERS):
        return False
    return plan.agency_id in managed_agency_ids(user) or (
        user.is_supervisor and can_see_agency(user, plan.agency)
    )


def plan_filter(user) -> Q:
    """Plans the user sees: those it manages, and those with a task of its agency (or in its scope)."""
    if user.is_superuser:
        return Q()
    if user.agency_id is None:
        return Q(pk__in=[])
    return (
        Q(agency_id__in=managed_agency_ids(user))
        | agency_filter(user, "agency")
        | Q(pk__in=PlanTask.objects.filter(agency_filter(user, "agency")).values("plan_id"))
    )


def plans_for(user) -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.filter(plan_filter(user)).select_related("agency")


def tasks_for(user) -> QuerySet[PlanTask]:
    """Tasks the user sees: of its agency's (or scope's) responsibility, or of a plan it manages."""
    if user.is_superuser:
        return PlanTask.objects.all()
    if user.agency_id is None:
        return PlanTask.objects.none()
    managed = Q(plan__agency_id__in=managed_agency_ids(user))
    if user.is_supervisor:
        managed |= agency_filter(user, "plan__agency")
    return PlanTask.objects.filter(agency_filter(user, "agency") | managed)


def reports_on(user, task: PlanTask) -> bool:
    return user.is_superuser or (user.agency_id == task.agency_id and user.has_role(*REPORTERS))


def agencies_for_tasks(plan: AnnualPlan) -> QuerySet[Agency]:
    """The agencies a task of `plan` may be given to: the plan's agency and everything below it."""
    return plan.agency.subtree().filter(is_active=True).order_by("path")
