"""Normalise a collected post before it is stored. Pure: no database.

Every post, whatever its source, goes through `normalise_post`: HTML stripped to its text,
traditional characters turned simplified (OpenCC t2s), NFKC (full-width letters and digits become
ASCII; Chinese full-width punctuation is kept), whitespace collapsed, the URL canonicalised (scheme and host lowercased, default port,
fragment and tracking parameters dropped, the remaining parameters sorted), an over-long body cut
with a note saying how long the original was, and personal data masked (`mask_text`) — so that no
unmasked text is ever stored, shown or exported. The two hashes find exact duplicates: the same
canonical URL, or the same normalised title and body.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from gongkai.ingest.masking import mask_text

MAX_TITLE = 300
MAX_BODY = 20_000  # characters kept of a body; the rest is cut with a note
MAX_AUTHOR = 100
TRACKING_PARAMS = ("utm_", "spm", "from", "share_", "scene", "isappinstalled", "wfr", "_wv")
_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")
_SPACE = re.compile(r"[ \t\u3000\xa0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Runs of text outside the full-width punctuation (，！？：；（） …): NFKC applies to them only, so that
# full-width letters and digits become ASCII while Chinese punctuation stays Chinese.
_NOT_CJK_PUNCTUATION = re.compile(r"[^\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+")


@dataclass
class RawPost:
    """A post as a source gives it, before normalisation."""

    published_at: datetime
    title: str = ""
    body: str = ""
    url: str = ""
    external_id: str = ""
    author: str = ""
    likes: int = 0
    comments: int = 0
    shares: int = 0


@dataclass
class CleanPost:
    published_at: datetime
    title: str
    body: str
    url: str
    url_hash: str
    content_hash: str
    external_id: str
    author: str
    likes: int = 0
    comments: int = 0
    shares: int = 0
    truncated: bool = False
    notes: list[str] = field(default_factory=list)


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def strip_html(text: str) -> str:
    """The text of a fragment of HTML (a feed's summary); plain text is returned as it is."""
    if not text or not _TAG.search(text):
        return text or ""
    from gongkai.ingest.readers import UnreadableFile, html_to_text

    try:
        return html_to_text(f"<div>{text}</div>")
    except UnreadableFile:
        return _TAG.sub(" ", text)


def normalise_text(text: str, *, html: bool = True) -> str:
    """HTML stripped, simplified, NFKC, whitespace collapsed (line breaks kept, blank lines merged)."""
    if not text:
        return ""
    if html:
        text = strip_html(text)
    text = _NOT_CJK_PUNCTUATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), _t2s().convert(text))
    text = _SPACE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", text).strip()


def canonical_url(url: str) -> str:
    """The URL two collections of the same post agree on; "" for anything not http(s)."""
    url = unicodedata.normalize("NFKC", (url or "").strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        return ""
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PARAMS)
    )
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(title: str, body: str) -> str:
    """The same words are the same post: spaces and punctuation do not count."""
    return digest(re.sub(r"[\W_]+", "", f"{title}{body}".lower()))


def truncate(body: str, limit: int = MAX_BODY) -> tuple[str, bool]:
    if len(body) <= limit:
        return body, False
    note = f"\n（原文共{len(body)}字，超过{limit}字，以下内容已截断）"
    return body[:limit] + note, True


def _count(value) -> int:
    try:
        return max(0, min(int(float(value or 0)), 2_000_000_000))
    except (TypeError, ValueError):
        return 0


def normalise_post(raw: RawPost) -> CleanPost:
    """The post as stored: normalised, cut if over-long, masked, with its hashes."""
    title = normalise_text(raw.title).replace("\n", " ")
    body = normalise_text(raw.body)
    if not title and body:
        title = body.split("\n", 1)[0]
        title = title[:60] + ("…" if len(title) > 60 else "")
    notes = []
    body, cut = truncate(body)
    if cut:
        notes.append("正文过长，已截断")
    title = title[:MAX_TITLE]
    url = canonical_url(raw.url)[:1000]
    # The hash is of the unmasked text, so that a re-collected post is found whatever masking does.
    hashed = content_hash(title, body)
    return CleanPost(
        published_at=raw.published_at,
        title=mask_text(title),
        body=mask_text(body),
        url=url,
        url_hash=digest(url) if url else "",
        content_hash=hashed,
        external_id=(raw.external_id or "").strip()[:200],
        author=mask_text(normalise_text(raw.author, html=False))[:MAX_AUTHOR],
        likes=_count(raw.likes),
        comments=_count(raw.comments),
        shares=_count(raw.shares),
        truncated=cut,
        notes=notes,
    )
