"""Reading 有条件开放, the opening plan and 需求征集: the 待办 of agencies, the home page's figures, the
public lists."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .actions_access import ANSWERERS, DECIDERS
from .models import (
    AccessApplication,
    AccessState,
    DataRequest,
    Dataset,
    DatasetState,
    OpeningPlanItem,
    Openness,
    PlanItemState,
    RequestState,
    Resource,
    TokenUse,
)

STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER, Role.SUPERVISOR)


def published_datasets(site=None) -> QuerySet[Dataset]:
    """The datasets the portal shows (as od-data's catalog does): released, open or conditional, and
    of the site's agencies when a site is given."""
    qs = Dataset.objects.filter(
        state=DatasetState.PUBLISHED, openness__in=(Openness.OPEN, Openness.CONDITIONAL)
    )
    return qs.filter(agency__in=site.agencies()) if site is not None else qs


def _urgency(due: date | None, today: date) -> Urgency:
    if due is not None and due < today:
        return Urgency.OVERDUE
    return Urgency.DUE_SOON if due is not None and (due - today).days <= 3 else Urgency.NORMAL


def todo_items(user) -> list[TodoItem]:
    """Pending 有条件开放 applications (for deciders), unanswered 需求征集 (for answerers), overdue
    opening-plan items (for clerks) of the user's own agency."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    today = timezone.localdate()
    items: list[TodoItem] = []
    if user.is_superuser or user.has_role(*DECIDERS):
        pending = (
            AccessApplication.objects.filter(agency_id=user.agency_id, state=AccessState.PENDING)
            .select_related("agency", "dataset")
            .order_by("due_on", "pk")[:50]
        )
        for app in pending:
            items.append(
                TodoItem(
                    title=f"有条件开放申请：{app.dataset.title}",
                    url=reverse("opendata_staff:application", args=[app.pk]),
                    agency=app.agency.display_name,
                    status=f"待审核（{app.receipt_code}）",
                    due=app.due_on,
                    urgency=_urgency(app.due_on, today),
                )
            )
    if user.is_superuser or user.has_role(*ANSWERERS):
        for req in (
            DataRequest.objects.filter(agency_id=user.agency_id, state=RequestState.PENDING)
            .select_related("agency")
            .order_by("due_on", "pk")[:50]
        ):
            items.append(
                TodoItem(
                    title=f"数据开放需求：{req.public_title}",
                    url=reverse("opendata_staff:request", args=[req.pk]),
                    agency=req.agency.display_name,
                    status=f"待答复（{req.receipt_code}）",
                    due=req.due_on,
                    urgency=_urgency(req.due_on, today),
                )
            )
    if user.is_superuser or user.has_role(Role.CLERK):
        for item in (
            OpeningPlanItem.objects.filter(
                agency_id=user.agency_id, state=PlanItemState.PLANNED, planned_on__lt=today
            )
            .select_related("agency")
            .order_by("planned_on", "pk")[:50]
        ):
            items.append(
                TodoItem(
                    title=f"数据开放计划：{item.title}",
                    url=reverse("opendata_staff:plan_item", args=[item.pk]),
                    agency=item.agency.display_name,
                    status="已超期",
                    due=item.planned_on,
                    urgency=Urgency.OVERDUE,
                )
            )
    return items


def home_counts(site=None) -> dict[str, int]:
    """The open-data home page's figures: published datasets, their released resources and rows, the
    agencies that provide them, and the calls made with 有条件开放 tokens."""
    published = published_datasets(site)
    counts = published.aggregate(datasets=Count("pk"), agencies=Count("agency", distinct=True))
    released = Resource.objects.filter(dataset__in=published, published_version__isnull=False).aggregate(
        n=Count("pk"), rows=Sum("published_version__row_count")
    )
    counts["resources"] = released["n"] or 0
    counts["rows"] = released["rows"] or 0
    counts["api_calls"] = TokenUse.objects.count()
    return counts


def theme_counts(site=None) -> list[dict]:
    return list(
        published_datasets(site)
        .exclude(theme="")
        .values("theme")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme")
    )


def public_requests() -> QuerySet[DataRequest]:
    """Every request with its answer, for the portal (only the masked public copies are shown)."""
    return DataRequest.objects.select_related("agency", "dataset").order_by("-submitted_at", "-pk")


def public_plan(year: int) -> QuerySet[OpeningPlanItem]:
    return (
        OpeningPlanItem.objects.filter(year=year)
        .select_related("agency", "dataset")
        .order_by("planned_on", "pk")
    )
