"""What the public pages read: the mailboxes of the site, the public list of messages, one
message with its published replies, and the writer's own status and rating state.

Only what may be public leaves here: the masked subject and text (never the writer's name, phone
or e-mail), and only for valid messages whose writer agreed. An unanswered one is listed as
办理中 — never hidden; one whose words await review is listed without its text until reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import (
    ANSWERED_STATES,
    Mailbox,
    Message,
    PublicStatus,
    Rating,
    Reply,
    ReplyState,
)
from .queries import find_message as _find_message

MAX_REOPENS = 1
PUBLIC_FIELDS = (
    "kind",
    "received_on",
    "submitted_at",
    "masked_subject",
    "masked_body",
    "flagged_words",
    "flag_cleared_by",
    "public_status",
    "public_consent",
    "is_valid",
    "mailbox",
    "mailbox__name",
    "lead_agency",
    "lead_agency__name",
)
PENDING_SUBJECT = "（留言内容审核中）"


def _site_agency(request):
    """The root agency of the site serving the request (the 网站群's `request.site`), or None."""
    site = getattr(request, "site", None)
    return getattr(site, "agency", None) if site is not None else None


def _in_site(request, prefix: str) -> Q:
    agency = _site_agency(request)
    if agency is None or not agency.path:
        return Q()
    return Q(**{f"{prefix}agency__path__startswith": agency.path})


def mailboxes(request) -> list[Mailbox]:
    return list(
        Mailbox.objects.filter(_in_site(request, ""), is_active=True)
        .select_related("agency")
        .order_by("order", "pk")
    )


def listed(request, *, mailbox: int | None = None, answered: str = "") -> QuerySet[Message]:
    """The messages the public list shows, newest first."""
    qs = (
        Message.objects.filter(_in_site(request, "mailbox__"), is_valid=True, public_consent=True)
        .exclude(public_status=PublicStatus.HIDDEN)
        .select_related("mailbox", "lead_agency")
        # Only what a public row shows: the writer's encrypted data is never loaded (nor decrypted),
        # and the rows PostgreSQL sorts for a deep page stay narrow.
        .only(*PUBLIC_FIELDS)
        .order_by("-submitted_at", "-pk")
    )
    if mailbox:
        qs = qs.filter(mailbox_id=mailbox)
    if answered == "answered":
        qs = qs.filter(public_status=PublicStatus.PUBLISHED)
    elif answered == "open":
        qs = qs.exclude(public_status=PublicStatus.PUBLISHED)
    return qs


def recent(request, n: int) -> list[PublicItem]:
    return items(listed(request)[:n])


@dataclass(frozen=True)
class PublicItem:
    pk: int
    subject: str
    body: str  # "" while flagged words await review
    kind: str
    mailbox: str
    submitted_on: date
    answered: bool  # a reply is published
    state_label: str
    agency: str  # the lead agency, once answered
    words_pending: bool


def items(messages) -> list[PublicItem]:
    out = []
    for m in messages:
        pending = m.words_pending_review
        published = m.public_status == PublicStatus.PUBLISHED
        out.append(
            PublicItem(
                pk=m.pk,
                subject=PENDING_SUBJECT if pending else (m.masked_subject or PENDING_SUBJECT),
                body="" if pending else m.masked_body,
                kind=m.get_kind_display(),
                mailbox=m.mailbox.name,
                submitted_on=m.received_on,
                answered=published,
                state_label=_("已答复") if published else _("办理中"),
                agency=m.lead_agency.name if published and m.lead_agency_id else "",
                words_pending=pending,
            )
        )
    return out


def published_replies(message: Message) -> list[Reply]:
    if message.words_pending_review:
        return []
    replies = list(
        Reply.objects.filter(message=message, published_at__isnull=False, state=ReplyState.SENT).order_by(
            "round"
        )
    )
    ratings = {r.round: r for r in Rating.objects.filter(message=message)}
    for reply in replies:
        reply.public_rating = ratings.get(reply.round)
    return replies


# ---------------------------------------------------------------- the writer's own view


def find_message(code: str, phone_last4: str) -> Message | None:
    return _find_message(code, phone_last4)


def current_reply(message: Message) -> Reply | None:
    return Reply.objects.filter(message=message, round=message.round, state=ReplyState.SENT).first()


@dataclass(frozen=True)
class RatingState:
    can_rate: bool
    can_reopen: bool
    rating: Rating | None  # of the current round
    note: str  # why there is no form, for the writer


def rating_state(message: Message) -> RatingState:
    rating = Rating.objects.filter(message=message, round=message.round).first()
    sent = message.state in ANSWERED_STATES and current_reply(message) is not None
    can_reopen = message.reopen_count < MAX_REOPENS
    if rating is not None:
        return RatingState(False, False, rating, _("您已评价本次答复。"))
    if not sent:
        return RatingState(False, False, None, _("留言答复后，您可以在此评价答复。"))
    return RatingState(True, can_reopen, None, "")


def writer_history(message: Message) -> list[Reply]:
    """The replies sent to the writer, every round, with the rating given to each."""
    replies = list(message.replies.filter(state=ReplyState.SENT).order_by("round"))
    ratings = {r.round: r for r in Rating.objects.filter(message=message)}
    for reply in replies:
        reply.writer_rating = ratings.get(reply.round)
    return replies


def answered_replies(agency_ids) -> QuerySet[Reply]:
    """Replies the public reads on the portal, of messages the given agencies led, newest first:
    another domain links to one as what answered something (舆情回应). Messages whose flagged words
    await review are left out, as on the portal."""
    return (
        Reply.objects.filter(
            state=ReplyState.SENT,
            published_at__isnull=False,
            message__lead_agency_id__in=list(agency_ids),
            message__is_valid=True,
            message__public_consent=True,
            message__public_status=PublicStatus.PUBLISHED,
        )
        .filter(Q(message__flagged_words="") | Q(message__flag_cleared_by__isnull=False))
        .select_related("message", "message__lead_agency")
        .order_by("-published_at", "-pk")
    )
