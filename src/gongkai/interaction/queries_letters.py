"""What staff and the public see of prompt letters, and the 待办 they create."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from gongkai.agencies.models import Role, Staff
from gongkai.agencies.scope import agency_filter
from gongkai.common.todo import TodoItem

from .models import LetterState, PromptLetter


def letters_for(user: Staff) -> QuerySet[PromptLetter]:
    """The letters of the user's office, those addressed to the user's agency, and (supervisors)
    those of their subtree."""
    if not getattr(user, "is_authenticated", False):
        return PromptLetter.objects.none()
    scope = agency_filter(user, "agency") | agency_filter(user, "office")
    if not user.is_superuser and user.agency_id is not None:
        scope |= Q(office_id=user.agency_id) | Q(agency_id=user.agency_id)
    return (
        PromptLetter.objects.filter(scope)
        .select_related("office", "agency")
        .annotate(cited=Count("messages", distinct=True))
    )


def published_letters() -> QuerySet[PromptLetter]:
    return (
        PromptLetter.objects.filter(state=LetterState.PUBLISHED, published_at__isnull=False)
        .select_related("office", "agency")
        .order_by("-published_at", "-pk")
    )


def todo_items(user: Staff) -> list[TodoItem]:
    """The office: drafts to issue or dismiss, and feedback to publish; the agency: letters to answer."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    wanted = Q(pk__in=[])
    if user.is_superuser or user.has_role(Role.CLERK, Role.SIGNER, Role.SUPERVISOR):
        wanted |= Q(office_id=user.agency_id, state__in=[LetterState.DRAFT, LetterState.ANSWERED])
    if user.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER):
        wanted |= Q(agency_id=user.agency_id, state=LetterState.ISSUED)
    status = {
        LetterState.DRAFT: "诉求集中，待签发提示函",
        LetterState.ANSWERED: "已反馈，待公开",
        LetterState.ISSUED: "待书面反馈",
    }
    items = []
    for letter in PromptLetter.objects.filter(wanted).select_related("agency").order_by("detected_at")[:50]:
        items.append(
            TodoItem(
                title=f"民意诉求反馈提示函：{letter.topic}（{letter.agency.display_name}）",
                url=reverse("interaction_letters:detail", args=[letter.pk]),
                agency=letter.agency.display_name,
                status=status[letter.state],
            )
        )
    return items
