"""The workflow of a press conference, as data for the core engine.

planned (in the public calendar) → live (文字直播: staff type, the public page follows) → held →
published (实录 with media, the released documents and interpretations). A conference held without
a live text is recorded as held straight from planned; a planned one may be cancelled with a reason.
Only the staff of the conference's agency act on it (clerks, spokespersons, signers).
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import ConferenceState

S = ConferenceState
PRESS_ROLES = (Role.CLERK, Role.SPOKESPERSON, Role.SIGNER)
A = "gongkai.press.actions."
F = "gongkai.press.forms."

TRANSITIONS: tuple[Transition, ...] = (
    Transition("start", (S.PLANNED,), S.LIVE, PRESS_ROLES, "开始文字直播", "文字直播已开始",
               A + "start_conference", "gongkai.common.forms.ActionForm"),
    Transition("finish", (S.LIVE,), S.HELD, PRESS_ROLES, "结束直播", "发布会已结束",
               A + "finish_conference", "gongkai.common.forms.ActionForm"),
    Transition("record", (S.PLANNED,), S.HELD, PRESS_ROLES, "登记已召开", "已登记为已召开",
               A + "record_conference", "gongkai.common.forms.ActionForm", primary=False),
    Transition("publish", (S.HELD,), S.PUBLISHED, PRESS_ROLES, "发布实录", "实录已发布",
               A + "publish_conference", "gongkai.common.forms.ActionForm"),
    Transition("cancel", (S.PLANNED,), S.CANCELLED, PRESS_ROLES, "取消发布会", "发布会已取消",
               A + "cancel_conference", F + "CancelForm", primary=False),
)  # fmt: skip


def _guard(actor, conference, transition: Transition) -> None:
    if actor is None:
        raise ActionRefused("请先登录")
    if not (actor.is_superuser or actor.agency_id == conference.agency_id):
        raise ActionRefused(f"只有举办机关（{conference.agency}）的工作人员可以{transition.label}")


def _get_object(request, pk: int):
    from .queries import get_conference

    return get_conference(request.user, pk)


CONFERENCES = Workflow(
    name="press_conferences",
    noun="发布会",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(ConferenceState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda c: reverse("press_staff:detail", args=[c.pk]),
    template="press/wb_act.html",
    nav="press",
)
