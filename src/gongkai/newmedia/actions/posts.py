"""The update watch: posts arrive from a feed, an export or a staff member; the daily check judges
each running account by the two rules (rules.py) and keeps the verdict on the account."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused

from .. import adapters, rules
from ..models import AccountState, MediaAccount, MediaPost, PostKind, PostSource
from ..workflow import may_manage

SHOWN_ERROR_MAX = 500


def _check_staff(actor, account: MediaAccount) -> None:
    if actor is not None and not may_manage(actor, account):
        raise ActionRefused(f"只有{account.agency}的工作人员可以登记该账号的发布信息")
    if account.state not in (AccountState.ACTIVE, AccountState.PENDING):
        raise ActionRefused(f"账号已{account.get_state_display()}，不再登记发布信息")


def _ingest(
    account: MediaAccount, items: Iterable[adapters.Item], source: str, actor=None
) -> tuple[int, int]:
    """Store the items the account does not have yet (by remote id); (added, already there)."""
    items = list({item.remote_id: item for item in items}.values())
    known = set(
        MediaPost.objects.filter(account=account, remote_id__in=[i.remote_id for i in items]).values_list(
            "remote_id", flat=True
        )
    )
    fresh = [
        MediaPost(
            account=account,
            remote_id=i.remote_id,
            title=i.title,
            url=i.url,
            published_at=i.published_at,
            kind=PostKind.REPLY if i.kind == "reply" else PostKind.POST,
            asked_at=i.asked_at,
            source=source,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        for i in items
        if i.remote_id not in known
    ]
    MediaPost.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh), len(items) - len(fresh)


@transaction.atomic
def record_post(
    actor,
    account: MediaAccount,
    *,
    title: str,
    published_at: datetime,
    url: str = "",
    kind: str = PostKind.POST,
    asked_at: datetime | None = None,
) -> tuple[MediaPost, bool]:
    """Staff record one post; the same post recorded twice (a resubmitted form) is found, not added."""
    account = MediaAccount.objects.select_for_update(of=("self",)).select_related("agency").get(pk=account.pk)
    _check_staff(actor, account)
    title = (title or "").strip()
    if not title:
        raise ActionRefused("请填写标题", field="title")
    if published_at is None:
        raise ActionRefused("请填写发布时间", field="published_at")
    if published_at > timezone.now() + timedelta(minutes=5):
        raise ActionRefused("发布时间不能晚于现在", field="published_at")
    if kind not in PostKind.values:
        raise ActionRefused("请选择类型", field="kind")
    if asked_at is not None and (kind != PostKind.REPLY or asked_at > published_at):
        raise ActionRefused("网民提问时间只用于互动回复，且应早于回复时间", field="asked_at")
    url = (url or "").strip()
    item = adapters.Item(
        remote_id=url or adapters._fingerprint(title, published_at.isoformat()),
        title=title[:300],
        published_at=published_at,
        url=url,
        kind="reply" if kind == PostKind.REPLY else "post",
        asked_at=asked_at,
    )
    added, _ = _ingest(account, [item], PostSource.STAFF, actor)
    post = MediaPost.objects.get(account=account, remote_id=item.remote_id)
    if added:
        record_audit(
            actor=actor,
            action="newmedia.post.record",
            target=post,
            agency=account.agency,
            after={
                "account": account.pk,
                "title": post.title,
                "published_at": post.published_at,
                "kind": kind,
            },
        )
        refresh_watch(account)
    return post, bool(added)


@transaction.atomic
def import_posts(
    actor, account: MediaAccount, *, data: bytes, filename: str, mapping=None
) -> tuple[int, int]:
    """A CSV/XLSX export of the platform's back office: all rows or none; (added, already there)."""
    account = MediaAccount.objects.select_for_update(of=("self",)).select_related("agency").get(pk=account.pk)
    _check_staff(actor, account)
    try:
        items = adapters.items_from_table(data, filename, mapping)
    except adapters.SourceError as exc:
        raise ActionRefused(exc.message, field="file") from None
    added, known = _ingest(account, items, PostSource.IMPORT, actor)
    record_audit(
        actor=actor,
        action="newmedia.post.import",
        target=account,
        after={"file": filename[:200], "rows": len(items), "added": added, "already": known},
    )
    refresh_watch(account)
    return added, known


def fetch_account_feed(account: MediaAccount, *, actor=None) -> tuple[int, str]:
    """Fetch the account's feed now (outside any transaction: the network may be slow), then store
    the new posts, the validators for the next conditional request, and the error in Chinese — or
    clear it. (added, error)."""
    if not account.feed_url:
        return 0, ""
    try:
        result = adapters.fetch_feed(
            account.feed_url,
            etag=account.feed_etag,
            last_modified=account.feed_last_modified,
            timeout=settings.GONGKAI_NEWMEDIA_FETCH_TIMEOUT,
        )
        error = ""
    except adapters.SourceError as exc:
        result, error = None, exc.message
    with transaction.atomic():
        locked = (
            MediaAccount.objects.select_for_update(of=("self",)).select_related("agency").get(pk=account.pk)
        )
        before_error = locked.feed_error
        locked.feed_checked_at = timezone.now()
        added = 0
        if result is not None:
            if not result.not_modified:
                added, _ = _ingest(locked, result.items, PostSource.FEED)
                locked.feed_etag, locked.feed_last_modified = result.etag[:300], result.last_modified[:100]
            if result.skipped and not added:
                error = f"订阅中有{result.skipped}条信息没有发布时间，无法判断更新情况"
        locked.feed_error = error[:SHOWN_ERROR_MAX]
        # update(), not save(): the watch's bookkeeping appears on no public page, so it must not
        # make the cached public pages stale (the page cache listens to saves of MediaAccount).
        MediaAccount.objects.filter(pk=locked.pk).update(
            feed_checked_at=locked.feed_checked_at,
            feed_error=locked.feed_error,
            feed_etag=locked.feed_etag,
            feed_last_modified=locked.feed_last_modified,
        )
        if added or locked.feed_error != before_error:
            record_audit(
                actor=actor,
                action="newmedia.feed.fetch",
                target=locked,
                before={"feed_error": before_error},
                after={"added": added, "feed_error": locked.feed_error},
            )
        if added:
            refresh_watch(locked)
    account.feed_error, account.feed_checked_at = locked.feed_error, locked.feed_checked_at
    return added, locked.feed_error


def refresh_watch(account: MediaAccount, today: date | None = None) -> list[rules.Breach]:
    """Judge one account as of `today` and keep the verdict; audited when the verdict changes."""
    today = today or timezone.localdate()
    account = MediaAccount.objects.select_related("agency").get(pk=account.pk)
    if account.state != AccountState.ACTIVE:
        return []
    posts = MediaPost.objects.filter(account=account)
    figures = posts.aggregate(
        last_post=Max("published_at", filter=_kind(PostKind.POST)),
        last_reply=Max("published_at", filter=_kind(PostKind.REPLY)),
    )
    year_ago = timezone.now() - timedelta(days=400)
    slow = [
        (timezone.localdate(asked), timezone.localdate(answered))
        for asked, answered in posts.filter(
            kind=PostKind.REPLY, asked_at__isnull=False, published_at__gte=year_ago
        ).values_list("asked_at", "published_at")
    ]
    since = account.approved_at or account.registered_at
    found = rules.all_breaches(
        today,
        last_post=_day(figures["last_post"]),
        last_reply=_day(figures["last_reply"]),
        active_since=timezone.localdate(since),
        offers_interaction=account.offers_interaction,
        slow_replies=slow,
        stale_days=settings.GONGKAI_NEWMEDIA_STALE_DAYS,
        interaction_days=settings.GONGKAI_NEWMEDIA_INTERACTION_DAYS,
    )
    verdict = [b.as_json() for b in found]
    changed = [b["rule"] for b in verdict] != [b["rule"] for b in account.breaches]
    account.last_post_at, account.last_reply_at = figures["last_post"], figures["last_reply"]
    before = account.breaches
    account.breaches, account.watched_on = verdict, today
    MediaAccount.objects.filter(pk=account.pk).update(  # no public page shows these: see above
        last_post_at=account.last_post_at,
        last_reply_at=account.last_reply_at,
        breaches=verdict,
        watched_on=today,
    )
    if changed:
        record_audit(
            actor=None,
            action="newmedia.account.watch",
            target=account,
            before={"breaches": [b["rule"] for b in before]},
            after={"breaches": [b["rule"] for b in verdict]},
            note="；".join(b.detail for b in found),
        )
    return found


def _kind(kind: str) -> Q:
    return Q(kind=kind)


def _day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value is not None else None


def run_watch(today: date | None = None, *, dry_run: bool = False) -> dict[str, int]:
    """The daily check of every running account (idempotent: a second run changes nothing)."""
    accounts = MediaAccount.objects.filter(state=AccountState.ACTIVE).order_by("pk")
    checked = breached = 0
    for account in accounts:
        checked += 1
        if dry_run:
            continue
        with transaction.atomic():
            breached += bool(refresh_watch(account, today))
    return {"checked": checked, "in_breach": breached}
