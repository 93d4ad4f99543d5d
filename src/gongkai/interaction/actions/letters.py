"""Prompt letters (民意诉求反馈提示函) and routing keywords: every write, atomic and audited.

`detect_prompt_letters` (run daily by `gongkai prompt_letters`) drafts one letter per new
concentration of messages (`letters.find_concentrations`) — the alert in the office's 待办 — and
is idempotent: a concentration already covered by a letter of the same agency (the same topic, or
half of its messages already cited) adds its new messages to a draft and alerts nobody again.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.numbering import agency_code

from .. import letters
from ..letter_workflow import LETTERS
from ..models import LetterState, PromptLetter, PromptLetterTemplate, RoutingKeyword
from ._common import _now, _text, _today

FIELDS = ["state", "title", "number", "issued_on", "feedback_on", "published_at", "dismiss_reason"]
TEXT_MAX = 5000


def _audit(actor, letter: PromptLetter, event: str, before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"interaction.prompt_letter.{event}",
        target=letter,
        agency=letter.agency,
        before=before,
        after=snapshot(letter, FIELDS),
        note=note,
    )


def _lock(letter: PromptLetter) -> PromptLetter:
    return (
        PromptLetter.objects.select_for_update(of=("self",))
        .select_related("office", "agency")
        .get(pk=letter.pk)
    )


def _go(actor, letter: PromptLetter, action: str) -> str:
    return LETTERS.target(letter, LETTERS.check(actor, letter, action))


# --- detection ----------------------------------------------------------------------------------


def _covering(concentration: letters.Concentration, existing: list[PromptLetter]) -> PromptLetter | None:
    ids = set(concentration.message_ids)
    for letter in existing:
        cited = letter.cited_ids
        if letter.topic == concentration.topic or len(ids & cited) * 2 >= len(ids):
            return letter
    return None


@transaction.atomic
def detect_prompt_letters(today: date | None = None, *, dry_run: bool = False) -> list[letters.Concentration]:
    """Draft a letter for each new concentration; the new concentrations (drafted or, dry run, not)."""
    today = today or _today()
    new = []
    since = letters.window(today)[0]
    for c in letters.find_concentrations(today):
        existing = list(
            PromptLetter.objects.select_for_update()
            .filter(office_id=c.office_id, agency_id=c.agency_id, window_end__gte=since)
            .prefetch_related("messages")
        )
        for letter in existing:
            letter.cited_ids = {m.pk for m in letter.messages.all()}
        covering = _covering(c, existing)
        if covering is not None:
            added = set(c.message_ids) - covering.cited_ids
            if added and covering.state == LetterState.DRAFT and not dry_run:
                covering.messages.add(*added)
                covering.window_end = max(covering.window_end, c.window_end)
                covering.body = letters.draft_text(covering, today)
                covering.save(update_fields=["window_end", "body"])
            continue
        new.append(c)
        if dry_run:
            continue
        letter = PromptLetter.objects.create(
            office_id=c.office_id,
            agency_id=c.agency_id,
            basis=c.basis,
            topic=c.topic,
            window_start=c.window_start,
            window_end=c.window_end,
            title=letters.TITLE,
            detected_at=_now(),
        )
        letter.messages.set(c.message_ids)
        letter.body = letters.draft_text(letter, today)
        letter.save(update_fields=["body"])
        _audit(
            None,
            letter,
            "detect",
            None,
            note=f"{letter.get_basis_display()}：{c.topic}，{len(c.message_ids)}件",
        )
    return new


# --- the letter's workflow -----------------------------------------------------------------------


def _number(office: Agency, year: int) -> tuple[int, str]:
    Agency.objects.select_for_update().filter(pk=office.pk).first()  # one number at a time per office
    last = PromptLetter.objects.filter(office=office, year=year).aggregate(n=Max("seq"))["n"] or 0
    code = agency_code(office.doc_prefixes, office.short_name or office.name)
    return last + 1, f"{code}提〔{year}〕{last + 1}号"


@transaction.atomic
def issue_prompt_letter(actor: Staff, letter: PromptLetter, *, title: str, body: str) -> PromptLetter:
    """The office signs the letter out: its text as edited, a 发文字号 and today's date."""
    letter = _lock(letter)
    target = _go(actor, letter, "issue")
    title = _text(title, "标题", "title", limit=100)
    body = _text(body, "正文", "body", limit=TEXT_MAX)
    before = snapshot(letter, FIELDS)
    today = _today()
    letter.seq, letter.number = _number(letter.office, today.year)
    letter.year = today.year
    letter.title, letter.body = title, body
    letter.issued_on, letter.issued_by = today, actor
    letter.state = target
    letter.save()
    _audit(actor, letter, "issue", before, note=letter.number)
    return letter


@transaction.atomic
def dismiss_prompt_letter(actor: Staff, letter: PromptLetter, *, reason: str) -> PromptLetter:
    letter = _lock(letter)
    target = _go(actor, letter, "dismiss")
    reason = _text(reason, "理由", "reason", limit=1000)
    before = snapshot(letter, FIELDS)
    letter.dismiss_reason, letter.state = reason, target
    letter.save()
    _audit(actor, letter, "dismiss", before, note=reason)
    return letter


@transaction.atomic
def record_letter_feedback(actor: Staff, letter: PromptLetter, *, text: str) -> PromptLetter:
    """The agency's written feedback (it may correct it until the office publishes)."""
    letter = _lock(letter)
    target = _go(actor, letter, "feedback")
    text = _text(text, "反馈意见", "text", limit=TEXT_MAX)
    before = snapshot(letter, FIELDS)
    letter.feedback, letter.feedback_on, letter.feedback_by = text, _today(), actor
    letter.state = target
    letter.save()
    _audit(actor, letter, "feedback", before)
    return letter


@transaction.atomic
def publish_prompt_letter(actor: Staff, letter: PromptLetter) -> PromptLetter:
    letter = _lock(letter)
    target = _go(actor, letter, "publish")
    before = snapshot(letter, FIELDS)
    letter.published_at, letter.state = _now(), target
    letter.save()
    _audit(actor, letter, "publish", before)
    return letter


# --- routing keywords ----------------------------------------------------------------------------


def keyword_office(actor: Staff) -> Agency:
    """The office whose keywords and letter template `actor` keeps (its own agency), or a refusal."""
    if actor.agency is None or not (actor.is_superuser or actor.has_role(Role.CLERK, Role.SUPERVISOR)):
        raise ActionRefused("只有交办单位的信息公开工作人员或主管可以维护分办关键词和提示函模板")
    return actor.agency


def keyword_agencies(office: Agency):
    """The agencies an office dispatches to: its government's subtree (as the dispatch form)."""
    root = office.supervises or office
    return root.subtree().filter(is_active=True).order_by("path")


@transaction.atomic
def add_routing_keyword(actor: Staff, *, agency: Agency, word: str) -> RoutingKeyword:
    office = keyword_office(actor)
    word = _text(word, "关键词", "word", limit=20)
    if any(c.isspace() for c in word):
        raise ActionRefused("关键词不能含空格；多个关键词请分别添加", field="word")
    if not keyword_agencies(office).filter(pk=agency.pk).exists():
        raise ActionRefused(f"{agency}不在本单位的交办范围内", field="agency")
    if RoutingKeyword.objects.filter(office=office, agency=agency, word=word).exists():
        raise ActionRefused(f"“{word}”已是{agency.display_name}的关键词", field="word")
    keyword = RoutingKeyword.objects.create(office=office, agency=agency, word=word, created_by=actor)
    record_audit(
        actor=actor,
        action="interaction.routing_keyword.add",
        target=keyword,
        agency=office,
        after={"agency": agency.name, "word": word},
    )
    return keyword


@transaction.atomic
def remove_routing_keyword(actor: Staff, keyword: RoutingKeyword) -> None:
    office = keyword_office(actor)
    if keyword.office_id != office.pk:
        raise ActionRefused("只能删除本单位维护的关键词")
    record_audit(
        actor=actor,
        action="interaction.routing_keyword.remove",
        target=keyword,
        agency=office,
        before={"agency": keyword.agency.name, "word": keyword.word},
    )
    keyword.delete()


# --- the office's template of the letter ---------------------------------------------------------


@transaction.atomic
def save_letter_template(actor: Staff, *, body: str) -> PromptLetterTemplate:
    """The office's own template of its prompt letters (checked against a sample letter first)."""
    office = keyword_office(actor)
    body = _text(body, "模板正文", "body", limit=TEXT_MAX)
    problem = letters.template_problem(body)
    if problem:
        raise ActionRefused(problem, field="body")
    template = PromptLetterTemplate.objects.filter(office=office).first()
    before = {"body": template.body} if template else None
    template, _ = PromptLetterTemplate.objects.update_or_create(
        office=office, defaults={"body": body, "updated_by": actor}
    )
    record_audit(
        actor=actor,
        action="interaction.prompt_letter_template.save",
        target=template,
        agency=office,
        before=before,
        after={"body": body},
    )
    return template
