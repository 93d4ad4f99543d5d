"""Reads of 通报, 整改 and 特邀监督员 feedback: what a user may see, 待办, the metric, the .docx."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import agency_filter
from gongkai.common.officialdoc import build_official_docx
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .models import (
    Bulletin,
    BulletinEntry,
    BulletinState,
    ExternalSupervisor,
    Feedback,
    Rectification,
    RectificationState,
)

KIND_HEADINGS = {
    BulletinEntry.Kind.PRAISE: "通报表扬的单位",
    BulletinEntry.Kind.CRITICISM: "通报批评的单位",
}
ZH_NUMERALS = "一二三四五六七八九十"


def bulletins_for(user) -> QuerySet[Bulletin]:
    """Bulletins issued in the user's scope, and published ones naming an agency in it."""
    if not user.is_authenticated:
        return Bulletin.objects.none()
    named = Q(state=BulletinState.PUBLISHED) & Q(
        pk__in=BulletinEntry.objects.filter(agency_filter(user)).values("bulletin_id")
    )
    return Bulletin.objects.filter(agency_filter(user) | named).select_related("agency")


def rectifications_for(user) -> QuerySet[Rectification]:
    """整改 of the agencies in the user's scope, and those of bulletins the user's agency issued."""
    if not user.is_authenticated:
        return Rectification.objects.none()
    return Rectification.objects.filter(
        agency_filter(user) | agency_filter(user, "entry__bulletin__agency")
    ).select_related("agency", "entry__bulletin__agency")


def supervisors_for(user) -> QuerySet[ExternalSupervisor]:
    return ExternalSupervisor.objects.filter(agency_filter(user)).select_related("agency")


def feedback_for(user) -> QuerySet[Feedback]:
    """Feedback on agencies in the user's scope and feedback of the supervisors it registered."""
    if not user.is_authenticated:
        return Feedback.objects.none()
    return Feedback.objects.filter(
        agency_filter(user) | agency_filter(user, "supervisor__agency")
    ).select_related("agency", "supervisor")


def published_bulletins() -> QuerySet[Bulletin]:
    return Bulletin.objects.filter(state=BulletinState.PUBLISHED).select_related("agency")


def entries_by_kind(bulletin: Bulletin) -> list[tuple[str, str, list[BulletinEntry]]]:
    entries = list(bulletin.entries.select_related("agency", "rectification").order_by("position", "pk"))
    out = []
    for kind, heading in KIND_HEADINGS.items():
        rows = [e for e in entries if e.kind == kind]
        if rows:
            out.append((kind, heading, rows))
    return out


def accepted(entry: BulletinEntry) -> Rectification | None:
    try:
        rect = entry.rectification
    except Rectification.DoesNotExist:
        return None
    return rect if rect.state == RectificationState.ACCEPTED else None


# --- the .docx -----------------------------------------------------------------------------------


def bulletin_text(bulletin: Bulletin) -> str:
    """The body: the preface, one numbered section per kind with its agencies, then the requirements."""
    lines = [line for line in bulletin.preface.splitlines() if line.strip()]
    sections = entries_by_kind(bulletin)
    for i, (_kind, heading, rows) in enumerate(sections):
        lines.append(f"{ZH_NUMERALS[i]}、{heading}")
        for n, entry in enumerate(rows, 1):
            lines.append(f"{n}. {entry.agency.name}。{entry.finding}")
    if bulletin.closing.strip():
        lines.append(f"{ZH_NUMERALS[len(sections)]}、有关要求")
        lines.extend(line for line in bulletin.closing.splitlines() if line.strip())
    return "\n".join(lines)


def bulletin_docx(bulletin: Bulletin) -> bytes:
    return build_official_docx(
        title=bulletin.title,
        number=bulletin.number,
        text=bulletin_text(bulletin),
        signer=bulletin.agency.name,
        on=bulletin.issued_on,
    )


# --- 待办 and the metric ----------------------------------------------------------------------------


def _urgency(due: date | None, today: date) -> Urgency:
    if due is None:
        return Urgency.NORMAL
    if due < today:
        return Urgency.OVERDUE
    return Urgency.DUE_SOON if (due - today).days <= 5 else Urgency.NORMAL


def todo_items(user) -> Iterable[TodoItem]:
    """整改 to record (the criticised agency's staff), 整改 to review (the issuing office), and
    supervisors' feedback to answer (the agency's staff)."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    today = timezone.localdate()
    items: list[TodoItem] = []
    if user.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER):
        for rect in Rectification.objects.filter(
            agency_id=user.agency_id, state__in=(RectificationState.PENDING, RectificationState.RETURNED)
        ).select_related("agency", "entry__bulletin"):
            items.append(
                TodoItem(
                    title=f"整改：{rect.entry.bulletin.title}",
                    url=reverse("oversight_staff:rectification", args=[rect.pk]),
                    agency=rect.agency.name,
                    status=rect.get_state_display(),
                    due=rect.due_on,
                    urgency=_urgency(rect.due_on, today),
                )
            )
        for fb in Feedback.objects.filter(agency_id=user.agency_id, answered_at__isnull=True).select_related(
            "agency"
        ):
            items.append(
                TodoItem(
                    title=f"答复特邀监督员意见（{fb.received_on:%Y-%m-%d}收到）",
                    url=reverse("oversight_staff:feedback_item", args=[fb.pk]),
                    agency=fb.agency.name,
                    status="待答复",
                )
            )
    if user.has_role(Role.REVIEWER, Role.SUPERVISOR):
        for rect in Rectification.objects.filter(
            entry__bulletin__agency_id=user.agency_id, state=RectificationState.SUBMITTED
        ).select_related("agency", "entry__bulletin"):
            items.append(
                TodoItem(
                    title=f"审核{rect.agency.display_name}的整改情况",
                    url=reverse("oversight_staff:rectification", args=[rect.pk]),
                    agency=rect.agency.name,
                    status=rect.get_state_display(),
                )
            )
    return items


def metric_feedback_received(
    start: date, end: date, agency_ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Feedback of external supervisors received from `start` to `end`, per agency evaluated."""
    qs = Feedback.objects.filter(received_on__gte=start, received_on__lte=end)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return {r["agency_id"]: r["n"] for r in qs.values("agency_id").annotate(n=Count("pk")).order_by()}


def feedback_records_url(start: date, end: date, agency_ids=None) -> str:
    return f"{reverse('oversight_staff:feedback')}?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}"
