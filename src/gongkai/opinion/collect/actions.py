"""Every write of 舆情 collection: sources (create, edit, enable, push token) and posts arriving from a
fetch, an upload or a push. Each batch is normalised and masked before storage, exact duplicates are
dropped (the source's post id, the canonical URL, the same text from the same source), and the
stored posts then go through the pipeline's stages (`opinion.stages.run_stages`).

A failing source keeps a Chinese error on its row and in its fetch log and is tried again later with
exponential backoff; nothing already stored is touched by a failure.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused
from gongkai.newmedia.adapters import SourceError

from .. import stages
from ..models import FetchLog, OwnChannel, Post, Source, SourceCategory, SourceKind
from ..normalise import CleanPost, RawPost, normalise_post
from . import fetching

log = logging.getLogger(__name__)

PUSH_TOKEN_PREFIX = "gkop_"
MAX_BACKOFF_MINUTES = 24 * 60
SHOWN_ERROR_MAX = 500
BATCH = 500
DEFAULT_WEIGHTS = {
    SourceCategory.CENTRAL: 3.0,
    SourceCategory.PROVINCIAL: 2.0,
    SourceCategory.LOCAL: 1.5,
    SourceCategory.GOVERNMENT: 1.5,
    SourceCategory.SELF_MEDIA: 1.0,
    SourceCategory.FORUM: 0.8,
    SourceCategory.OWN: 1.0,
}
SOURCE_FIELDS = (
    "name",
    "kind",
    "category",
    "weight",
    "url",
    "schedule_minutes",
    "own_channel",
    "column_mapping",
)


@dataclass
class IngestResult:
    added: int = 0
    duplicates: int = 0
    truncated: int = 0
    posts: list[Post] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)  # per incoming post: added / duplicate


# ---------------------------------------------------------------- sources


def may_manage(actor, source_owner) -> bool:
    """Opinion analysts of the owning agency (or a superuser) manage its sources; supervisors read."""
    if actor is None:
        return False
    if actor.is_superuser:
        return True
    return actor.has_role(Role.OPINION_ANALYST) and can_see_agency(actor, source_owner)


def _check_manager(actor, owner) -> None:
    if not may_manage(actor, owner):
        raise ActionRefused(f"只有{owner}的舆情员可以管理该单位的舆情来源")


def _clean_fields(values: dict) -> dict:
    out = {k: values[k] for k in SOURCE_FIELDS if k in values}
    problems = []
    name = (out.get("name") or "").strip()
    if not name:
        problems.append(("name", "请填写来源名称"))
    out["name"] = name[:100]
    kind = out.get("kind")
    if kind not in SourceKind.values:
        problems.append(("kind", "请选择来源类型"))
    if out.get("category") not in SourceCategory.values:
        problems.append(("category", "请选择来源类别"))
    if kind == SourceKind.FEED and not (out.get("url") or "").startswith(("http://", "https://")):
        problems.append(("url", "RSS/Atom订阅须填写以 http:// 或 https:// 开头的订阅地址"))
    if kind == SourceKind.OWN and out.get("own_channel") not in OwnChannel.values:
        problems.append(("own_channel", "本系统互动栏目须选择读取哪个栏目"))
    if kind != SourceKind.OWN:
        out["own_channel"] = ""
    if out.get("weight") is None:
        out["weight"] = DEFAULT_WEIGHTS.get(out.get("category"), 1.0)
    elif not 0 < float(out["weight"]) <= 10:
        problems.append(("weight", "权重应在0到10之间"))
    minutes = out.get("schedule_minutes") or 30
    if not 5 <= int(minutes) <= 7 * 24 * 60:
        problems.append(("schedule_minutes", "抓取间隔应在5分钟到7天之间"))
    out["schedule_minutes"] = int(minutes)
    mapping = out.get("column_mapping") or {}
    out["column_mapping"] = {
        k: str(v).strip() for k, v in mapping.items() if k in fetching.FIELDS and str(v).strip()
    }
    if problems:
        raise ActionRefused(problems[0][1], field=problems[0][0])
    return out


@transaction.atomic
def create_source(actor, *, owner, **values) -> Source:
    _check_manager(actor, owner)
    cleaned = _clean_fields(values)
    source = Source.objects.create(owner=owner, next_fetch_at=timezone.now(), **cleaned)
    record_audit(
        actor=actor,
        action="opinion.source.create",
        target=source,
        agency=owner,
        after={"name": source.name, "kind": source.kind, "url": source.url},
    )
    return source


@transaction.atomic
def update_source(actor, source: Source, **values) -> Source:
    source = Source.objects.select_for_update().get(pk=source.pk)
    _check_manager(actor, source.owner)
    values.setdefault("kind", source.kind)
    cleaned = _clean_fields(values)
    before = {k: getattr(source, k) for k in cleaned}
    for key, value in cleaned.items():
        setattr(source, key, value)
    changed = {k: v for k, v in cleaned.items() if before[k] != v}
    if "url" in changed:
        source.etag = source.last_modified = ""
    source.save()
    if changed:
        record_audit(
            actor=actor,
            action="opinion.source.update",
            target=source,
            agency=source.owner,
            before={k: before[k] for k in changed},
            after=changed,
        )
    return source


@transaction.atomic
def set_source_enabled(actor, source: Source, *, enabled: bool) -> Source:
    source = Source.objects.select_for_update().get(pk=source.pk)
    _check_manager(actor, source.owner)
    if source.enabled == enabled:
        return source
    source.enabled = enabled
    if enabled:
        # Re-enabled: fetch at the next run and forget the backoff of the past failures.
        source.failures = 0
        source.next_fetch_at = timezone.now()
    source.save(update_fields=["enabled", "failures", "next_fetch_at"])
    record_audit(
        actor=actor,
        action="opinion.source.enable" if enabled else "opinion.source.disable",
        target=source,
        agency=source.owner,
        before={"enabled": not enabled},
        after={"enabled": enabled},
    )
    return source


@transaction.atomic
def request_fetch(actor, source: Source) -> Source:
    """Make the source due now: the worker fetches it on its next run (never during a page view)."""
    source = Source.objects.select_for_update().get(pk=source.pk)
    _check_manager(actor, source.owner)
    if not source.is_fetched:
        raise ActionRefused("只有RSS/Atom订阅和本系统栏目由后台定时抓取")
    if not source.enabled:
        raise ActionRefused("该来源已停用，请先启用")
    source.next_fetch_at = timezone.now()
    source.save(update_fields=["next_fetch_at"])
    return source


def push_token_hash(raw: str) -> str:
    # 256 random bits: a plain SHA-256 is enough, nothing to brute-force.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_push_token(actor, source: Source) -> tuple[Source, str]:
    """A new token for a push source (the old one stops working); the token itself is shown only now."""
    source = Source.objects.select_for_update().get(pk=source.pk)
    _check_manager(actor, source.owner)
    if source.kind != SourceKind.PUSH:
        raise ActionRefused("只有“推送接口”类型的来源可以签发推送令牌")
    raw = PUSH_TOKEN_PREFIX + secrets.token_urlsafe(32)
    replaced = bool(source.push_token_hash)
    source.push_token_hash = push_token_hash(raw)
    source.push_token_prefix = raw[: len(PUSH_TOKEN_PREFIX) + 4]
    source.save(update_fields=["push_token_hash", "push_token_prefix"])
    record_audit(
        actor=actor,
        action="opinion.source.token",
        target=source,
        agency=source.owner,
        after={"prefix": source.push_token_prefix, "replaced": replaced},
    )
    return source, raw


def source_for_token(raw: str) -> Source | None:
    if not raw or not raw.startswith(PUSH_TOKEN_PREFIX) or len(raw) > 100:
        return None
    return (
        Source.objects.select_related("owner")
        .filter(push_token_hash=push_token_hash(raw), kind=SourceKind.PUSH)
        .first()
    )


# ---------------------------------------------------------------- posts


def _known(source: Source, cleaned: list[CleanPost]) -> tuple[set[str], set[str], set[str]]:
    """The external ids, URL hashes and content hashes of the batch that are already stored."""
    ids = {c.external_id for c in cleaned if c.external_id}
    urls = {c.url_hash for c in cleaned if c.url_hash}
    hashes = {c.content_hash for c in cleaned}
    known_ids = (
        set(Post.objects.filter(source=source, external_id__in=ids).values_list("external_id", flat=True))
        if ids
        else set()
    )
    known_urls = (
        set(Post.objects.filter(url_hash__in=urls).values_list("url_hash", flat=True)) if urls else set()
    )
    known_hashes = set(
        Post.objects.filter(source=source, content_hash__in=hashes).values_list("content_hash", flat=True)
    )
    return known_ids, known_urls, known_hashes


def _store(source: Source, raws: Iterable[RawPost]) -> IngestResult:
    """Normalise, drop exact duplicates, bulk-insert. Call inside a transaction holding the source's lock."""
    result = IngestResult()
    cleaned = [normalise_post(raw) for raw in raws]
    known_ids, known_urls, known_hashes = _known(source, cleaned)
    now = timezone.now()
    fresh = []
    for c in cleaned:
        duplicate = (
            (c.external_id and c.external_id in known_ids)
            or (c.url_hash and c.url_hash in known_urls)
            or c.content_hash in known_hashes
        )
        result.statuses.append("duplicate" if duplicate else "added")
        if duplicate:
            result.duplicates += 1
            continue
        # The rest of the batch counts as stored: a post twice in one batch is stored once.
        known_ids.add(c.external_id)
        known_urls.add(c.url_hash)
        known_hashes.add(c.content_hash)
        result.truncated += c.truncated
        fresh.append(
            Post(
                source=source,
                external_id=c.external_id,
                url=c.url,
                url_hash=c.url_hash,
                content_hash=c.content_hash,
                title=c.title,
                body=c.body,
                author=c.author,
                published_at=c.published_at,
                collected_at=now,
                likes=c.likes,
                comments=c.comments,
                shares=c.shares,
                truncated=c.truncated,
            )
        )
    known_ids.discard("")
    known_urls.discard("")
    result.posts = Post.objects.bulk_create(fresh, batch_size=BATCH)
    result.added = len(result.posts)
    if result.added:
        Source.objects.filter(pk=source.pk).update(post_count=F("post_count") + result.added)
    return result


def run_pipeline(posts: list[Post]) -> str:
    """The later stages (classify, plans, near-duplicates, events…) on stored posts. A failing stage
    is logged and named, and never takes the stored posts back with it."""
    if not posts:
        return ""
    try:
        with transaction.atomic():
            stages.run_stages(posts)
    except Exception:  # a stage of another part must not lose what was collected
        log.exception("opinion stages failed on a batch of %d posts", len(posts))
        return "已保存，但后续分析步骤出错，将在下次处理时重试"
    return ""


def _log(
    source: Source, how: str, *, ok: bool, result: IngestResult | None = None, message: str = ""
) -> None:
    FetchLog.objects.create(
        source=source,
        how=how,
        ok=ok,
        added=result.added if result else 0,
        duplicates=result.duplicates if result else 0,
        truncated=result.truncated if result else 0,
        message=message[:SHOWN_ERROR_MAX],
    )


def _success(source: Source, now, **extra) -> None:
    Source.objects.filter(pk=source.pk).update(
        last_fetched_at=now,
        last_success_at=now,
        failures=0,
        last_error="",
        next_fetch_at=now + timedelta(minutes=source.schedule_minutes),
        **extra,
    )


def backoff_minutes(schedule_minutes: int, failures: int) -> int:
    """After the n-th failure in a row: the schedule doubled n-1 times, at most a day."""
    return min(schedule_minutes * 2 ** max(failures - 1, 0), MAX_BACKOFF_MINUTES)


def _failure(source: Source, now, message: str, how: str) -> None:
    failures = source.failures + 1
    Source.objects.filter(pk=source.pk).update(
        last_fetched_at=now,
        last_error=message[:SHOWN_ERROR_MAX],
        last_error_at=now,
        failures=failures,
        next_fetch_at=now + timedelta(minutes=backoff_minutes(source.schedule_minutes, failures)),
    )
    _log(source, how, ok=False, message=message)


def ingest_posts(actor, source: Source, raws: list[RawPost], *, how: str) -> IngestResult:
    """Store a batch of posts of `source` (from a fetch, an upload, a push or the demo) and run the
    stages on them. Idempotent: a post stored before is counted as a duplicate, not added."""
    with transaction.atomic():
        source = Source.objects.select_for_update(of=("self",)).select_related("owner").get(pk=source.pk)
        result = _store(source, raws)
        _log(source, how, ok=True, result=result)
        if how != "fetch":  # a fetch records its success with its validators (fetch_source)
            Source.objects.filter(pk=source.pk).update(
                last_success_at=timezone.now(), failures=0, last_error=""
            )
        record_audit(
            actor=actor,
            action="opinion.post.collect",
            target=source,
            agency=source.owner,
            after={"how": how, "added": result.added, "duplicates": result.duplicates},
        )
    note = run_pipeline(result.posts)
    if note:
        Source.objects.filter(pk=source.pk).update(last_error=note, last_error_at=timezone.now())
    return result


def import_export(actor, source: Source, *, data: bytes, filename: str) -> IngestResult:
    """A vendor's export uploaded by staff, read with the source's saved column mapping."""
    _check_manager(actor, source.owner)
    if source.kind != SourceKind.VENDOR:
        raise ActionRefused("只有“监测服务商导出文件”类型的来源可以上传文件")
    try:
        raws = fetching.posts_from_table(data, filename, source.column_mapping)
    except SourceError as exc:
        _failure(source, timezone.now(), exc.message, "upload")
        raise ActionRefused(exc.message, field="file") from None
    return ingest_posts(actor, source, raws, how="upload")


def fetch_source(source: Source, *, now=None) -> tuple[IngestResult | None, str]:
    """Fetch one feed or own-domain source now (the worker calls this); (result, Chinese error)."""
    now = now or timezone.now()
    try:
        if source.kind == SourceKind.FEED:
            feed = fetching.fetch_feed(
                source.url,
                etag=source.etag,
                last_modified=source.last_modified,
                timeout=settings.GONGKAI_OPINION_FETCH_TIMEOUT,
            )
            if feed.not_modified:
                _success(source, now)
                _log(source, "fetch", ok=True, message="内容未变化（HTTP 304）")
                return IngestResult(), ""
            raws, cursor = feed.posts, source.cursor
            validators = {"etag": feed.etag, "last_modified": feed.last_modified}
        elif source.kind == SourceKind.OWN:
            from .own import read_own

            raws, cursor = read_own(source.own_channel, source.cursor)
            validators = {}
        else:
            raise SourceError("该类型的来源不由后台抓取")
    except SourceError as exc:
        _failure(source, now, exc.message, "fetch")
        return None, exc.message
    result = ingest_posts(None, source, raws, how="fetch")
    _success(source, now, cursor=cursor, **validators)
    return result, ""


def due_sources(now=None, *, shard: tuple[int, int] = (1, 1)):
    """Enabled feeds and own-domain sources whose next fetch has come (never fetched: at once).

    `shard=(k, n)`: only the k-th of n slices (by source id), so that n worker machines each fetch
    their own sources (`gongkai opinion_fetch --shard k/n`)."""
    now = now or timezone.now()
    k, n = shard
    sources = Source.objects.filter(enabled=True, kind__in=(SourceKind.FEED, SourceKind.OWN)).filter(
        Q(next_fetch_at__lte=now) | Q(next_fetch_at__isnull=True)
    )
    if n > 1:
        sources = sources.annotate(slice=F("pk") % n).filter(slice=k - 1)
    return sources.order_by(F("next_fetch_at").asc(nulls_first=True), "pk")
