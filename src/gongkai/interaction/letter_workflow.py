"""The workflow of a prompt letter (民意诉求反馈提示函), as data for the core engine.

draft (the job found a concentration; in the office's 待办) → issued (the office signs it out:
number, date, .docx) → answered (the agency records its written feedback) → published (the office
puts letter and feedback on the portal, masked). The office may instead dismiss a draft with a
reason. Sides: "office" — the office that issues (its clerks, signers and supervisors, or a
supervisor whose scope covers it); "agency" — the staff of the agency the letter is addressed to.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import LetterState

S = LetterState
OFFICE = (Role.CLERK, Role.SIGNER, Role.SUPERVISOR)
AGENCY = (Role.CLERK, Role.REVIEWER, Role.SIGNER)
A = "gongkai.interaction.actions.letters."
F = "gongkai.interaction.letter_forms."

TRANSITIONS: tuple[Transition, ...] = (
    Transition("issue", (S.DRAFT,), S.ISSUED, OFFICE, "签发提示函", "提示函已签发",
               A + "issue_prompt_letter", F + "IssueForm", side="office"),
    Transition("dismiss", (S.DRAFT,), S.DISMISSED, OFFICE, "不予签发", "已决定不予签发",
               A + "dismiss_prompt_letter", F + "ReasonForm", side="office", primary=False),
    Transition("feedback", (S.ISSUED, S.ANSWERED), S.ANSWERED, AGENCY, "书面反馈", "反馈意见已记录",
               A + "record_letter_feedback", F + "FeedbackForm", side="agency"),
    Transition("publish", (S.ANSWERED,), S.PUBLISHED, OFFICE, "公开提示函及反馈", "提示函及反馈已公开",
               A + "publish_prompt_letter", "gongkai.common.forms.ActionForm", side="office"),
)  # fmt: skip


def in_office(actor, letter) -> bool:
    return (
        actor.is_superuser
        or actor.agency_id == letter.office_id
        or (actor.is_supervisor and can_see_agency(actor, letter.office))
    )


def _guard(actor, letter, transition: Transition) -> None:
    if actor is None:
        raise ActionRefused("请先登录")
    if transition.side == "office" and not in_office(actor, letter):
        raise ActionRefused(f"只有发函单位（{letter.office}）可以{transition.label}")
    if transition.side == "agency" and not (actor.is_superuser or actor.agency_id == letter.agency_id):
        raise ActionRefused(f"只有收函单位（{letter.agency}）可以{transition.label}")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .queries_letters import letters_for

    return get_object_or_404(letters_for(request.user), pk=pk)


def _extra_context(request, letter, transition: Transition) -> dict:
    return {"letter": letter}


LETTERS = Workflow(
    name="prompt_letters",
    noun="提示函",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(LetterState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda letter: reverse("interaction_letters:detail", args=[letter.pk]),
    template="interaction/letters/wb_act.html",
    nav="messages",
    extra_context=_extra_context,
)
