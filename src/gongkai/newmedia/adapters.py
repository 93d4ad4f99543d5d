"""Where posts of an outside account come from, normalised to `Item`s: an RSS/Atom feed fetched over
HTTP (with a deadline, a size limit and conditional requests), or a CSV/XLSX export of the platform's
back office with a column mapping. No database here: the opinion (舆情) sources reuse the same code.

Every failure is a `SourceError` with a Chinese message that says what is wrong with the source.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as dtime
from email.utils import parsedate_to_datetime

from django.utils import timezone

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
USER_AGENT = "gongkai-newmedia/1.0 (+update watch)"


class SourceError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Item:
    remote_id: str
    title: str
    published_at: datetime
    url: str = ""
    kind: str = "post"  # "post" or "reply"
    asked_at: datetime | None = None


@dataclass
class FetchResult:
    items: list[Item] = field(default_factory=list)
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    skipped: int = 0  # entries without a date: they cannot tell when the account was updated


# ---------------------------------------------------------------- HTTP with a deadline


def reason_text(reason) -> str:
    """A network failure in Chinese (the OS's words are English)."""
    if isinstance(reason, ConnectionRefusedError):
        return "连接被拒绝，对方服务未运行"
    if isinstance(reason, ConnectionResetError):
        return "连接被对方重置"
    if isinstance(reason, socket.gaierror):
        return "域名无法解析"
    if isinstance(reason, ssl.SSLError):
        return "HTTPS证书或加密连接错误"
    return f"网络错误：{reason}"


def http_get(url: str, *, timeout: float, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    """GET `url`; the whole exchange must finish within `timeout` seconds (a server that trickles
    bytes is cut off too). Returns (status, headers, body); 304 returns an empty body."""
    if not url.startswith(("http://", "https://")):
        raise SourceError("地址必须以 http:// 或 https:// 开头")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = _read(response, deadline)
            return response.status, dict(response.headers.items()), body
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, dict(exc.headers.items()), b""
        raise SourceError(f"服务器返回错误（HTTP {exc.code}）") from None
    except TimeoutError:
        raise SourceError(f"超过{timeout:g}秒没有响应，已放弃本次抓取") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise SourceError(f"超过{timeout:g}秒没有响应，已放弃本次抓取") from None
        raise SourceError(f"无法连接服务器（{reason_text(exc.reason)}）") from None
    except OSError as exc:
        raise SourceError(f"无法连接服务器（{reason_text(exc)}）") from None


def _read(response, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BYTES:
            raise SourceError(f"内容超过{MAX_BYTES // 1024 // 1024}MB，已放弃")
        chunks.append(chunk)


# ---------------------------------------------------------------- feeds


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "", timeout: float = 10) -> FetchResult:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    status, response_headers, body = http_get(url, timeout=timeout, headers=headers)
    lower = {k.lower(): v for k, v in response_headers.items()}
    if status == 304:
        return FetchResult(etag=etag, last_modified=last_modified, not_modified=True)
    result = parse_feed(body)
    result.etag = lower.get("etag", "")
    result.last_modified = lower.get("last-modified", "")
    return result


def parse_feed(data: bytes) -> FetchResult:
    import feedparser

    if not data.strip():
        raise SourceError("订阅地址返回的内容为空")
    parsed = feedparser.parse(data)
    if not parsed.get("version"):
        raise SourceError("订阅地址返回的不是RSS或Atom格式的XML（可能是网页或错误页面），请核对订阅地址")
    result = FetchResult()
    for entry in parsed.entries:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        title = (entry.get("title") or "").strip()
        link = (entry.get("link") or "").strip()
        remote_id = (entry.get("id") or link or "").strip()
        if stamp is None or not (remote_id or title):
            result.skipped += 1
            continue
        published = datetime(*stamp[:6], tzinfo=UTC)
        result.items.append(
            Item(
                remote_id=(remote_id or _fingerprint(title, published))[:500],
                title=(title or "（无标题）")[:300],
                url=link[:500] if link.startswith(("http://", "https://")) else "",
                published_at=published,
            )
        )
    return result


def _fingerprint(*parts) -> str:
    return "fp:" + hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]


# ---------------------------------------------------------------- CSV / XLSX exports

FIELDS = ("title", "published_at", "url", "remote_id", "kind", "asked_at")
FIELD_LABELS = {
    "title": "标题",
    "published_at": "发布时间",
    "url": "链接",
    "remote_id": "ID",
    "kind": "类型",
    "asked_at": "提问时间",
}
# Column headers the back offices of the platforms use, tried when no mapping is given.
GUESSES = {
    "title": ("标题", "内容", "title", "文章标题", "微博内容", "作品标题"),
    "published_at": ("发布时间", "时间", "日期", "发表时间", "published", "date", "time"),
    "url": ("链接", "原文链接", "网址", "url", "link"),
    "remote_id": ("id", "编号", "文章id", "微博id", "作品id", "msgid"),
    "kind": ("类型", "kind", "type"),
    "asked_at": ("提问时间", "留言时间", "asked"),
}
REPLY_WORDS = ("回复", "互动", "答复", "reply")


def read_rows(data: bytes, filename: str) -> tuple[list[str], list[list]]:
    """The header row and the data rows of a CSV (UTF-8 or GB18030) or XLSX file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        except Exception:
            raise SourceError("无法读取该Excel文件，请确认是.xlsx格式") from None
    elif name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise SourceError("无法识别CSV文件的编码，请另存为UTF-8")
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise SourceError("只能导入CSV或XLSX文件")
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise SourceError("文件中没有数据")
    if len(rows) - 1 > MAX_ROWS:
        raise SourceError(f"一次最多导入{MAX_ROWS}行")
    header = [str(c or "").strip() for c in rows[0]]
    return header, rows[1:]


def resolve_mapping(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Column index per field from the given header names, else from the usual names."""
    lowered = [h.lower() for h in header]
    out: dict[str, int] = {}
    for name in FIELDS:
        wanted = (mapping.get(name) or "").strip()
        if wanted:
            if wanted.lower() not in lowered:
                raise SourceError(f"文件中没有名为“{wanted}”的列（{FIELD_LABELS[name]}）")
            out[name] = lowered.index(wanted.lower())
            continue
        for guess in GUESSES[name]:
            if guess in lowered:
                out[name] = lowered.index(guess)
                break
    missing = [FIELD_LABELS[n] for n in ("title", "published_at") if n not in out]
    if missing:
        raise SourceError(f"请指定“{'”“'.join(missing)}”对应的列（文件的列：{'、'.join(header)}）")
    return out


def items_from_table(data: bytes, filename: str, mapping: dict[str, str] | None = None) -> list[Item]:
    """All rows as items, or `SourceError` naming every bad row (then nothing is imported)."""
    header, rows = read_rows(data, filename)
    columns = resolve_mapping(header, mapping or {})
    items, problems = [], []
    for number, row in enumerate(rows, start=2):

        def cell(name, row=row):
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else None

        title = str(cell("title") or "").strip()
        published = parse_when(cell("published_at"))
        asked = parse_when(cell("asked_at")) if cell("asked_at") not in (None, "") else None
        if not title:
            problems.append(f"第{number}行：标题为空")
            continue
        if published is None:
            problems.append(f"第{number}行：发布时间“{cell('published_at') or ''}”无法识别")
            continue
        if cell("asked_at") not in (None, "") and asked is None:
            problems.append(f"第{number}行：提问时间“{cell('asked_at')}”无法识别")
            continue
        url = str(cell("url") or "").strip()
        url = url if url.startswith(("http://", "https://")) else ""
        kind_text = str(cell("kind") or "")
        kind = "reply" if any(w in kind_text.lower() for w in REPLY_WORDS) or asked else "post"
        remote_id = str(cell("remote_id") or "").strip() or url or _fingerprint(title, published.isoformat())
        items.append(Item(remote_id[:500], title[:300], published, url[:500], kind, asked))
    if problems:
        shown = "；".join(problems[:10]) + ("……" if len(problems) > 10 else "")
        raise SourceError(f"有{len(problems)}行无法导入，未导入任何数据：{shown}")
    return items


_DATE = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2}))?秒?)?$"
)


def parse_when(value) -> datetime | None:
    """A datetime from a cell: Excel's own dates, or 2026-11-20, 2026/11/20 10:30, 2026年11月20日."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        naive = value
    elif isinstance(value, date):
        naive = datetime.combine(value, dtime(12, 0))
    else:
        text = str(value).strip()
        match = _DATE.match(text)
        if match is None:
            try:
                return parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
        y, m, d, hh, mm, ss = (int(g) if g else None for g in match.groups())
        try:
            naive = datetime(y, m, d, hh if hh is not None else 12, mm or 0, ss or 0)
        except ValueError:
            return None
    if timezone.is_aware(naive):
        return naive
    return timezone.make_aware(naive, timezone.get_default_timezone())
