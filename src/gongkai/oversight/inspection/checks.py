"""The checks of the website inspection (国办秘函〔2019〕19号, RULES.md §8), registered by code.

Each check reads the run's `InspectionContext` — the crawl of the served pages, the catalog's
columns through `registry.column_activity`, the domains' metrics — and yields what it sees as
`Found`s. Whether a finding vetoes the site or costs points is scoring's business (scoring.py).

Settings:
- GONGKAI_INSPECTION_COLUMN_CLASSES: how old a column's newest item may be, by update class
  ("news", "notice", "yearly", "other") or by column slug (the slug wins): a number of days, or
  "2w" / "6m" / "1y", or None for "not checked". Defaults: news 2 weeks, notice 6 months, yearly
  1 year, other not checked.
- GONGKAI_INSPECTION_WORDS_FILE: the forbidden-phrase list (default: data/forbidden_words.txt).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from gongkai.common.integrity import verify_pages

from .context import MAX_LISTED, TIMEOUT, InspectionContext
from .registry import Found, register_check

DOC = "国办秘函〔2019〕19号"
HOME_STALE = "2w"
DEFAULT_COLUMN_CLASSES: dict[str, str | int | None] = {
    "news": "2w",
    "notice": "6m",
    "yearly": "1y",
    "other": None,
}
CLASS_LABELS = {
    "news": "动态要闻类",
    "notice": "通知公告、政策文件类",
    "yearly": "人事、规划计划类",
    "other": "其他",
}
UNANSWERED_MONTHS = 3
GUIDE_ELEMENTS = "事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程"
_PERIOD = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$")
_UNITS = {"d": "天", "w": "周", "m": "个月", "y": "年"}


# ---------------------------------------------------------------------- periods


def parse_period(value) -> tuple[int, str] | None:
    """A threshold (`14`, "2w", "6m", "1y", None) → (number, unit) or None; ValueError if malformed."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        if value < 1:
            raise ValueError(value)
        return value, "d"
    match = _PERIOD.match(str(value))
    if not match or int(match.group(1)) < 1:
        raise ValueError(value)
    return int(match.group(1)), match.group(2)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cutoff(today: date, period: tuple[int, str]) -> date:
    """The date before which the newest item is too old."""
    number, unit = period
    if unit == "d":
        return today - timedelta(days=number)
    if unit == "w":
        return today - timedelta(weeks=number)
    if unit == "m":
        return months_before(today, number)
    return months_before(today, 12 * number)


def describe(period: tuple[int, str]) -> str:
    return f"{period[0]}{_UNITS[period[1]]}"


def column_classes() -> dict[str, tuple[int, str] | None]:
    configured = settings.GONGKAI_INSPECTION_COLUMN_CLASSES or {}
    if not isinstance(configured, dict):
        raise ImproperlyConfigured("设置 GONGKAI_INSPECTION_COLUMN_CLASSES 应为“栏目类别或标识: 期限”的字典")
    out = {}
    for key, value in {**DEFAULT_COLUMN_CLASSES, **configured}.items():
        try:
            out[str(key)] = parse_period(value)
        except ValueError:
            raise ImproperlyConfigured(
                f"栏目更新期限设置有误：“{key}”的期限“{value}”无法识别，应为天数或“2w”“6m”“1y”这样的写法"
            ) from None
    return out


def _local_date(moment) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


# ---------------------------------------------------------------------- the checks


def check_unreachable(ctx: InspectionContext):
    status = ctx.crawl.status.get("/")
    if status != 200:
        what = "没有响应" if not status else f"返回 HTTP {status}"
        yield Found(
            key="home", title="网站首页无法访问", url="/", agency_id=ctx.site.agency_id, detail=f"首页{what}"
        )
    slow = ctx.crawl.slow
    if slow:
        listed = "；".join(f"{path}（{ms / 1000:.1f}秒）" for path, ms in list(slow.items())[:MAX_LISTED])
        yield Found(
            key="slow",
            title=f"{len(slow)}个页面超过{TIMEOUT}秒未打开",
            url=next(iter(slow)),
            agency_id=ctx.site.agency_id,
            detail=listed,
            count=len(slow),
        )


def check_home_stale(ctx: InspectionContext):
    today = timezone.localdate(ctx.now)
    latest = max((c.latest for c in ctx.columns if c.latest is not None), default=None)
    limit = cutoff(today, parse_period(HOME_STALE))
    if latest is None or _local_date(latest) < limit:
        when = f"最近一次更新为{_local_date(latest):%Y-%m-%d}" if latest else "没有发布过信息"
        yield Found(
            key="home",
            title="首页栏目信息超过2周未更新",
            url="/",
            agency_id=ctx.site.agency_id,
            detail=f"{when}，应至少每2周更新一次",
        )


def check_columns_stale(ctx: InspectionContext):
    classes = column_classes()
    today = timezone.localdate(ctx.now)
    for column in ctx.columns:
        period = classes.get(column.slug, classes.get(column.update_class))
        if period is None or column.items == 0:  # an empty column is columns.empty's finding
            continue
        latest = _local_date(column.latest)
        if latest < cutoff(today, period):
            label = CLASS_LABELS.get(column.update_class, column.update_class)
            yield Found(
                key=f"column:{column.slug}",
                title=f"栏目“{column.name}”超过{describe(period)}未更新",
                url=column.url,
                agency_id=ctx.site.agency_id,
                detail=f"{label}栏目，最近一次更新为{latest:%Y-%m-%d}，应至少每{describe(period)}更新一次",
            )


def check_columns_empty(ctx: InspectionContext):
    for column in ctx.columns:
        if column.items == 0:
            yield Found(
                key=f"column:{column.slug}",
                title=f"栏目“{column.name}”为空白栏目",
                url=column.url,
                agency_id=ctx.site.agency_id,
                detail="栏目中没有任何公开的信息",
            )


def check_links(ctx: InspectionContext):
    crawl = ctx.crawl
    for path, status in crawl.broken():
        if path == "/":
            continue  # the home page is site.unreachable's finding
        referrer, agency_id = crawl.first_referrer.get(path, ("", None))
        pages = crawl.referrers.get(path, 1) or 1
        what = "没有响应" if not status else f"返回 HTTP {status}"
        yield Found(
            key=f"internal:{path}",
            title="不可用链接",
            url=referrer or path,
            agency_id=agency_id if agency_id is not None else ctx.site.agency_id,
            detail=f"链接 {path} {what}；出现在{pages}处链接中，首次见于 {referrer or '（入口页面）'}",
            count=1,
        )
    if ctx.outbound:
        for url, status in crawl.external_status.items():
            if status == 0 or status >= 400:
                referrer, agency_id = crawl.external_referrer.get(url, ("", None))
                what = "没有响应" if not status else f"返回 HTTP {status}"
                yield Found(
                    key=f"external:{url}"[:300],
                    title="不可用的外部链接",
                    url=referrer,
                    agency_id=agency_id if agency_id is not None else ctx.site.agency_id,
                    detail=f"外部链接 {url} {what}；出现{crawl.external[url]}次",
                )
    ctx.notes["links.broken"] = {
        "internal_checked": len(crawl.status),
        "external": len(crawl.external),
        "external_checked": ctx.outbound,
        # 未检查: the deployment does not allow outbound requests
        "external_unchecked": [] if ctx.outbound else sorted(crawl.external)[:MAX_LISTED],
        "not_followed": crawl.not_followed,
        "truncated": crawl.truncated,
    }


def _observations(ctx: InspectionContext, kinds: dict[str, str]):
    grouped: dict[tuple[str, str], list] = {}
    for obs in ctx.crawl.observations:
        if obs.kind in kinds:
            grouped.setdefault((obs.kind, obs.path), []).append(obs)
    for (kind, path), items in grouped.items():
        details = "；".join(o.detail for o in items[:20])
        yield Found(
            key=f"{kind}:{path}"[:300],
            title=kinds[kind],
            url=path,
            agency_id=items[0].agency_id,
            detail=details,
            count=len(items),
        )


def check_injected(ctx: InspectionContext):
    yield from _observations(
        ctx,
        {
            "hidden_link": "页面含有隐藏链接（暗链）",
            "foreign_script": "页面引用了外部网站的脚本",
            "foreign_iframe": "页面嵌入了外部网站的框架",
        },
    )


def check_forbidden(ctx: InspectionContext):
    yield from _observations(ctx, {"forbidden_word": "页面含有违规词语"})


def check_defaced(ctx: InspectionContext):
    """What the server returns for a published page must be what gongkai published (common.integrity).
    Pages the crawl itself has just rendered from the database are not rendered a second time."""
    _ = ctx.crawl  # the crawl first: it fills the page cache and the hashes as a visitor's requests would
    checked, unviewed, differences = verify_pages(
        base_url=ctx.base_url, hosts=ctx.hosts, fresh_since=ctx.crawl_started
    )
    ctx.notes["pages.defaced"] = {"checked": checked, "not_viewed_since_publication": unviewed}
    seen = set()
    for diff in differences:
        host, _, path = diff.url.partition("/")
        path = "/" + path
        if path in seen:
            continue
        seen.add(path)
        yield Found(
            key=path[:300],
            title="页面与发布时的内容不一致（疑似被篡改）",
            url=path,
            agency_id=ctx.site.agency_id,
            detail=f"{diff.what}：发布时摘要 {diff.expected[:16]}…，现为 {diff.found[:24]}",
        )


def _window(ctx: InspectionContext) -> tuple[date, date]:
    today = timezone.localdate(ctx.now)
    return months_before(today, 12), today


def _agency_names(ids) -> dict[int, str]:
    from gongkai.agencies.models import Agency

    return dict(Agency.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def check_messages(ctx: InspectionContext):
    start, today = _window(ctx)
    figures = ctx.metric("interaction.messages.longest_unanswered_days", start, today)
    if figures is None:
        ctx.notes["messages.unanswered"] = {"metric": "未注册"}
        return
    limit_days = (today - months_before(today, UNANSWERED_MONTHS)).days
    late = {aid: days for aid, days in figures.items() if days is not None and days > limit_days}
    names = _agency_names(late)
    for agency_id, days in sorted(late.items()):
        yield Found(
            key=f"agency:{agency_id}",
            title="有效留言超过3个月未回应",
            url=ctx.records_url("interaction.messages.longest_unanswered_days", start, today, [agency_id]),
            agency_id=agency_id,
            detail=f"{names.get(agency_id, '')}最早的未答复有效留言已等待{days}天",
        )


def _per_agency_counts(ctx: InspectionContext, metric: str, note_key: str, title: str, detail: str):
    """A finding for each agency whose `metric` counts something in the window; `detail` is formatted
    with the agency's `name` and the `count`."""
    start, today = _window(ctx)
    figures = ctx.metric(metric, start, today)
    if figures is None:
        ctx.notes[note_key] = {"metric": "未注册"}
        return
    names = _agency_names(aid for aid, n in figures.items() if n)
    for agency_id, count in sorted(figures.items()):
        if count:
            yield Found(
                key=f"agency:{agency_id}",
                title=title,
                url=ctx.records_url(metric, start, today, [agency_id]),
                agency_id=agency_id,
                detail=detail.format(name=names.get(agency_id, ""), count=count),
                count=count,
            )


def check_guides(ctx: InspectionContext):
    yield from _per_agency_counts(
        ctx,
        "services.guides.missing_elements",
        "guides.missing_elements",
        "办事指南缺少必备要素",
        "{name}有{count}项办事指南缺少要素（" + GUIDE_ELEMENTS + "）",
    )


def check_newmedia(ctx: InspectionContext):
    yield from _per_agency_counts(
        ctx,
        "newmedia.accounts.in_breach",
        "newmedia.breach",
        "政务新媒体账号未达更新或互动要求",
        "{name}有{count}个政务新媒体账号2周内无更新或互动功能失效",
    )


def register() -> None:
    register_check(
        "site.unreachable",
        "站点可访问",
        f"{DOC} 单项否决指标：站点无法访问（15秒内无法打开）",
        check_unreachable,
        order=5,
    )
    register_check(
        "home.stale", "首页更新", f"{DOC} 单项否决指标：首页栏目信息超过2周未更新", check_home_stale, order=10
    )
    register_check(
        "columns.stale",
        "栏目更新",
        f"{DOC} 单项否决指标：动态、要闻类栏目超过2周未更新，通知公告、政策文件类栏目超过6个月未更新；"
        "扣分指标“更新量”：应更新而未更新的栏目",
        check_columns_stale,
        order=20,
    )
    register_check(
        "columns.empty", "空白栏目", f"{DOC} 单项否决指标：空白栏目", check_columns_empty, order=30
    )
    register_check(
        "links.broken",
        "链接可用性",
        f"{DOC} 扣分指标“可用性”：首页及其他页面的不可用链接",
        check_links,
        order=40,
    )
    register_check(
        "messages.unanswered",
        "互动回应",
        f"{DOC} 单项否决指标：近1年内留言栏目存在超过3个月未回应的有效留言",
        check_messages,
        order=50,
    )
    register_check(
        "guides.missing_elements",
        "办事指南要素",
        f"{DOC} 单项否决指标：办事指南缺少{GUIDE_ELEMENTS}等要素",
        check_guides,
        order=60,
    )
    register_check(
        "content.forbidden",
        "违规内容",
        f"{DOC} 单项否决指标“严重表述错误、泄露国家秘密、发布或链接反动暴力色情等内容”",
        check_forbidden,
        order=70,
    )
    register_check(
        "content.injected",
        "植入内容",
        f"{DOC} 单项否决指标“被挂马、内容被篡改或植入内容未及时处置”：暗链、外部脚本和框架",
        check_injected,
        order=75,
    )
    register_check(
        "pages.defaced",
        "网页篡改",
        f"{DOC} 单项否决指标“被挂马、内容被篡改或植入内容未及时处置”：对外提供的页面与发布时不一致",
        check_defaced,
        order=80,
    )
    register_check(
        "newmedia.breach",
        "政务新媒体",
        f"{DOC} 政务新媒体：至少每2周更新一次、互动功能可用、无违法违规内容",
        check_newmedia,
        order=90,
    )
