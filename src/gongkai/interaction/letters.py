"""Prompt letters (民意诉求反馈提示函): finding concentrations, drafting the text, the Word file.

A concentration is `GONGKAI_PROMPT_LETTER_MIN_MESSAGES` or more valid messages led by one agency
and received within the last `GONGKAI_PROMPT_LETTER_WINDOW_DAYS` days that are either
near-duplicates of each other (MinHash clusters, `similarity.cluster`, at
`GONGKAI_PROMPT_LETTER_SIMILARITY`) or share a topic — one of the office's routing keywords for
that agency (供暖 for 县住建局). The actions (`actions/letters.py`) turn a new concentration into a
draft letter in the office's 待办, once.

The text comes from the template `interaction/letters/prompt_letter.txt` (placeholders below),
uses the masked subjects of the messages, and is edited by the office before it issues the letter;
the Word file is laid out by GB/T 9704 (`common.officialdoc`), every piece of text a plain run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.loader import get_template, render_to_string

from gongkai.common.dates import zh_date
from gongkai.common.officialdoc import build_official_docx
from gongkai.common.template_errors import template_error_zh
from gongkai.ingest import similarity
from gongkai.workdays.services import current_calendar

from . import signatures
from .masking import mask_text
from .models import LetterBasis, Message, PromptLetter, PromptLetterTemplate, RoutingKeyword, State

TITLE = "民意诉求反馈提示函"
PLACEHOLDERS = [
    ("agency", "收函单位全称"),
    ("office", "发函单位全称"),
    ("topic", "诉求主题"),
    ("count", "涉及留言件数"),
    ("basis", "触发依据，如 相似留言集中"),
    ("window_start", "统计起始日，如 2026年11月3日"),
    ("window_end", "统计截止日"),
    ("messages", "涉及留言（列表，每项有 {{ m.code }}、{{ m.received }}、{{ m.subject }}）"),
    ("feedback_due", "书面反馈期限"),
]


@dataclass(frozen=True)
class Concentration:
    office_id: int
    agency_id: int
    basis: str
    topic: str
    message_ids: tuple[int, ...]
    window_start: date
    window_end: date


def window(today: date) -> tuple[date, date]:
    return today - timedelta(days=settings.GONGKAI_PROMPT_LETTER_WINDOW_DAYS - 1), today


def find_concentrations(today: date) -> list[Concentration]:
    """Every concentration in the window ending `today`, near-duplicates before topics."""
    start, end = window(today)
    minimum = settings.GONGKAI_PROMPT_LETTER_MIN_MESSAGES
    rows = list(
        Message.objects.filter(
            received_on__gte=start, received_on__lte=end, is_valid=True, lead_agency__isnull=False
        )
        .exclude(state=State.INVALID)
        .order_by("received_on", "pk")
        .only("pk", "office_id", "lead_agency_id", "subject", "body", "masked_subject", "received_on")
    )
    groups: dict[tuple[int, int], list[Message]] = {}
    for m in rows:
        groups.setdefault((m.office_id, m.lead_agency_id), []).append(m)
    found = []
    for (office_id, agency_id), messages in groups.items():
        if len(messages) < minimum:
            continue
        stored = signatures.signatures_for(messages)
        minhashes = {m.pk: similarity.from_bytes(stored[m.pk]) for m in messages}
        subjects = {m.pk: m.masked_subject or m.subject for m in messages}
        for group in similarity.cluster(minhashes, settings.GONGKAI_PROMPT_LETTER_SIMILARITY):
            if len(group) >= minimum:
                topic = subjects[group[0]][:40]
                found.append(
                    Concentration(
                        office_id, agency_id, LetterBasis.NEAR_DUPLICATE, topic, tuple(group), start, end
                    )
                )
        words = RoutingKeyword.objects.filter(office_id=office_id, agency_id=agency_id).values_list(
            "word", flat=True
        )
        for word in sorted(words):
            hits = tuple(m.pk for m in messages if word.lower() in f"{m.subject}\n{m.body}".lower())
            if len(hits) >= minimum:
                found.append(Concentration(office_id, agency_id, LetterBasis.KEYWORD, word, hits, start, end))
    return found


def feedback_due(on: date) -> date:
    return current_calendar().add_workdays(on, settings.GONGKAI_PROMPT_LETTER_FEEDBACK_WORKDAYS).due or on


SHIPPED = "interaction/letters/prompt_letter.txt"
SAMPLE = {
    "agency": "示范县住房和城乡建设局",
    "office": "示范县人民政府办公室",
    "topic": "幸福小区暖气不热",
    "count": 5,
    "basis": "相似留言集中",
    "window_start": "2026年11月4日",
    "window_end": "2026年12月3日",
    "messages": [{"code": "LY2026-ABCD-EFGH", "received": "2026年12月1日", "subject": "幸福小区暖气不热"}],
    "feedback_due": "2026年12月17日",
}
_MARK = "\u27e6%s\u27e7"
_UNKNOWN = re.compile("\u27e6(.*?)\u27e7")


def shipped_template() -> str:
    source = get_template(SHIPPED).template.source
    return source.replace("{% autoescape off %}", "").replace("{% endautoescape %}", "").strip()


def template_problem(body: str) -> str | None:
    """Why `body` cannot be the template of prompt letters, in Chinese; None if it can."""
    default = Engine.get_default()
    engine = Engine(libraries=default.libraries, string_if_invalid=_MARK)
    try:
        template = engine.from_string(body)
    except TemplateSyntaxError as exc:
        return f"模板语法错误：{template_error_zh(str(exc))}"
    try:
        text = template.render(Context(SAMPLE, autoescape=False))
    except Exception:  # any failure of the sample rendering is reported to the office
        return "模板无法用示例数据生成正文：请检查过滤器的参数和 {% %} 标签的用法"
    unknown = sorted(set(_UNKNOWN.findall(text)))
    if unknown:
        names = "、".join(f"{{{{ {name} }}}}" for name in unknown)
        return f"模板使用了提示函没有的占位符：{names}（可用的占位符见下方说明）"
    if not _UNKNOWN.sub("", text).strip():
        return "模板生成的正文为空"
    return None


def draft_text(letter: PromptLetter, today: date) -> str:
    """The text of a new letter from the office's template, else the shipped one (the office
    edits it before issuing). Plain text: nothing is HTML-escaped here, every page escapes it."""
    cited = letter.messages.order_by("received_on", "pk")
    context = {
        "agency": letter.agency.name,
        "office": letter.office.name,
        "topic": letter.topic,
        "count": cited.count(),
        "basis": letter.get_basis_display(),
        "window_start": zh_date(letter.window_start),
        "window_end": zh_date(letter.window_end),
        "messages": [
            {
                "code": m.receipt_code,
                "received": zh_date(m.received_on),
                "subject": m.masked_subject or m.subject,
            }
            for m in cited
        ],
        "feedback_due": zh_date(feedback_due(today)),
    }
    own = PromptLetterTemplate.objects.filter(office_id=letter.office_id).first()
    if own is not None and template_problem(own.body) is None:
        return Template(own.body).render(Context(context, autoescape=False)).strip()
    return render_to_string(SHIPPED, context).strip()


def letter_docx(letter: PromptLetter) -> bytes:
    """The Word file of the letter as issued (GB/T 9704)."""
    return build_official_docx(
        title=letter.title or TITLE,
        number=letter.number,
        text=letter.body,
        signer=letter.office.name,
        on=letter.issued_on,
    )


_RECEIPT_CODE = re.compile(r"\bLY\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


def public_text(text: str) -> str:
    """What the portal shows of a letter or its feedback: personal data masked, and the receipt
    codes of the cited messages hidden (with the last four phone digits they open the writer's
    status page; the agency needs them, the public does not)."""
    return _RECEIPT_CODE.sub(lambda m: m.group()[:7] + "****-****", mask_text(text))
