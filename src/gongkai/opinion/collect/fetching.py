"""Read posts out of what a source gives: an RSS/Atom feed over HTTP (the deadline, size limit and
conditional requests of `newmedia.adapters.http_get`), a monitoring vendor's CSV/XLSX/JSON export
with a column mapping, or the JSON of a push. Pure: no database.

Every failure is a `SourceError` with a Chinese message saying what is wrong with the source; a
table with any bad row is refused whole (nothing half-imported), naming the rows.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from gongkai.newmedia.adapters import SourceError, http_get, parse_when

from ..normalise import RawPost

MAX_ROWS = 20_000
MAX_PUSH_POSTS = 500

FIELDS = ("title", "body", "published_at", "url", "external_id", "author", "likes", "comments", "shares")
FIELD_LABELS = {
    "title": "标题",
    "body": "正文",
    "published_at": "发布时间",
    "url": "链接",
    "external_id": "编号",
    "author": "作者",
    "likes": "点赞数",
    "comments": "评论数",
    "shares": "转发数",
}
# The headers monitoring vendors' exports use, tried when the source's mapping names no column.
GUESSES = {
    "title": ("标题", "title", "文章标题", "信息标题"),
    "body": ("正文", "内容", "摘要", "body", "content", "text", "微博内容", "信息内容"),
    "published_at": ("发布时间", "时间", "发表时间", "日期", "published_at", "published", "time", "date"),
    "url": ("链接", "原文链接", "网址", "url", "link"),
    "external_id": ("编号", "id", "信息id", "文章id", "微博id", "external_id"),
    "author": ("作者", "发布者", "用户名", "昵称", "author", "来源账号"),
    "likes": ("点赞", "点赞数", "likes"),
    "comments": ("评论", "评论数", "comments"),
    "shares": ("转发", "转发数", "shares", "reposts"),
}


@dataclass
class FeedResult:
    posts: list[RawPost] = field(default_factory=list)
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    skipped: int = 0


# ---------------------------------------------------------------- feeds


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "", timeout: float = 10) -> FeedResult:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    status, response_headers, body = http_get(url, timeout=timeout, headers=headers)
    lower = {k.lower(): v for k, v in response_headers.items()}
    if status == 304:
        return FeedResult(etag=etag, last_modified=last_modified, not_modified=True)
    result = parse_feed(body)
    result.etag = lower.get("etag", "")[:300]
    result.last_modified = lower.get("last-modified", "")[:100]
    return result


def parse_feed(data: bytes) -> FeedResult:
    import feedparser

    if not data.strip():
        raise SourceError("订阅地址返回的内容为空")
    parsed = feedparser.parse(data)
    if not parsed.get("version"):
        raise SourceError("订阅地址返回的不是RSS或Atom格式的XML（可能是网页或错误页面），请核对订阅地址")
    result = FeedResult()
    for entry in parsed.entries:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        title = entry.get("title") or ""
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary") or ""
        link = (entry.get("link") or "").strip()
        if stamp is None or not (title.strip() or body.strip()):
            result.skipped += 1
            continue
        result.posts.append(
            RawPost(
                published_at=datetime(*stamp[:6], tzinfo=UTC),
                title=title,
                body=body,
                url=link,
                external_id=(entry.get("id") or link or "").strip(),
                author=entry.get("author") or "",
            )
        )
    return result


# ---------------------------------------------------------------- vendor exports


def _decode(data: bytes) -> str:
    from gongkai.ingest.readers import UnreadableFile, decode_text

    try:
        text, _encoding, _warnings = decode_text(data)
    except UnreadableFile:
        raise SourceError(
            "无法识别文件的编码（不是UTF-8或GBK文本），请另存为UTF-8或GBK编码的CSV后再上传"
        ) from None
    return text


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list]]:
    """The header and the rows of a CSV (UTF-8 or GBK, detected), XLSX or JSON (a list of objects)."""
    name = (filename or "").lower()
    if not data.strip():
        raise SourceError("文件是空的")
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        except Exception:
            raise SourceError("无法读取该Excel文件，请确认是.xlsx格式") from None
    elif name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(_decode(data))))
    elif name.endswith(".json"):
        rows = _json_rows(_decode(data))
    else:
        raise SourceError("只能导入CSV、XLSX或JSON文件")
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if len(rows) < 2:
        raise SourceError("文件中没有数据行")
    if len(rows) - 1 > MAX_ROWS:
        raise SourceError(f"一次最多导入{MAX_ROWS}行，请分批上传")
    return [str(c or "").strip() for c in rows[0]], rows[1:]


def _json_rows(text: str) -> list[list]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"JSON格式错误（第{exc.lineno}行第{exc.colno}列）") from None
    if isinstance(value, dict):
        value = value.get("posts") or value.get("data") or value.get("items")
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SourceError("JSON文件应是由对象组成的数组（或含有 posts 数组的对象）")
    header: list[str] = []
    for item in value:
        header += [str(k) for k in item if str(k) not in header]
    return [header] + [[item.get(k) for k in header] for item in value]


def resolve_columns(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """The column index of each field: the source's saved mapping first, then the usual names."""
    lowered = [h.lower() for h in header]
    out: dict[str, int] = {}
    problems = []
    for name in FIELDS:
        wanted = (mapping.get(name) or "").strip()
        if wanted:
            if wanted.lower() in lowered:
                out[name] = lowered.index(wanted.lower())
            else:
                problems.append(f"没有名为“{wanted}”的列（{FIELD_LABELS[name]}）")
            continue
        for guess in GUESSES[name]:
            if guess.lower() in lowered:
                out[name] = lowered.index(guess.lower())
                break
    if "published_at" not in out and not any("发布时间" in p for p in problems):
        problems.append("缺少“发布时间”列")
    if "title" not in out and "body" not in out:
        problems.append("缺少“标题”或“正文”列")
    if problems:
        raise SourceError(f"文件的列与列映射不符：{'；'.join(problems)}（文件的列：{'、'.join(header)}）")
    return out


def posts_from_table(data: bytes, filename: str, mapping: dict[str, str] | None = None) -> list[RawPost]:
    """Every row as a post, or `SourceError` naming the bad rows (then nothing is imported)."""
    header, rows = read_table(data, filename)
    columns = resolve_columns(header, mapping or {})
    posts, problems = [], []
    for number, row in enumerate(rows, start=2):
        values = {name: row[index] if index < len(row) else None for name, index in columns.items()}
        post, problem = _row_post(values)
        if problem:
            problems.append(f"第{number}行：{problem}")
        else:
            posts.append(post)
    if problems:
        shown = "；".join(problems[:10]) + ("……" if len(problems) > 10 else "")
        raise SourceError(f"有{len(problems)}行无法导入，未导入任何数据：{shown}")
    return posts


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _row_post(values: dict) -> tuple[RawPost | None, str]:
    """A post from one row or one pushed object (field → value), or the Chinese problem."""
    title, body = _text(values.get("title")), _text(values.get("body"))
    if not title and not body:
        return None, "标题和正文都为空"
    published = when(values.get("published_at"))
    if published is None:
        shown = _text(values.get("published_at"))
        return None, f"发布时间“{shown}”无法识别" if shown else "缺少发布时间"
    counts = {}
    for name in ("likes", "comments", "shares"):
        raw = values.get(name)
        try:
            counts[name] = int(float(raw)) if raw not in (None, "") else 0
        except (TypeError, ValueError):
            return None, f"{FIELD_LABELS[name]}“{raw}”不是数字"
    return RawPost(
        published_at=published,
        title=title,
        body=body,
        url=_text(values.get("url")),
        external_id=_text(values.get("external_id")),
        author=_text(values.get("author")),
        **counts,
    ), ""


def when(value) -> datetime | None:
    """ISO 8601 (2026-12-01T10:30:00+08:00) or what `parse_when` reads (2026年12月1日 10:30 …)."""
    if isinstance(value, str) and "T" in value:
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parse_when(parsed)
    return parse_when(value)


# ---------------------------------------------------------------- push


class PushRefused(Exception):
    """A push refused whole: `code` for machines, `message` in Chinese, `problems` per post."""

    def __init__(self, code: str, message: str, problems: list[dict] | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.problems = code, message, problems or []


def posts_from_push(body: bytes) -> list[RawPost]:
    """The posts of a push request's JSON body (docs/api-opinion-push.md)."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PushRefused("invalid_json", "请求体不是有效的UTF-8 JSON") from None
    items = payload.get("posts") if isinstance(payload, dict) else None
    if not isinstance(items, list) or not items:
        raise PushRefused("no_posts", '请求体应为 {"posts": [...]}，且至少含一条信息')
    if len(items) > MAX_PUSH_POSTS:
        raise PushRefused("too_many_posts", f"一次最多推送{MAX_PUSH_POSTS}条信息，本次{len(items)}条")
    posts, problems = [], []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append({"index": index, "message": "每条信息应是一个JSON对象"})
            continue
        values = {name: item.get(name) for name in FIELDS}
        values["external_id"] = item.get("id", item.get("external_id"))
        if _text(values["external_id"]) == "" and _text(values["url"]) == "":
            problems.append({"index": index, "message": "缺少 id 或 url，无法识别重复推送"})
            continue
        post, problem = _row_post(values)
        if problem:
            problems.append({"index": index, "message": problem})
        else:
            posts.append(post)
    if problems:
        raise PushRefused(
            "invalid_posts", f"有{len(problems)}条信息不符合要求，本次推送未保存任何信息", problems
        )
    return posts
