"""Reading 网上调查: the staff's scoped lists, the public lists, the results (totals, percentages,
charts, rating averages, approved free text), the metric and the 待办 items."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.scope import scoped
from gongkai.common.charts import bar_chart
from gongkai.common.todo import TodoItem

from .models import RATING_MAX, RATING_MIN, Answer, Question, QuestionKind, Response, Review, State, Survey

# ---------------------------------------------------------------- staff


def surveys_for(user):
    return scoped(user, Survey.objects.select_related("agency"))


def get_survey_or_404(user, pk: int) -> Survey:
    return get_object_or_404(surveys_for(user), pk=pk)


def staff_list(user):
    """The user's surveys with their response and pending-review counts, in two queries at most."""
    return surveys_for(user).annotate(
        n_responses=Count("responses", distinct=True),
    )


def response_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey).count()


def pending_counts(survey_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        Answer.objects.filter(question__survey_id__in=list(survey_ids), review=Review.PENDING)
        .values_list("question__survey_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("options"))


def text_answers(survey: Survey, review: str | None = None):
    qs = Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT).select_related(
        "question"
    )
    if review:
        qs = qs.filter(review=review)
    return qs.order_by("question__order", "pk")


# ---------------------------------------------------------------- public


def public_surveys():
    """Surveys the portal lists: every survey that has been opened, newest first."""
    return Survey.objects.exclude(state=State.DRAFT).select_related("agency")


def open_surveys(now: datetime | None = None):
    now = now or timezone.now()
    return public_surveys().filter(state=State.OPEN, opens_at__lte=now, closes_at__gt=now)


def public_survey_or_404(pk: int) -> Survey:
    return get_object_or_404(public_surveys(), pk=pk)


# ---------------------------------------------------------------- results


@dataclass
class OptionResult:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question: Question
    answered: int  # responses that answered this question
    options: list[OptionResult] = field(default_factory=list)
    average: float | None = None
    chart: str = ""
    texts: list[str] = field(default_factory=list)
    texts_total: int = 0  # approved answers (texts holds at most TEXTS_SHOWN of them)


@dataclass
class Results:
    survey: Survey
    responses: int
    questions: list[QuestionResult]


TEXTS_SHOWN = 50


def _pct(n: int, of: int) -> float:
    return round(100 * n / of, 1) if of else 0.0


def results(survey: Survey, *, public: bool = True) -> Results:
    """Every question's figures in a fixed number of queries (not one per question)."""
    questions = questions_of(survey)
    total = response_count(survey)
    answers = Answer.objects.filter(question__survey=survey)
    answered = dict(
        answers.values_list("question_id").annotate(n=Count("response_id", distinct=True)).order_by()
    )
    per_option = dict(
        answers.filter(option__isnull=False).values_list("option_id").annotate(n=Count("pk")).order_by()
    )
    per_rating = {
        (q, r): n
        for q, r, n in answers.filter(rating__isnull=False)
        .values_list("question_id", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    }
    averages = dict(
        answers.filter(rating__isnull=False).values_list("question_id").annotate(a=Avg("rating")).order_by()
    )
    texts: dict[int, list[str]] = {}
    text_totals = dict(
        answers.filter(review=Review.APPROVED).values_list("question_id").annotate(n=Count("pk")).order_by()
    )
    for qid, text in (
        answers.filter(review=Review.APPROVED).order_by("pk").values_list("question_id", "text_public")
    ):
        bucket = texts.setdefault(qid, [])
        if len(bucket) < TEXTS_SHOWN:
            bucket.append(text)
    out = []
    for q in questions:
        n = answered.get(q.pk, 0)
        r = QuestionResult(question=q, answered=n)
        if q.has_options:
            r.options = [
                OptionResult(o.label, per_option.get(o.pk, 0), _pct(per_option.get(o.pk, 0), n))
                for o in q.options.all()
            ]
            r.chart = bar_chart(
                [(o.label, o.count) for o in r.options],
                title=f"{q.text}（人次）",
                unit="人次",
                chart_id=f"chart-{q.pk}",
            )
        elif q.kind == QuestionKind.RATING:
            r.options = [
                OptionResult(f"{v}分", per_rating.get((q.pk, v), 0), _pct(per_rating.get((q.pk, v), 0), n))
                for v in range(RATING_MIN, RATING_MAX + 1)
            ]
            avg = averages.get(q.pk)
            r.average = round(float(avg), 2) if avg is not None else None
            r.chart = bar_chart(
                [(o.label, o.count) for o in r.options],
                title=f"{q.text}（人次）",
                unit="人次",
                chart_id=f"chart-{q.pk}",
            )
        else:
            r.texts = texts.get(q.pk, [])
            r.texts_total = text_totals.get(q.pk, 0)
        out.append(r)
    return Results(survey=survey, responses=total, questions=out)


# ---------------------------------------------------------------- metric and 待办


def metric_responses(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Responses received per agency of the survey between `start` and `end` (inclusive)."""
    tz = timezone.get_current_timezone()
    qs = Response.objects.filter(
        submitted_at__gte=datetime.combine(start, time.min, tzinfo=tz),
        submitted_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )
    if agency_ids is not None:
        qs = qs.filter(survey__agency_id__in=list(agency_ids))
    return dict(qs.values_list("survey__agency_id").annotate(n=Count("pk")).order_by())


def todo_items(user) -> list[TodoItem]:
    """Free-text answers to review, and closed surveys whose results are not published yet."""
    from .workflow import MANAGERS

    if not (user.is_superuser or user.has_role(*MANAGERS)):
        return []
    items = []
    mine = surveys_for(user).filter(state__in=[State.OPEN, State.CLOSED])
    pending = pending_counts(mine.values_list("pk", flat=True))
    for survey in mine.filter(Q(pk__in=list(pending)) | Q(state=State.CLOSED)):
        status = f"{pending[survey.pk]}条回答待审核" if pending.get(survey.pk) else "待公布结果"
        items.append(
            TodoItem(
                title=f"网上调查：{survey.title}",
                url=reverse("surveys_staff:detail", args=[survey.pk]),
                agency=survey.agency.display_name,
                status=status,
            )
        )
    return items
