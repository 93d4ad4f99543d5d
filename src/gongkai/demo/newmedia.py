"""Demo data of 政务新媒体 (issue #12): accounts of several agencies (one stale for three weeks, one
closed, one waiting for review), their posts, and one document released to three channels — the
feeds, the finance bureau's WeChat account (a package to post by hand) and the county app's webhook,
whose endpoint is down in the demo (shown failed with its reason, kept for retry)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.newmedia import actions
from gongkai.newmedia.models import MediaAccount, OutboxState, Release
from gongkai.publishing.models import Disclosure, Document, State

# The county app's release endpoint: nothing listens on the discard port, so every push fails at
# once with "无法连接推送接口" — what a staff member sees when the provincial platform is down.
DOWN_WEBHOOK = "http://127.0.0.1:9/release"

# (agency key, platform, name, account id, days since the last post, offers interaction, delivery)
ACCOUNTS = [
    ("xzf", "wechat", "示范县发布", "shifanfabu", 1, True),
    ("xzf", "app", "爱示范客户端", "ai-shifan", 2, False),
    ("czj", "wechat", "示范县财政", "shifancaizheng", 3, True),
    ("czj", "weibo", "示范县财政微博", "5123456789", 21, False),  # stale for three weeks
    ("zjj", "douyin", "示范住建", "sfzj2026", 5, True),
    ("jyj", "toutiao", "示范县教育", "sfjy", 40, False),  # closed below
]
TITLES = ["工作动态", "政策解读", "办事指南", "通知公告"]


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
    now = timezone.now()
    made = 0
    for key, platform, name, account_id, days, interaction in ACCOUNTS:
        if MediaAccount.objects.filter(name=name).exists():
            continue
        clerk, reviewer = _staff(key, Role.CLERK), _staff(key, Role.REVIEWER)
        extra = {}
        if platform == "app":
            extra = {
                "delivery": "webhook",
                "webhook_url": DOWN_WEBHOOK,
                "webhook_secret": "demo-shared-secret",
            }
        account = actions.register_account(
            clerk,
            platform=platform,
            name=name,
            account_id=account_id,
            page_url=f"https://newmedia.example.cn/{account_id}",
            person_in_charge=clerk.full_name or clerk.username,
            offers_interaction=interaction,
            filed_on=(now - timedelta(days=400)).date(),
            **extra,
        )
        account = actions.approve_account(reviewer, account, note="符合开设条件，同意备案")
        MediaAccount.objects.filter(pk=account.pk).update(approved_at=now - timedelta(days=365))
        for n in range(6):
            published_at = now - timedelta(days=days + 4 * n, hours=n)
            actions.record_post(
                clerk,
                account,
                title=f"{name}：{TITLES[n % len(TITLES)]}（第{n + 1}期）",
                published_at=published_at,
                url=f"https://newmedia.example.cn/{account_id}/p/{n + 1}",
            )
            if interaction and n < 2:
                actions.record_post(
                    clerk,
                    account,
                    title=f"回复网民留言：关于{TITLES[n]}的咨询",
                    published_at=published_at,
                    url=f"https://newmedia.example.cn/{account_id}/r/{n + 1}",
                    kind="reply",
                    asked_at=published_at - timedelta(days=2),
                )
        if key == "jyj":
            actions.close_account(
                clerk,
                account,
                reason="按照整合要求停止运营，内容并入示范县发布",
                ended_on=(now - timedelta(days=30)).date(),
            )
        made += 1
    # One registration waits for the reviewer of 县卫健局.
    if not MediaAccount.objects.filter(name="健康示范").exists():
        actions.register_account(
            _staff("wjj", Role.CLERK), platform="wechat", name="健康示范", person_in_charge="卫健局办公室"
        )
        made += 1
    actions.run_watch()
    release = _release(agencies)
    stale = sum(1 for a in MediaAccount.objects.filter(state="active") if a.breaches)
    out.write(
        f"政务新媒体：新建账号{made}个（已有的不重复建立），{stale}个未达更新要求；"
        f"多渠道发布“{release.title if release else '（无已公开文件）'}”到三个渠道。"
    )


def _release(agencies) -> Release | None:
    doc = (
        Document.objects.filter(
            agency=agencies["czj"], state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE
        )
        .order_by("-published_at")
        .first()
    )
    if doc is None:
        return None
    keys = ["feed"] + [
        f"account:{a.pk}"
        for a in MediaAccount.objects.filter(name__in=["示范县财政", "爱示范客户端"], state="active")
    ]
    release, added = actions.release_to_channels(_staff("czj", Role.CLERK), doc, keys)
    for item in added:
        if item.state == OutboxState.PENDING:
            actions.deliver_item(item.pk, force=True)
    return release
