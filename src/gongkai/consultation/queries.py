"""What the pages read: staff lists within scope, the public lists, the 待办 items, the dashboard."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import scoped
from gongkai.common.metric_records import records_url
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .models import PUBLIC_STATES, Comment, Consultation, DecisionItem, Moderation, Paragraph, State

WAITING = (Moderation.PENDING, Moderation.HELD)
CLOSING_DAYS = 3


def consultations_for(user):
    return scoped(user, Consultation.objects.select_related("agency", "decision_item"))


def staff_list(user):
    """The workbench list: counts of comments and of those waiting for moderation, one query."""
    return (
        consultations_for(user)
        .annotate(
            comment_count=Count("comments"),
            waiting_count=Count("comments", filter=Q(comments__moderation__in=WAITING)),
        )
        .order_by("-created_at", "-pk")
    )


def moderation_queue(user):
    return (
        scoped(user, Comment.objects.all(), "consultation__agency")
        .filter(moderation__in=WAITING)
        .select_related("consultation", "paragraph")
        .order_by("submitted_at", "pk")
    )


def comments_for_staff(consultation: Consultation):
    return consultation.comments.select_related("paragraph", "entered_by", "moderated_by").order_by(
        "submitted_at", "pk"
    )


# ---------------------------------------------------------------- public


def public_consultations():
    return Consultation.objects.filter(state__in=PUBLIC_STATES).select_related("agency")


def public_groups(today=None) -> dict[str, list[Consultation]]:
    """The portal's three lists: open, closed (awaiting the report), reported — with counts."""
    today = today or timezone.localdate()
    rows = public_consultations().annotate(comment_count=Count("comments")).order_by("-opens_on", "-pk")
    groups: dict[str, list[Consultation]] = {"open": [], "closed": [], "reported": []}
    for c in rows:
        state = c.public_state(today)
        key = "open" if state == State.OPEN else "reported" if state == State.REPORTED else "closed"
        groups[key].append(c)
    return groups


def public_page(consultation: Consultation) -> dict:
    """The paragraphs with their public comments under them, and the counts."""
    approved = list(
        consultation.comments.filter(moderation=Moderation.APPROVED)
        .only(
            "pk", "paragraph_id", "masked_body", "display_name", "submitted_at", "channel", "consultation_id"
        )
        .order_by("submitted_at", "pk")
    )
    by_paragraph: dict[int | None, list[Comment]] = {}
    for comment in approved:
        by_paragraph.setdefault(comment.paragraph_id, []).append(comment)
    received = Counter(consultation.comments.values_list("paragraph_id", flat=True))
    paragraphs = list(consultation.paragraphs.all())
    for p in paragraphs:
        p.public_comments = by_paragraph.get(p.pk, [])
        p.received = received.get(p.pk, 0)
    return {
        "paragraphs": paragraphs,
        "general_comments": by_paragraph.get(None, []),
        "general_received": received.get(None, 0),
        "received": sum(received.values()),
        "shown": len(approved),
    }


def catalog(government=None, year=None):
    items = DecisionItem.objects.select_related(
        "government", "lead_agency", "adopted_document"
    ).prefetch_related(
        Prefetch(
            "consultations",
            queryset=Consultation.objects.only("pk", "state", "closes_on", "title", "decision_item_id"),
        )
    )
    if government is not None:
        items = items.filter(government=government)
    if year:
        items = items.filter(year=year)
    return items.order_by("government__path", "-year", "sort_order", "pk")


# ---------------------------------------------------------------- 待办 and the dashboard


def todo_items(user) -> list[TodoItem]:
    """Comments waiting for moderation (one line per consultation) and open consultations closing
    within CLOSING_DAYS days or already past their close date."""
    if not user.is_authenticated or not (user.is_superuser or user.has_role(Role.CLERK, Role.REVIEWER)):
        return []
    today = timezone.localdate()
    mine = scoped(user, Consultation.objects.select_related("agency"))
    items = []
    waiting = mine.filter(comments__moderation__in=WAITING).annotate(waiting=Count("comments")).order_by("pk")
    for c in waiting:
        items.append(
            TodoItem(
                title=f"征求意见“{c.title[:30]}”：{c.waiting}条意见待审核",
                url=reverse("consultation_staff:moderation") + f"?consultation={c.pk}",
                agency=c.agency.display_name,
                status="意见待审核公开",
            )
        )
    closing = mine.filter(state=State.OPEN, closes_on__lte=today + timedelta(days=CLOSING_DAYS))
    for c in closing.order_by("closes_on", "pk"):
        past = c.closes_on < today
        items.append(
            TodoItem(
                title=f"征求意见“{c.title[:30]}”"
                + ("已截止，请结束征求意见并处理意见" if past else "即将截止"),
                url=reverse("consultation_staff:detail", args=[c.pk]),
                agency=c.agency.display_name,
                status=c.get_state_display(),
                due=c.closes_on,
                urgency=Urgency.OVERDUE if past else Urgency.DUE_SOON,
            )
        )
    return items


def dashboard_rows(user, today=None) -> list[dict]:
    """Per consultation in scope that is not yet reported: comments waiting, and whether its report
    is overdue (closed more than GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS days ago)."""
    today = today or timezone.localdate()
    limit = settings.GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS
    rows = []
    qs = (
        consultations_for(user)
        .filter(state__in=(State.OPEN, State.CLOSED, State.REPORT_REVIEW, State.REVIEWED))
        .annotate(
            comment_count=Count("comments"),
            waiting_count=Count("comments", filter=Q(comments__moderation__in=WAITING)),
        )
        .order_by("closes_on", "pk")
    )
    for c in qs:
        closed = c.public_state(today) != State.OPEN
        overdue = closed and (today - c.closes_on).days > limit
        rows.append(
            {
                "consultation": c,
                "closed": closed,
                "overdue": overdue,
                "days_since_close": (today - c.closes_on).days if closed else None,
                # Where it is fixed: the dispositions and report page once closed.
                "url": reverse(
                    "consultation_staff:report" if overdue else "consultation_staff:detail", args=[c.pk]
                ),
            }
        )
    return rows


def dashboard_panel(request) -> dict | None:
    rows = dashboard_rows(request.user)
    if not rows:
        return None
    return {"rows": rows, "overdue_days": settings.GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS}


def paragraph_by_number(consultation: Consultation, number: int) -> Paragraph | None:
    return consultation.paragraphs.filter(number=number).first()


# ---------------------------------------------------------------- metrics (registered in apps.py)


def _per_agency(qs, agency_field: str, agency_ids) -> dict[int, int]:
    if agency_ids is not None:
        qs = qs.filter(**{f"{agency_field}__in": list(agency_ids)})
    return dict(qs.values_list(agency_field).annotate(n=Count("pk")).order_by())


def metric_opened(start, end, agency_ids=None) -> dict[int, int]:
    """Consultations opened (published for comment) between start and end, per drafting agency."""
    qs = Consultation.objects.filter(opened_at__date__gte=start, opened_at__date__lte=end)
    return _per_agency(qs, "agency_id", agency_ids)


def metric_comments(start, end, agency_ids=None) -> dict[int, int]:
    """Comments received (every channel, held and hidden included) per drafting agency."""
    qs = Comment.objects.filter(received_on__gte=start, received_on__lte=end)
    return _per_agency(qs, "consultation__agency_id", agency_ids)


METRICS = {
    "consultation.consultations.opened": ("发布征求意见数", metric_opened),
    "consultation.comments.received": ("收到意见数（含线下）", metric_comments),
}


def _commented(start, end) -> Q:
    return Q(
        Exists(
            Comment.objects.filter(consultation=OuterRef("pk"), received_on__gte=start, received_on__lte=end)
        )
    )


def _reported_late(start, end) -> Q:
    from .report_queries import reported_late_rows

    return Q(pk__in=[pk for pk, _agency in reported_late_rows(start, end)])


# The staff list narrowed to a figure (`?figure=…`): the consultations behind each metric.
FIGURES = {
    "opened": ("本期发布的征求意见", lambda s, e: Q(opened_at__date__gte=s, opened_at__date__lte=e)),
    "commented": ("本期收到意见的征求意见", _commented),
    "reported_late": ("逾期公布（或未公布）意见采纳情况的征求意见", _reported_late),
}
RECORDS = {
    "consultation.consultations.opened": records_url("consultation_staff:home", "opened"),
    "consultation.comments.received": records_url("consultation_staff:home", "commented"),
    "consultation.consultations.reported_late": records_url("consultation_staff:home", "reported_late"),
}


def opinion_items(after_pk: int, limit: int = 500) -> list[dict]:
    """Comments after `after_pk`, oldest first, as 舆情 items (masked text; read by the 舆情 app)."""
    rows = Comment.objects.filter(pk__gt=after_pk).select_related("consultation").order_by("pk")[:limit]
    return [
        {
            "id": c.pk,
            "title": f"对《{c.consultation.title}》的意见",
            "body": c.masked_body or c.body,
            "published_at": c.submitted_at,
        }
        for c in rows
    ]
