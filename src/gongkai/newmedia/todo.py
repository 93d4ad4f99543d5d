"""待办 of 政务新媒体: accounts to review, accounts in breach, releases to post by hand or that failed."""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .models import AccountState, ChannelKind, MediaAccount, OutboxItem, OutboxState
from .rules import LABELS


def todo_items(user) -> list[TodoItem]:
    if not user.is_authenticated or user.agency_id is None:
        return []
    if not (user.is_superuser or user.has_role(Role.CLERK, Role.REVIEWER)):
        return []
    items = []
    own = MediaAccount.objects.filter(agency_id=user.agency_id).select_related("agency")
    if user.is_superuser or user.has_role(Role.REVIEWER):
        for account in own.filter(state=AccountState.PENDING).order_by("registered_at")[:20]:
            items.append(
                TodoItem(
                    title=f"政务新媒体账号待审核：{account}",
                    url=reverse("newmedia_staff:account", args=[account.pk]),
                    agency=account.agency.display_name,
                    status="待审核",
                )
            )
    for account in own.filter(state=AccountState.ACTIVE).order_by("platform")[:50]:
        if account.breaches:
            items.append(
                TodoItem(
                    title=f"政务新媒体未达标：{account}",
                    url=reverse("newmedia_staff:account", args=[account.pk]),
                    agency=account.agency.display_name,
                    status="、".join(LABELS.get(b["rule"], b["rule"]) for b in account.breaches),
                    urgency=Urgency.OVERDUE,
                )
            )
    outbox = (
        OutboxItem.objects.filter(release__agency_id=user.agency_id)
        .filter(state__in=[OutboxState.FAILED, OutboxState.AWAITING])
        .select_related("release", "release__agency", "account")
        .order_by("created_at")[:30]
    )
    for item in outbox:
        failed = item.state == OutboxState.FAILED
        items.append(
            TodoItem(
                title=f"多渠道发布：{item.release.title} → {item.channel_label}",
                url=reverse("newmedia_staff:release", args=[item.release_id]),
                agency=item.release.agency.display_name,
                status=f"推送失败：{item.last_error}" if failed else "待人工发布并登记链接",
                urgency=Urgency.OVERDUE if failed and item.kind == ChannelKind.WEBHOOK else Urgency.NORMAL,
            )
        )
    return items
