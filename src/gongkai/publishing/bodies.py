"""Document bodies are HTML: cleaned with nh3 on every save, so no script ever reaches a page.

Plain text (an imported file) becomes paragraphs; HTML becomes plain text for screening, diffs
and the search index.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "sub", "sup", "span", "div", "blockquote",
    "h2", "h3", "h4", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "a", "img", "figure", "figcaption", "hr", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
_BLOCK_END_RE = re.compile(r"</(p|div|li|tr|h[2-4]|blockquote|pre|caption)>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG_RE = re.compile(r"<[^>]+>")


# Images in a body are the document's own uploaded attachments, served by the app: no picture is
# fetched from another site (intranets; nothing outside is loaded when a page is read).
_OWN_IMAGE_RE = re.compile(r"^/attachments/\d+/$")


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and not _OWN_IMAGE_RE.match(value):
        return None
    return value


_IMG_WITHOUT_SRC_RE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def sanitise(body: str) -> str:
    cleaned = nh3.clean(
        body or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_keep_attribute,
    )
    return _IMG_WITHOUT_SRC_RE.sub("", cleaned).strip()


def text_to_html(text: str) -> str:
    """One <p> per non-empty line, text escaped."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)


_BRACKETS_RE = re.compile(r"[\s〔〕\[\]【】()（）［］]")


def strip_heading(text: str, *, title: str | None, doc_number: str | None) -> str:
    """Drop the leading lines that repeat the title (often wrapped) and the 文号: the page shows both
    above the body. Anything else, and the whole text when the head does not match, is kept."""
    lines = (text or "").splitlines()
    key = _BRACKETS_RE.sub("", title or "")
    number = _BRACKETS_RE.sub("", doc_number or "")
    i, seen = 0, ""
    while key and i < len(lines):
        line = _BRACKETS_RE.sub("", lines[i])
        if line and not key.startswith(seen + line):
            break
        seen += line
        i += 1
    if seen != key:
        i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if number and i < len(lines) and _BRACKETS_RE.sub("", lines[i]) == number:
        i += 1
    return "\n".join(lines[i:])


def html_to_text(body: str) -> str:
    """The text a reader sees, one block per line."""
    text = _BLOCK_END_RE.sub("\n", body or "")
    text = html.unescape(_TAG_RE.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def replace_text(body: str, old: str, new: str) -> tuple[str, int]:
    """Replace every occurrence of the plain text `old` in the HTML `body`; returns (body, count)."""
    escaped_old, escaped_new = html.escape(old, quote=False), html.escape(new, quote=False)
    count = body.count(escaped_old)
    return body.replace(escaped_old, escaped_new), count
