"""Every write of 网上调查: surveys and their questions (staff), opening, closing and publishing the
results (the workflow table in `workflow.py`), reviewing free-text answers, and a response from the
public. Each runs in a transaction and writes its audit row; a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import crypto
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import clean_text
from gongkai.common.inputs import checked_text
from gongkai.ingest.masking import mask_text

from .answers import check_answers
from .models import Answer, Option, Question, QuestionKind, Response, Review, Rule, State, Survey
from .workflow import MANAGERS, SURVEYS

SURVEY_FIELDS = ["agency", "title", "intro", "opens_at", "closes_at", "rule", "state"]
QUESTION_FIELDS = ["kind", "text", "required", "order"]
TITLE_MAX, INTRO_MAX, QUESTION_MAX, OPTION_MAX, OPTIONS_MAX = 100, 3000, 300, 100, 20

ALREADY_ANSWERED = {
    Rule.PHONE: "该手机号码已经参与过本次调查，每个手机号码只能参与一次。感谢您的参与，本次提交未保存。",
    Rule.BROWSER: "您在本浏览器上已经参与过本次调查，每个浏览器只能参与一次。感谢您的参与，本次提交未保存。",
}


def _audit(actor, action: str, target, survey: Survey, before=None, after=None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"surveys.{action}",
        target=target,
        agency=survey.agency,
        before=before,
        after=after,
        note=note,
    )


def _manager(actor, survey: Survey | None = None, agency: Agency | None = None) -> None:
    if actor is None:
        return
    if not (actor.is_superuser or actor.has_role(*MANAGERS)):
        raise ActionRefused("管理网上调查需要信息公开工作人员、审核人、网络回应人或主管部门角色")
    agency = agency or (survey.agency if survey else None)
    if agency is None or not can_see_agency(actor, agency):
        raise ActionRefused("该机关不在您的工作范围内", field="agency")


def _text(value, what: str, field: str, limit: int, *, required: bool = True) -> str:
    return checked_text(value, what, field, limit=limit, required=required, clean=True)


def _window(opens_at: datetime | None, closes_at: datetime | None) -> tuple[datetime, datetime]:
    if opens_at is None:
        raise ActionRefused("请填写开始时间", field="opens_at")
    if closes_at is None:
        raise ActionRefused("请填写截止时间", field="closes_at")
    if closes_at <= opens_at:
        raise ActionRefused("截止时间应晚于开始时间", field="closes_at")
    return opens_at, closes_at


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("agency").get(pk=survey.pk)


def _editable(survey: Survey, what: str = "题目") -> None:
    if survey.state != State.DRAFT:
        raise ActionRefused(f"调查已发布，不能再修改{what}（只有草稿状态的调查可以修改{what}）")


# ---------------------------------------------------------------- surveys


@transaction.atomic
def create_survey(
    actor,
    *,
    agency: Agency | None,
    title: str,
    intro: str = "",
    opens_at: datetime | None,
    closes_at: datetime | None,
    rule: str = Rule.PHONE,
) -> Survey:
    if agency is None:
        raise ActionRefused("请选择发起机关", field="agency")
    _manager(actor, agency=agency)
    if rule not in Rule.values:
        raise ActionRefused("请选择答卷限制方式", field="rule")
    opens_at, closes_at = _window(opens_at, closes_at)
    survey = Survey.objects.create(
        agency=agency,
        title=_text(title, "调查标题", "title", TITLE_MAX),
        intro=_text(intro, "调查说明", "intro", INTRO_MAX, required=False),
        opens_at=opens_at,
        closes_at=closes_at,
        rule=rule,
        created_by=actor,
    )
    _audit(actor, "survey.create", survey, survey, after=snapshot(survey, SURVEY_FIELDS))
    return survey


@transaction.atomic
def update_survey(
    actor,
    survey: Survey,
    *,
    title: str,
    intro: str = "",
    opens_at: datetime | None,
    closes_at: datetime | None,
    rule: str | None = None,
) -> Survey:
    """Title, introduction and window while the survey is a draft or open; the one-response rule
    only in a draft (the responses already taken were held to the first rule)."""
    survey = _lock(survey)
    _manager(actor, survey)
    if survey.state not in (State.DRAFT, State.OPEN):
        raise ActionRefused("调查已结束，不能再修改")
    before = snapshot(survey, SURVEY_FIELDS)
    opens_at, closes_at = _window(opens_at, closes_at)
    if rule is not None and rule != survey.rule:
        if survey.state != State.DRAFT:
            raise ActionRefused("调查已发布，不能再修改答卷限制方式", field="rule")
        if rule not in Rule.values:
            raise ActionRefused("请选择答卷限制方式", field="rule")
        survey.rule = rule
    if survey.state == State.OPEN and closes_at <= timezone.now():
        raise ActionRefused("征集中的调查，截止时间应晚于现在；要提前结束请使用“结束调查”", field="closes_at")
    survey.title = _text(title, "调查标题", "title", TITLE_MAX)
    survey.intro = _text(intro, "调查说明", "intro", INTRO_MAX, required=False)
    survey.opens_at, survey.closes_at = opens_at, closes_at
    survey.save()
    _audit(actor, "survey.update", survey, survey, before=before, after=snapshot(survey, SURVEY_FIELDS))
    return survey


def _go(actor, survey: Survey, action: str) -> str:
    transition = SURVEYS.check(actor, survey, action)
    return SURVEYS.target(survey, transition)


@transaction.atomic
def open_survey(actor, survey: Survey) -> Survey:
    survey = _lock(survey)
    target = _go(actor, survey, "open")
    questions = list(survey.questions.prefetch_related("options"))
    if not questions:
        raise ActionRefused("调查还没有题目，请先添加题目")
    for q in questions:
        if q.has_options and len(q.options.all()) < 2:
            raise ActionRefused(f"第{q.order}题“{q.text}”至少需要两个选项")
    now = timezone.now()
    if survey.closes_at <= now:
        raise ActionRefused("截止时间已过，请先修改截止时间", field="closes_at")
    before = snapshot(survey, SURVEY_FIELDS)
    survey.state, survey.opened_at = target, now
    survey.save(update_fields=["state", "opened_at"])
    _audit(actor, "survey.open", survey, survey, before=before, after=snapshot(survey, SURVEY_FIELDS))
    return survey


@transaction.atomic
def close_survey(actor, survey: Survey, *, note: str = "") -> Survey:
    """Stop taking responses (staff, early or on time; or the scheduled job, `actor` None)."""
    survey = _lock(survey)
    target = _go(actor, survey, "close")
    before = snapshot(survey, SURVEY_FIELDS)
    survey.state, survey.closed_at = target, timezone.now()
    survey.save(update_fields=["state", "closed_at"])
    _audit(
        actor, "survey.close", survey, survey, before=before, after=snapshot(survey, SURVEY_FIELDS), note=note
    )
    return survey


@transaction.atomic
def publish_results(actor, survey: Survey) -> Survey:
    survey = _lock(survey)
    target = _go(actor, survey, "publish")
    pending = Answer.objects.filter(question__survey=survey, review=Review.PENDING).count()
    if pending:
        raise ActionRefused(f"还有{pending}条问答题回答未审核，请先审核（通过或不予显示）后再公布结果")
    before = snapshot(survey, SURVEY_FIELDS)
    survey.state, survey.published_at = target, timezone.now()
    survey.save(update_fields=["state", "published_at"])
    _audit(actor, "survey.publish", survey, survey, before=before, after=snapshot(survey, SURVEY_FIELDS))
    return survey


def close_expired(*, now: datetime | None = None, dry_run: bool = False) -> list[Survey]:
    """Close every open survey past its close time (the `surveys_close` job); idempotent."""
    now = now or timezone.now()
    due = list(Survey.objects.filter(state=State.OPEN, closes_at__lte=now).order_by("pk"))
    if not dry_run:
        for survey in due:
            close_survey(None, survey, note="截止时间已到，自动结束")
    return due


# ---------------------------------------------------------------- questions


def _options(kind: str, options: Sequence[str]) -> list[str]:
    if kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return []
    labels = list(dict.fromkeys(clean_text(o).strip() for o in options if clean_text(o or "").strip()))
    if len(labels) < 2:
        raise ActionRefused("选择题至少需要两个不同的选项（每行一个）", field="options")
    if len(labels) > OPTIONS_MAX:
        raise ActionRefused(f"选项不能超过{OPTIONS_MAX}个（现有{len(labels)}个）", field="options")
    long = next((o for o in labels if len(o) > OPTION_MAX), None)
    if long:
        raise ActionRefused(f"每个选项不能超过{OPTION_MAX}字（“{long[:20]}…”过长）", field="options")
    return labels


def _question_input(kind: str, text: str, options: Sequence[str]) -> tuple[str, list[str]]:
    if kind not in QuestionKind.values:
        raise ActionRefused("请选择题型", field="kind")
    return _text(text, "题目", "text", QUESTION_MAX), _options(kind, options)


@transaction.atomic
def add_question(
    actor, survey: Survey, *, kind: str, text: str, required: bool = True, options: Sequence[str] = ()
) -> Question:
    survey = _lock(survey)
    _manager(actor, survey)
    _editable(survey)
    text, labels = _question_input(kind, text, options)
    order = (survey.questions.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    question = Question.objects.create(
        survey=survey, kind=kind, text=text, required=bool(required), order=order
    )
    Option.objects.bulk_create(
        Option(question=question, label=label, order=i) for i, label in enumerate(labels, 1)
    )
    _audit(actor, "question.create", question, survey, after=_question_snapshot(question))
    return question


@transaction.atomic
def update_question(
    actor,
    question: Question,
    *,
    kind: str,
    text: str,
    required: bool = True,
    options: Sequence[str] = (),
    order: int | None = None,
) -> Question:
    survey = _lock(question.survey)
    _manager(actor, survey)
    _editable(survey)
    before = _question_snapshot(question)
    text, labels = _question_input(kind, text, options)
    question.kind, question.text, question.required = kind, text, bool(required)
    if order is not None:
        if order < 1:
            raise ActionRefused("序号应为正整数", field="order")
        question.order = order
    question.save()
    question.options.all().delete()  # a draft has no answers yet
    Option.objects.bulk_create(
        Option(question=question, label=label, order=i) for i, label in enumerate(labels, 1)
    )
    _audit(actor, "question.update", question, survey, before=before, after=_question_snapshot(question))
    return question


@transaction.atomic
def delete_question(actor, question: Question) -> None:
    survey = _lock(question.survey)
    _manager(actor, survey)
    _editable(survey)
    before = _question_snapshot(question)
    _audit(actor, "question.delete", question, survey, before=before)
    question.delete()


def _question_snapshot(question: Question) -> dict:
    return snapshot(question, QUESTION_FIELDS) | {"options": [o.label for o in question.options.all()]}


# ---------------------------------------------------------------- free-text answers


@transaction.atomic
def review_answer(actor, answer: Answer, *, approve: bool, text_public: str | None = None) -> Answer:
    """Approve a free-text answer for the results page (with its masked text, which the reviewer may
    mask further), or hide it. Either may be changed until the results are published."""
    answer = Answer.objects.select_for_update().select_related("question__survey__agency").get(pk=answer.pk)
    survey = answer.question.survey
    _manager(actor, survey)
    if answer.question.kind != QuestionKind.TEXT:
        raise ActionRefused("只有问答题的回答需要审核")
    if survey.state == State.PUBLISHED:
        raise ActionRefused("调查结果已公布，不能再修改审核结果")
    before = {"review": answer.review, "text_public": answer.text_public}
    if approve and text_public is not None:
        text_public = clean_text(text_public).strip()
        if not text_public:
            raise ActionRefused("请填写公开文本", field="text_public")
        # What the reviewer typed is masked again: a reviewer may mask more, never unmask.
        answer.text_public = mask_text(text_public)
    answer.review = Review.APPROVED if approve else Review.HIDDEN
    answer.reviewed_by, answer.reviewed_at = actor, timezone.now()
    answer.save(update_fields=["review", "text_public", "reviewed_by", "reviewed_at"])
    _audit(
        actor,
        "answer.approve" if approve else "answer.hide",
        answer,
        survey,
        before=before,
        after={"review": answer.review, "text_public": answer.text_public},
    )
    return answer


# ---------------------------------------------------------------- responses from the public


def voter_key(survey: Survey, rule: str, ident: str) -> str:
    """The keyed hash of a phone number or a browser identifier, for this survey only (the same
    phone gives unrelated keys in two surveys)."""
    return crypto.lookup_hash(f"survey-{rule}", str(survey.pk), ident)


def _submission_key(idempotency_key: str) -> str:
    return crypto.lookup_hash("survey-submission", idempotency_key)


def submitted_response(idempotency_key: str) -> Response | None:
    """The response a form with this key already made (Back + resubmit, a second click), or None."""
    if not idempotency_key or len(idempotency_key) > 128:
        return None
    return (
        Response.objects.select_related("survey")
        .filter(submission_key=_submission_key(idempotency_key))
        .first()
    )


def has_answered(survey: Survey, voter: str) -> bool:
    return Response.objects.filter(survey=survey, voter=voter).exists()


def submit_response(
    survey: Survey, *, data: Mapping[str, list[str]], voter: str, idempotency_key: str
) -> tuple[Response, bool]:
    """Save a response; the same form sent again returns the first response and False.

    `voter` is `voter_key(...)` of the verified phone or the browser; the view has verified it.
    A second response of the same voter is refused (the database's unique constraint decides when
    two arrive at the same instant), as is any invalid answer: nothing is saved then."""
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("表单已过期，请刷新页面后重新填写")
    existing = submitted_response(idempotency_key)
    if existing is not None:
        return existing, False
    survey = Survey.objects.select_related("agency").get(pk=survey.pk)  # its state now, not the caller's copy
    if not survey.accepting():
        raise ActionRefused("本次调查不在征集时间内，不能提交（已结束或尚未开始）")
    questions = list(survey.questions.prefetch_related("options"))
    checked = check_answers(questions, data)
    if not checked.ok:
        numbered = (
            f"第{i}题：{checked.errors[q.field_name]}"
            for i, q in enumerate(questions, 1)
            if q.field_name in checked.errors
        )
        raise ActionRefused("；".join(numbered))
    if not voter:
        raise ActionRefused("未能确认答卷人身份，请刷新页面后重试")
    if has_answered(survey, voter):
        raise ActionRefused(ALREADY_ANSWERED[survey.rule])
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, voter=voter, rule=survey.rule, submission_key=_submission_key(idempotency_key)
            )
            Answer.objects.bulk_create(_answer_rows(response, questions, checked.answers))
            record_audit(
                actor=None,
                action="surveys.response.submit",
                target=response,
                agency=survey.agency,
                after={"survey": survey.pk, "answers": len(checked.answers)},
            )
    except IntegrityError:
        again = submitted_response(idempotency_key)
        if again is not None:
            return again, False
        raise ActionRefused(ALREADY_ANSWERED[survey.rule]) from None
    return response, True


def _answer_rows(response: Response, questions: list[Question], answers: dict) -> list[Answer]:
    rows = []
    for q in questions:
        value = answers.get(q.pk)
        if value is None:
            continue
        if q.kind == QuestionKind.TEXT:
            rows.append(
                Answer(
                    response=response,
                    question=q,
                    text=value,
                    text_public=mask_text(value),
                    review=Review.PENDING,
                )
            )
        elif q.kind == QuestionKind.RATING:
            rows.append(Answer(response=response, question=q, rating=value))
        else:
            rows.extend(Answer(response=response, question=q, option_id=pk) for pk in value)
    return rows


def pending_reviews(surveys) -> int:
    return Answer.objects.filter(Q(question__survey__in=surveys), review=Review.PENDING).count()
