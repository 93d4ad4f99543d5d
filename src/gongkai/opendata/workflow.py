"""The workflow of a dataset, as data for the core engine (`gongkai.common.workflow`).

draft (a clerk prepares metadata, fields and resource files) → reviewing (submitted) → secrecy
(a reviewer or signer approved) → published (the secrecy reviewer released it after 保密审查);
either approver may return it to draft with a reason; a clerk may take a published dataset back
to draft to revise it (it leaves the portal until released again).
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import DatasetState

S = DatasetState
A = "gongkai.opendata.actions."
F = "gongkai.opendata.forms."

TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", (S.DRAFT,), S.REVIEWING, (Role.CLERK,), "提交审核", "数据集已提交审核",
               A + "submit_dataset", "gongkai.common.forms.ActionForm"),
    Transition("approve", (S.REVIEWING,), S.SECRECY, (Role.REVIEWER, Role.SIGNER), "审核通过",
               "数据集已审核通过，待保密审查", A + "approve_dataset", "gongkai.common.forms.ActionForm"),
    Transition("publish", (S.SECRECY,), S.PUBLISHED, (Role.SECRECY_REVIEWER,), "保密审查通过并发布",
               "数据集已发布", A + "publish_dataset", "gongkai.common.forms.ActionForm"),
    Transition("return", (S.REVIEWING, S.SECRECY), S.DRAFT,
               (Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER), "退回修改", "数据集已退回修改",
               A + "return_dataset", F + "ReasonForm", primary=False),
    Transition("revise", (S.PUBLISHED,), S.DRAFT, (Role.CLERK,), "撤回修订", "数据集已撤回修订",
               A + "revise_dataset", F + "ReasonForm", primary=False),
)  # fmt: skip


def _guard(actor, dataset, transition: Transition) -> None:
    from .rules import own_agency

    if actor is None:
        raise ActionRefused("请先登录")
    if not own_agency(actor, dataset):
        raise ActionRefused(f"只有{dataset.agency}的工作人员可以{transition.label}")
    if transition.action == "submit":
        from .actions import release_problems

        problems = release_problems(dataset)
        if problems:
            raise ActionRefused("；".join(problems))


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .rules import datasets_for

    return get_object_or_404(datasets_for(request.user), pk=pk)


DATASETS = Workflow(
    name="opendata",
    noun="数据集",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(DatasetState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda ds: reverse("opendata_staff:dataset", args=[ds.pk]),
    list_url=lambda: reverse("opendata_staff:home"),
    template="opendata/wb_act.html",
    nav="opendata",
    extra_context=lambda request, ds, transition: {"dataset": ds},
)
