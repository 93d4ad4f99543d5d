"""What every publishing action shares: the document fields, the clock, role checks, row locks and
the review trail."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.common.errors import ActionRefused

from ..models import Document, ReviewStep, State

log = logging.getLogger(__name__)

# The fields a clerk edits; each save keeps them all in a Revision.
DOC_FIELDS = [
    "title",
    "summary",
    "made_on",
    "written_on",
    "doc_number",
    "original_issuer",
    "subject",
    "genre",
    "keywords",
    "validity",
    "validity_changed_on",
    "replaced_by",
    "disclosure",
    "withheld_category",
    "withheld_reason",
    "column",
    "is_normative",
    "is_regulation",
    "body",
    "addressees",
    "note",
    "secrecy",
    "urgency",
    "attachment_names",
]
M2M_FIELDS = ["publishers", "topics"]
STATE_FIELDS = ["state", "index_number", "published_at", "scheduled_at", "review_round"]
EDITABLE_STATES = (State.DRAFT,)


# --- small helpers -----------------------------------------------------------------------------


def _now() -> dt.datetime:
    return timezone.now()


def _require_role(actor: Staff | None, agency: Agency, *roles: str, doing: str) -> None:
    if actor is None or not actor.is_authenticated:
        raise ActionRefused("请先登录")
    if actor.is_superuser:
        return
    if actor.agency_id != agency.pk:
        raise ActionRefused(f"只有{agency.name}的工作人员可以{doing}")
    if not actor.has_role(*roles):
        labels = "、".join(str(Role(r).label) for r in roles)
        raise ActionRefused(f"{doing}需要以下角色之一：{labels}")


def _lock(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _record_step(obj, actor, step: str, decision: str, comment: str) -> ReviewStep:
    owner = {"document": obj} if isinstance(obj, Document) else {"interpretation": obj}
    return ReviewStep.objects.create(
        **owner, review_round=obj.review_round, step=step, decision=decision,
        actor=actor if getattr(actor, "pk", None) else None,
        agency=getattr(actor, "agency", None), comment=comment,
    )  # fmt: skip
