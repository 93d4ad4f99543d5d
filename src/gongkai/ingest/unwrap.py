"""Get the document out of whatever a copy of it came wrapped in.

Copies reach the platform from crawlers and old databases as often as from browsers: a page's
HTML saved under a ``.txt`` name, one row of a SQL dump, a JSON or CSV record, a string literal in
somebody's scraping script, a markdown export, or the text with its line breaks written as the
escape sequences ``\\r\\n``. ``unwrap`` peels those layers off, outermost first, until plain text
is left, and names each layer it removed (warning codes) so a reviewer knows what was done.

Only the document's own text is kept. The columns a crawler wrote beside it (its titles, its
``wiritten_time``, its URL) are the crawler's guesses, not the document: they are dropped, and the
elements are read from the text itself.
"""

from __future__ import annotations

import ast
import csv
import html
import io
import json
import re
import warnings
from collections.abc import Iterator

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_TAG_RE = re.compile(
    r"</?(?:p|div|br|span|table|tr|td|th|h[1-6]|html|body|li|strong|b|font|section)\b[^<>]*>", re.I
)
_ENTITY_TAG_RE = re.compile(r"&lt;/?(?:p|div|br|span|table|tr|td|h[1-6])\b.*?&gt;", re.I)
_ESCAPE_RE = re.compile(r"\\(?:r\\n|n|r|t|u[0-9a-fA-F]{4}|\"|')")
_SQL_RE = re.compile(r"^\s*(?:/\*.*?\*/\s*;?\s*)*INSERT\s+INTO\b", re.I | re.S | re.M)
_SQL_STRING_RE = re.compile(r"'((?:[^'\\]|\\.|'')*)'", re.S)
_CSV_HEADER_RE = re.compile(r"^\ufeff?[A-Za-z_][\w ]*(?:,[A-Za-z_][\w ]*)+\s*$")
_CODE_LINE_RE = re.compile(
    r"^\s*(?:#\s*)?(?:[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*=\s*[rRuUbBfF]{0,2}(?:'''|\"\"\"|'|\")"
    r"|(?:In|Out)\s*\[\d+\]\s*:)",
    re.M,
)
_PY_STRING_RE = re.compile(
    r"(?P<prefix>[rRuUbBfF]{0,2})(?P<quote>'''|\"\"\"|'|\")(?P<body>(?:\\.|(?!(?P=quote))[^\\])*?)(?P=quote)",
    re.S,
)
_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MIN_CJK = 20  # a layer whose text has fewer Chinese characters than this holds no document


def unwrap(text: str, html_to_text) -> tuple[str, list[str]]:
    """The plain text inside `text` and the codes of the layers removed, outermost first.

    `html_to_text` turns markup into text (the HTML reader's walk), passed in so that this module
    stays free of the readers' parser.
    """
    codes: list[str] = []
    for _ in range(6):  # layers nest (a SQL row holding HTML with entities); each pass peels one
        layer = _peel(text, html_to_text)
        if layer is None:
            break
        code, inner = layer
        if len(_CJK_RE.findall(inner)) < _MIN_CJK:
            break  # peeling lost the document: keep what we had
        codes.append(code)
        text = inner
    return text, codes


def _peel(text: str, html_to_text) -> tuple[str, str] | None:
    stripped = text.strip()
    if stripped.startswith("<") and len(_TAG_RE.findall(stripped)) >= 3:
        return "html_markup", html_to_text(stripped)  # a saved page, whatever its file name
    for code, peel in (
        ("json_record", _json),
        ("sql_row", _sql),
        ("csv_record", _csv),
        ("code_literal", _code_literals),
        ("html_entities", _entities),
        ("escape_sequences", _escapes),
        ("markdown", _markdown),
    ):
        inner = peel(stripped)
        if inner is not None and inner.strip() != stripped:
            return code, inner
    if len(_TAG_RE.findall(stripped)) >= 3:
        return "html_markup", html_to_text(stripped)
    return None


# --- records ----------------------------------------------------------------------------------


def _json(text: str) -> str | None:
    if not text.startswith(("{", "[")):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        first = text.split("\n", 1)[0]  # JSON lines: one record a line, the first is the document
        try:
            value = json.loads(first)
        except ValueError:
            return None
    return _longest(_strings(value))


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _longest(strings) -> str | None:
    """The document is the record's long text field; the short ones are the crawler's columns."""
    best = max(strings, key=lambda s: len(_CJK_RE.findall(s)), default=None)
    return best if best and len(_CJK_RE.findall(best)) >= _MIN_CJK else None


_SQL_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "", "Z": "", "b": ""}


def _sql(text: str) -> str | None:
    if not _SQL_RE.search(text):
        return None
    keyword = re.search(r"\bVALUES\b", text, re.I)
    values = text[keyword.end() :] if keyword else text
    literals = [_sql_unescape(match.group(1)) for match in _SQL_STRING_RE.finditer(values)]
    return _longest(literals)


def _sql_unescape(body: str) -> str:
    body = body.replace("''", "'")
    return re.sub(r"\\(.)", lambda m: _SQL_ESCAPES.get(m.group(1), m.group(1)), body, flags=re.S)


def _csv(text: str) -> str | None:
    header, _, rest = text.partition("\n")
    if not _CSV_HEADER_RE.match(header) or not rest.strip():
        return None
    try:
        rows = list(csv.reader(io.StringIO(rest)))
    except csv.Error:
        return None
    return _longest(rows[0]) if rows else None


def _code_literals(text: str) -> str | None:
    """String literals of program code, in order: ``aaa = '标题'`` then ``ddd = '''正文'''``."""
    if not _CODE_LINE_RE.search(text) and not (text.startswith("[") and text.endswith("]")):
        return None
    parts = []
    for match in _PY_STRING_RE.finditer(text):
        value = _literal_value(match)
        if len(_CJK_RE.findall(value)) >= 2:
            parts.append(value.strip())
    joined = "\n".join(parts)
    return joined if len(_CJK_RE.findall(joined)) >= _MIN_CJK else None


def _literal_value(match: re.Match[str]) -> str:
    source = match["quote"] + match["body"] + match["quote"]
    if "r" in match["prefix"].lower():
        return match["body"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes such as "\*" in a CSS selector
        try:
            value = ast.literal_eval(source)
        except (ValueError, SyntaxError):
            return match["body"]
    return value if isinstance(value, str) else match["body"]


# --- escaped text ---------------------------------------------------------------------------


def _entities(text: str) -> str | None:
    return html.unescape(text) if len(_ENTITY_TAG_RE.findall(text)) >= 2 else None


def _escapes(text: str) -> str | None:
    """Line breaks written as ``\\n`` (and characters as ``\\u4e00``) by a serializer."""
    escapes = _ESCAPE_RE.findall(text)
    if len(escapes) < 3 or text.count("\n") * 2 > len(escapes):
        return None
    table = {"\\r\\n": "\n", "\\n": "\n", "\\r": "\n", "\\t": "\t", '\\"': '"', "\\'": "'"}
    return _ESCAPE_RE.sub(lambda m: table.get(m.group()) or chr(int(m.group()[2:], 16)), text)


def _markdown(text: str) -> str | None:
    front = _FRONT_MATTER_RE.match(text)
    if not front and not _MD_HEADING_RE.search(text):
        return None
    body = text[front.end() :] if front else text
    return _MD_HEADING_RE.sub("", body)
