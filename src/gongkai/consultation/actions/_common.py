"""What every consultation action shares: today, the lock, the workflow check, the audit row."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused

from ..models import Consultation
from ..workflow import CONSULTATIONS

FIELDS = ["state", "title", "opens_on", "closes_on", "short_period_reason", "document", "decision_item"]
COMMENT_FIELDS = ["moderation", "paragraph", "channel", "held_reasons", "moderation_reason"]


def today() -> date:
    return timezone.localdate()


def now():
    return timezone.now()


def lock(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("agency", "document")
        .get(pk=consultation.pk)
    )


def go(actor, consultation: Consultation, action: str) -> str:
    """Check the workflow table (roles, state, guard); the state the action leads to."""
    transition = CONSULTATIONS.check(actor, consultation, action)
    return CONSULTATIONS.target(consultation, transition)


def audit(actor, consultation: Consultation, event: str, before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"consultation.consultation.{event}",
        target=consultation,
        agency=consultation.agency,
        before=before,
        after=snapshot(consultation, FIELDS),
        note=note,
    )


def text(value, what: str, field: str, *, limit: int, required: bool = True) -> str:
    from gongkai.common.identifiers import clean_text

    cleaned = clean_text(value or "").strip()
    if required and not cleaned:
        raise ActionRefused(f"请填写{what}", field=field)
    if len(cleaned) > limit:
        raise ActionRefused(f"{what}不能超过{limit}字（现有{len(cleaned)}字）", field=field)
    return cleaned


def require_agency_staff(actor, consultation: Consultation, roles: tuple[str, ...], what: str) -> None:
    """`actor` works at the drafting agency with one of `roles` (or is a superuser)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise ActionRefused("请先登录")
    if actor.is_superuser:
        return
    if actor.agency_id != consultation.agency_id:
        raise ActionRefused(f"只有起草单位（{consultation.agency}）的工作人员可以{what}")
    if not actor.has_role(*roles):
        labels = "、".join(str(Role(r).label) for r in roles)
        raise ActionRefused(f"{what}需要以下角色之一：{labels}")
