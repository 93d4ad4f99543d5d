"""Read-side of 政务新媒体: what a staff member may see, the channels of a release, the breaches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import scoped
from gongkai.common.metric_records import records_url

from .models import (
    AccountState,
    ChannelKind,
    Delivery,
    MediaAccount,
    MediaPost,
    OutboxItem,
    PostKind,
    Release,
)

FEED_CHANNEL = "feed"


def accounts_for(user) -> QuerySet[MediaAccount]:
    return scoped(user, MediaAccount.objects.select_related("agency", "merged_into"))


def releases_for(user) -> QuerySet[Release]:
    return scoped(user, Release.objects.select_related("agency"))


def items_for(user) -> QuerySet[OutboxItem]:
    return scoped(user, OutboxItem.objects.select_related("release", "account"), "release__agency")


def merge_targets(user, account: MediaAccount) -> QuerySet[MediaAccount]:
    return accounts_for(user).filter(state=AccountState.ACTIVE).exclude(pk=account.pk)


def public_accounts() -> QuerySet[MediaAccount]:
    return MediaAccount.objects.filter(state=AccountState.ACTIVE).select_related("agency")


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    kind: str
    account: MediaAccount | None = None


def account_channel(account: MediaAccount) -> Channel:
    kind = ChannelKind.WEBHOOK if account.delivery == Delivery.WEBHOOK else ChannelKind.PACKAGE
    how = "接口推送" if kind == ChannelKind.WEBHOOK else "生成发布包，人工发布后登记链接"
    return Channel(
        f"account:{account.pk}", f"{account}（{account.agency.display_name}，{how}）", kind, account
    )


def channels_for(agency: Agency) -> list[Channel]:
    """The portal's feeds, then the running accounts of the agency and of the governments above it."""
    chain = [int(part) for part in agency.path.strip("/").split("/") if part] or [agency.pk]
    accounts = (
        MediaAccount.objects.filter(state=AccountState.ACTIVE, agency_id__in=chain)
        .select_related("agency")
        .order_by("agency__path", "platform", "name")
    )
    return [
        Channel(FEED_CHANNEL, "门户网站订阅（RSS/Atom，发布后自动更新）", ChannelKind.FEED),
        *(account_channel(a) for a in accounts),
    ]


def breach_rows(user) -> list[MediaAccount]:
    """Running accounts in the user's scope that the last daily check found in breach."""
    rows = accounts_for(user).filter(state=AccountState.ACTIVE).order_by("agency__path", "platform")
    return [a for a in rows if a.breaches]


def count_by_agency(accounts: Iterable[MediaAccount]) -> dict[int, int]:
    out: dict[int, int] = {}
    for account in accounts:
        out[account.agency_id] = out.get(account.agency_id, 0) + 1
    return out


def metric_active(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Accounts in operation now, per agency (the period does not apply: a registry is a state)."""
    qs = MediaAccount.objects.filter(state=AccountState.ACTIVE)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return count_by_agency(qs.only("agency_id"))


def metric_in_breach(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Accounts in operation that the last daily check found in breach of the update or interaction
    rule, per agency (every agency with an account in operation appears, 0 when none is)."""
    qs = MediaAccount.objects.filter(state=AccountState.ACTIVE)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    out: dict[int, int] = {}
    for account in qs.only("agency_id", "breaches"):
        out[account.agency_id] = out.get(account.agency_id, 0) + (1 if account.breaches else 0)
    return out


def published_posts(agency_ids: Iterable[int]) -> QuerySet[MediaPost]:
    """What registered accounts in operation have published (not interaction replies), newest first:
    another domain links to one as the statement that answered something (舆情回应)."""
    return (
        MediaPost.objects.filter(
            account__state=AccountState.ACTIVE, account__agency_id__in=list(agency_ids), kind=PostKind.POST
        )
        .select_related("account", "account__agency")
        .order_by("-published_at", "-pk")
    )


# The staff list narrowed to a figure (`?figure=…`); the registry is a state, the dates do not apply.
FIGURES = {
    "active": ("运营中的政务新媒体账号", lambda s, e: Q(state=AccountState.ACTIVE)),
    "in_breach": (
        "运营中、最近一次检查未达更新或互动要求的账号",
        lambda s, e: Q(state=AccountState.ACTIVE) & ~Q(breaches=[]),
    ),
}
RECORDS = {
    "newmedia.accounts.active": records_url("newmedia_staff:home", "active"),
    "newmedia.accounts.in_breach": records_url("newmedia_staff:home", "in_breach"),
}
