"""Read-side helpers of the data resource catalog: the 待办 of its reviewers and clerks."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from gongkai.common.todo import TodoItem

from .models import Dataset, DatasetState


def todo_items(user) -> list[TodoItem]:
    """Datasets of the user's own agency waiting for the user's step: review (reviewers, signers),
    保密审查 (secrecy reviewers), or changes after being returned (clerks)."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    wanted = Q(pk__in=[])
    if user.has_role("reviewer", "signer"):
        wanted |= Q(state=DatasetState.REVIEWING)
    if user.has_role("secrecy_reviewer"):
        wanted |= Q(state=DatasetState.SECRECY)
    if user.has_role("clerk"):
        wanted |= Q(state=DatasetState.DRAFT) & ~Q(return_reason="")
    steps = {
        DatasetState.REVIEWING: ("审核数据集", "待审核"),
        DatasetState.SECRECY: ("保密审查数据集", "待保密审查"),
        DatasetState.DRAFT: ("修改退回的数据集", "已退回"),
    }
    datasets = (
        Dataset.objects.filter(wanted, agency_id=user.agency_id)
        .select_related("agency")
        .order_by("updated_at")
    )
    return [
        TodoItem(
            title=f"{steps[ds.state][0]}：{ds.title}",
            url=reverse("opendata_staff:dataset", args=[ds.pk]),
            agency=ds.agency.display_name,
            status=steps[ds.state][1],
        )
        for ds in datasets[:50]
    ]
