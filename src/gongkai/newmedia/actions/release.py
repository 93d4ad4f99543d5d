"""Multi-channel release: one step chooses the channels of a published page; each channel is an
outbox item (one per release×channel). The feeds carry the page already (recorded as sent); a
webhook account is pushed after commit and on failure kept for retry with backoff; an account
without an API waits for staff to post the package and record the link."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit
from gongkai.common import crypto
from gongkai.common.errors import ActionRefused

from .. import channels, releasable
from ..adapters import SourceError
from ..models import ChannelKind, OutboxItem, OutboxState, Release
from ..queries import channels_for

LEASE = timedelta(minutes=2)  # an item being sent is not picked up again meanwhile


def absolute(path: str) -> str:
    return settings.GONGKAI_PUBLIC_URL.rstrip("/") + path


@transaction.atomic
def release_to_channels(actor, obj, channel_keys) -> tuple[Release, list[OutboxItem]]:
    """Release `obj` (a published releasable object) to the chosen channels; choosing a channel
    again adds nothing. Returns the release and the items added now."""
    kind = releasable.kind_of(obj)
    if kind is None or not kind.published().filter(pk=obj.pk).exists():
        raise ActionRefused("只有已在门户网站公开发布的内容才能多渠道发布")
    if actor is not None and not can_see_agency(actor, obj.agency):
        raise ActionRefused("只能发布本单位（或督查范围内单位）的内容")
    keys = list(dict.fromkeys(channel_keys or []))
    if not keys:
        raise ActionRefused("请至少选择一个发布渠道", field="channels")
    offered = {c.key: c for c in channels_for(obj.agency)}
    unknown = [k for k in keys if k not in offered]
    if unknown:
        raise ActionRefused("所选渠道已不可用（账号可能已注销），请刷新页面后重新选择", field="channels")
    content_type = ContentType.objects.get_for_model(obj)
    release, created = Release.objects.get_or_create(
        content_type=content_type,
        object_id=obj.pk,
        defaults={
            "kind_label": kind.label,
            "agency": obj.agency,
            "title": str(obj)[:300],
            "summary": kind.summary(obj),
            "url": absolute(obj.get_absolute_url()),
            "created_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    release = Release.objects.select_for_update(of=("self",)).get(pk=release.pk)
    existing = set(release.items.values_list("channel", flat=True))
    now = timezone.now()
    added = []
    for key in keys:
        if key in existing:
            continue
        channel = offered[key]
        item = OutboxItem(release=release, channel=key, kind=channel.kind, account=channel.account)
        if channel.kind == ChannelKind.FEED:
            item.state, item.sent_at, item.remote_url = OutboxState.SENT, now, release.url
        elif channel.kind == ChannelKind.WEBHOOK:
            item.state, item.next_attempt_at = OutboxState.PENDING, now
        else:
            item.state = OutboxState.AWAITING
        item.save()
        added.append(item)
    if added:
        record_audit(
            actor=actor,
            action="newmedia.release.create",
            target=release,
            agency=release.agency,
            after={"channels": [i.channel for i in added], "new_release": created},
        )
        for item in added:
            if item.kind == ChannelKind.WEBHOOK:
                _deliver_after_commit(item.pk)
    return release, added


def _deliver_after_commit(item_id: int) -> None:
    transaction.on_commit(lambda: deliver_item_task.enqueue(item_id))


@task()
def deliver_item_task(item_id: int) -> None:
    deliver_item(item_id)


def _claim(item_id: int, *, now: datetime, force: bool) -> OutboxItem | None:
    """Take the item for one attempt (counted), or None when there is nothing to send."""
    with transaction.atomic():
        item = (
            OutboxItem.objects.select_for_update(of=("self",))
            .select_related("release", "account", "release__agency")
            .filter(pk=item_id)
            .first()
        )
        if item is None or item.kind != ChannelKind.WEBHOOK:
            return None
        if item.state not in (OutboxState.PENDING, OutboxState.FAILED):
            return None  # sent already: a retry sends nothing
        if not force and (item.next_attempt_at is None or item.next_attempt_at > now):
            return None
        item.attempts += 1
        item.next_attempt_at = now + LEASE
        item.save(update_fields=["attempts", "next_attempt_at"])
        return item


def deliver_item(item_id: int, *, force: bool = False, now: datetime | None = None) -> OutboxItem | None:
    """One attempt to push a webhook item: sent with the remote link, or failed with the reason and
    the time of the next automatic retry (backoff doubling from GONGKAI_NEWMEDIA_RETRY_BASE_MINUTES;
    after GONGKAI_NEWMEDIA_MAX_ATTEMPTS only the staff button retries)."""
    now = now or timezone.now()
    item = _claim(item_id, now=now, force=force)
    if item is None:
        return None
    account, release = item.account, item.release
    payload = {
        "delivery": _delivery_id(item),
        "kind": release.kind_label,
        "agency": release.agency.name,
        "title": release.title,
        "summary": release.summary,
        "url": release.url,
        "released_at": release.created_at.isoformat(),
        "account": account.name,
        "account_id": account.account_id,
    }
    try:
        secret = crypto.decrypt(account.webhook_secret) if account.webhook_secret else ""
        link = channels.send_webhook(
            account.webhook_url,
            secret,
            payload,
            delivery=payload["delivery"],
            timeout=settings.GONGKAI_NEWMEDIA_FETCH_TIMEOUT,
        )
        error = ""
    except SourceError as exc:
        link, error = "", exc.message
    except Exception as exc:
        link, error = "", f"推送失败（{type(exc).__name__}），已保留待重试"
    with transaction.atomic():
        item = (
            OutboxItem.objects.select_for_update(of=("self",))
            .select_related("release__agency", "account")
            .get(pk=item.pk)
        )
        if error:
            item.state, item.last_error = OutboxState.FAILED, error
            retries_left = item.attempts < settings.GONGKAI_NEWMEDIA_MAX_ATTEMPTS
            delay = timedelta(minutes=settings.GONGKAI_NEWMEDIA_RETRY_BASE_MINUTES * 2 ** (item.attempts - 1))
            item.next_attempt_at = now + delay if retries_left else None
            code = "newmedia.outbox.fail"
        else:
            item.state, item.last_error, item.next_attempt_at = OutboxState.SENT, "", None
            item.remote_url, item.sent_at = link[:500], timezone.now()
            code = "newmedia.outbox.send"
        item.save()
        record_audit(
            actor=None,
            action=code,
            target=item,
            agency=item.release.agency,
            after={
                "state": item.state,
                "attempts": item.attempts,
                "error": error,
                "remote_url": item.remote_url,
            },
        )
    return item


def _delivery_id(item: OutboxItem) -> str:
    """Stable per item: the receiver recognises a delivery it has already taken."""
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"gongkai-release-item:{item.pk}:{item.created_at.isoformat()}")
    )


def _staff_item(actor, item: OutboxItem) -> OutboxItem:
    item = (
        OutboxItem.objects.select_for_update(of=("self",))
        .select_related("release__agency", "account")
        .get(pk=item.pk)
    )
    if actor is not None and not can_see_agency(actor, item.release.agency):
        raise ActionRefused("只能处理本单位（或督查范围内单位）的发布")
    return item


def retry_item(actor, item: OutboxItem) -> OutboxItem:
    """The staff button: push a failed item now."""
    with transaction.atomic():
        item = _staff_item(actor, item)
        if item.state == OutboxState.SENT:
            raise ActionRefused("该渠道已发布，无需重试")
        if item.kind != ChannelKind.WEBHOOK:
            raise ActionRefused("该渠道需人工发布，请发布后登记链接")
        record_audit(actor=actor, action="newmedia.outbox.retry", target=item, agency=item.release.agency)
    return deliver_item(item.pk, force=True) or item


@transaction.atomic
def mark_posted(actor, item: OutboxItem, *, remote_url: str) -> OutboxItem:
    """Staff posted the package by hand: record the link of the post."""
    item = _staff_item(actor, item)
    if item.kind != ChannelKind.PACKAGE:
        raise ActionRefused("只有人工发布的渠道需要登记链接")
    if item.state == OutboxState.SENT:
        raise ActionRefused("该渠道已登记为已发布")
    remote_url = (remote_url or "").strip()
    if not remote_url.startswith(("http://", "https://")):
        raise ActionRefused("请输入以 http:// 或 https:// 开头的发布后链接", field="remote_url")
    item.state, item.remote_url, item.sent_at, item.last_error = (
        OutboxState.SENT,
        remote_url,
        timezone.now(),
        "",
    )
    item.save()
    record_audit(
        actor=actor,
        action="newmedia.outbox.mark_posted",
        target=item,
        agency=item.release.agency,
        after={"remote_url": remote_url},
    )
    return item


def run_outbox(now: datetime | None = None, *, dry_run: bool = False) -> dict[str, int]:
    """Push every webhook item whose time has come (pending, or failed with a retry due)."""
    now = now or timezone.now()
    due = list(
        OutboxItem.objects.filter(
            kind=ChannelKind.WEBHOOK,
            state__in=[OutboxState.PENDING, OutboxState.FAILED],
            next_attempt_at__lte=now,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
    )
    out = {"due": len(due), "sent": 0, "failed": 0}
    if dry_run:
        return out
    for pk in due:
        item = deliver_item(pk, now=now)
        if item is not None:
            out["sent" if item.state == OutboxState.SENT else "failed"] += 1
    return out
