"""Import files as draft documents: read (readers) → recognise (extract) → create drafts (actions).

Each file is one transaction: a file that fails leaves nothing behind. A 转发/印发 notice yields the
outer notice and each document it wraps, linked by `forwarded_by`. What the importer could not read
or had to repair is kept on the draft (`import_warnings`) for the clerk to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.models import Agency, Staff
from gongkai.common.errors import ActionRefused
from gongkai.ingest.extract import Extraction, extract
from gongkai.ingest.readers import UnreadableFile, read_file

from . import actions
from .bodies import strip_heading, text_to_html
from .models import Disclosure, Document

SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".html", ".htm"}

# Chinese explanations of the warning codes of extract, cleaning and the importer itself.
WARNING_LABELS = {
    "title_missing": "未识别出标题，已用文件名代替，请核对",
    "doc_number_missing": "未识别出文号",
    "issuers_missing": "未识别出发文机关",
    "date_missing": "未识别出成文日期",
    "genre_inferred": "文种由正文推断",
    "traditional_converted": "原文为繁体字，已转换为简体（原文已保留）",
    "duplicate_removed": "网页中全文重复出现，已保留一份",
    "possible_defacement": "来源网页疑似被篡改：标题前有无关的垃圾信息，已剔除并保留供审查",
    "title_from_page": "标题取自网页信息表，置信度低",
    "doc_number_from_page": "文号取自网页信息表，置信度低",
    "date_from_page": "成文日期取自网页信息表，置信度低",
    "issuers_from_page": "发文机关取自网页信息表，置信度低",
    "issuer_unmatched": "发文机关未能对应到本平台的机关，请手工选择发布机构",
    "disclosure_reason_needed": "附注标明不主动公开，提交审查前须选择并写明理由",
    "unwrapped_html_markup": "原文含网页标记，已去除标记只保留文字",
    "unwrapped_json_record": "原文是JSON数据记录，已取出其中的正文（记录中的其他字段未采用）",
    "unwrapped_sql_row": "原文是数据库SQL语句，已取出其中的正文（其他字段未采用）",
    "unwrapped_csv_record": "原文是CSV数据记录，已取出其中的正文（其他字段未采用）",
    "unwrapped_code_literal": "原文是程序代码中的字符串，已取出其中的文字",
    "unwrapped_html_entities": "原文中的网页标记被转义（如&lt;p&gt;），已还原后去除",
    "unwrapped_escape_sequences": "原文用转义符（如\\n）代替换行，已还原",
    "unwrapped_markdown": "原文是Markdown文档，已去除文档头和标题符号",
    "pinyin_removed": "原文每个字后附有拼音，已去除",
    "one_line_split": "原文全部在一行内，已按空格重新分行，请核对",
    "run_together_split": "署名、日期或附注与正文连在一起，已拆开，请核对",
    "doc_number_in_title": "文号附在标题之后，已从标题中分出",
    "spam_kept_whole_text": "全文疑似垃圾信息，未作删除，请人工判断",
}


def warning_label(code: str) -> str:
    if code in WARNING_LABELS:
        return WARNING_LABELS[code]
    if "bracket" in code:
        return f"文号括号不规范（{code}），已按〔〕识别"
    if "low_confidence" in code or code.endswith("_recovered"):
        return f"部分内容在转换中丢失，已尽量恢复（{code}），请核对"
    return code


@dataclass
class ImportResult:
    name: str
    ok: bool
    message: str = ""
    document: Document | None = None
    forwarded: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    open_findings: int = 0


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The importable files named by `paths` (folders are walked, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def max_bytes() -> int:
    return settings.GONGKAI_IMPORT_MAX_MB * 1024 * 1024


def read_and_extract(source: str | Path | bytes, name: str) -> tuple[str, Extraction]:
    result = read_file(source, name, max_bytes=max_bytes())
    ex = extract(result.text)
    for code in result.warnings:
        ex.warn(code)
    return result.text, ex


def import_file(actor: Staff, source: str | Path | bytes, *, name: str | None = None) -> ImportResult:
    """Import one file (a path, or uploaded bytes with its name) as drafts of the actor's agency."""
    name = name or Path(str(source)).name
    try:
        original, ex = read_and_extract(source, name)
    except UnreadableFile as exc:
        return ImportResult(name, False, str(exc))
    if not ex.text.strip():
        return ImportResult(name, False, "文件中没有可识别的文字")
    try:
        with transaction.atomic():
            outer, inner = _create(actor, ex, original, name)
    except ActionRefused as exc:
        return ImportResult(name, False, exc.message)
    return ImportResult(
        name, True, "已导入为草稿", outer, inner, list(outer.import_warnings),
        outer.findings.filter(resolution="open").count() + sum(d.findings.filter(resolution="open").count() for d in inner),
    )  # fmt: skip


def _create(actor: Staff, ex: Extraction, original: str, name: str) -> tuple[Document, list[Document]]:
    bodies = _split_bodies(ex)
    outer_publishers = _publishers(ex.issuers, actor)
    outer = actions.create_document(
        actor,
        body=text_to_html(strip_heading(bodies[0], title=ex.title, doc_number=ex.doc_number)),
        publishers=outer_publishers,
        import_info=_import_info(ex, original, name, publishers_found=bool(outer_publishers)),
        **_fields(ex, name),
    )
    inner_docs = []
    for inner, body in zip(ex.forwarded, bodies[1:], strict=False):
        doc = actions.create_document(
            actor,
            body=text_to_html(strip_heading(body, title=inner.title, doc_number=inner.doc_number)),
            publishers=_publishers(inner.issuers, actor),
            forwarded_by=outer,
            import_info={"source_name": name[:255], "import_warnings": list(inner.warnings)},
            **_fields(inner, name),
        )
        inner_docs.append(doc)
    return outer, inner_docs


def _fields(ex: Extraction, name: str) -> dict:
    title = ex.title or Path(name).stem
    disclosure = ex.disclosure or Disclosure.PROACTIVE
    fields = {
        "title": title[:300],
        "doc_number": (ex.doc_number or "")[:60],
        "written_on": ex.written_on,
        "made_on": ex.written_on or timezone.localdate(),
        "genre": (ex.genre or "")[:20],
        "disclosure": disclosure,
        "addressees": (ex.addressees or "")[:300],
        "note": (ex.note or "")[:100],
        "secrecy": (ex.secrecy or "")[:20],
        "urgency": (ex.urgency or "")[:10],
        "attachment_names": list(ex.attachments),
    }
    return fields


def _import_info(ex: Extraction, original: str, name: str, *, publishers_found: bool) -> dict:
    warnings = list(ex.warnings)
    if ex.disclosure and ex.disclosure != Disclosure.PROACTIVE:
        warnings.append("disclosure_reason_needed")
    if ex.issuers and not publishers_found:
        warnings.append("issuer_unmatched")
    return {
        "source_name": name[:255],
        "source_text": ex.original or original,
        "stripped_text": "\n".join(ex.stripped),
        "possibly_defaced": "possible_defacement" in ex.warnings,
        "import_warnings": warnings,
        "import_confidence": dict(ex.confidence),
    }


def _publishers(issuers: list[str], actor: Staff) -> list[Agency]:
    if not issuers:
        return []
    found = Agency.objects.filter(Q(name__in=issuers) | Q(short_name__in=issuers), is_active=True)
    return list(found)


def _title_regex(title: str) -> re.Pattern[str]:
    head = re.sub(r"\s+", "", title)[:12]
    return re.compile(r"\s*".join(re.escape(ch) for ch in head))


def _split_bodies(ex: Extraction) -> list[str]:
    """The text of the outer notice and of each forwarded document, cut where each title begins."""
    text = ex.text
    cuts = []
    position = 0
    for inner in ex.forwarded:
        match = _title_regex(inner.title).search(text, position) if inner.title else None
        if match is None:
            cuts.append(None)
            continue
        cuts.append(match.start())
        position = match.end()
    bounds = [c for c in cuts if c is not None]
    if len(bounds) != len(ex.forwarded):
        # Could not find every inner title: the outer keeps the whole text, the inner ones their own.
        return [text] + ["" for _ in ex.forwarded]
    pieces = [text[: bounds[0]] if bounds else text]
    for i, start in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
        pieces.append(text[start:end])
    return pieces
