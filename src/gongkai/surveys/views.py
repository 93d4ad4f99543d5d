"""The workbench pages of 网上调查 (/workbench/surveys/): the list, a survey with its questions
and results, the survey and question forms, the review of free-text answers and the exports.
Opening, closing and publishing go through the generic workflow view (`urls.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.agencies.scope import staff_view
from gongkai.common.errors import ActionRefused
from gongkai.common.params import param_choice

from . import actions, exports, queries
from .forms import QuestionForm, ReviewForm, SurveyForm
from .models import Question, Review, State
from .workflow import MANAGERS, SURVEYS

NAV = "surveys"


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@staff_view(*MANAGERS)
def survey_list(request):
    state = param_choice(request.GET.get("state"), State.values)
    qs = queries.staff_list(request.user).order_by("-created_at", "-pk")
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    pending = queries.pending_counts(s.pk for s in page)
    rows = [(s, pending.get(s.pk, 0)) for s in page]
    return render(
        request,
        "surveys/wb_list.html",
        {
            "nav": NAV,
            "rows": rows,
            "page_obj": page,
            "states": State.choices,
            "state": state,
            "query_string": f"state={state}" if state else "",
        },
    )


@staff_view(*MANAGERS)
def survey_new(request):
    form = SurveyForm(request.POST or None, user=request.user, initial={"rule": "phone"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            survey = actions.create_survey(
                request.user,
                agency=d["agency"],
                title=d["title"],
                intro=d["intro"],
                opens_at=d["opens_at"],
                closes_at=d["closes_at"],
                rule=d["rule"],
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "调查已创建，请添加题目")
            return redirect("surveys_staff:detail", pk=survey.pk)
    return render(request, "surveys/wb_form.html", {"nav": NAV, "form": form, "heading": "新建网上调查"})


@staff_view(*MANAGERS)
def survey_edit(request, pk: int):
    survey = queries.get_survey_or_404(request.user, pk)
    locked = survey.state != State.DRAFT
    initial = {
        "agency": survey.agency_id,
        "title": survey.title,
        "intro": survey.intro,
        "opens_at": timezone.localtime(survey.opens_at),
        "closes_at": timezone.localtime(survey.closes_at),
        "rule": survey.rule,
    }
    form = SurveyForm(request.POST or None, user=request.user, rule_locked=locked, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.update_survey(
                request.user,
                survey,
                title=d["title"],
                intro=d["intro"],
                opens_at=d["opens_at"],
                closes_at=d["closes_at"],
                rule=d.get("rule"),
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "调查已修改")
            return redirect("surveys_staff:detail", pk=survey.pk)
    return render(
        request, "surveys/wb_form.html", {"nav": NAV, "form": form, "survey": survey, "heading": "修改调查"}
    )


@staff_view(*MANAGERS)
def survey_detail(request, pk: int):
    survey = queries.get_survey_or_404(request.user, pk)
    results = queries.results(survey)
    pending = queries.pending_counts([survey.pk]).get(survey.pk, 0)
    return render(
        request,
        "surveys/wb_detail.html",
        {
            "nav": NAV,
            "survey": survey,
            "results": results,
            "pending": pending,
            "transitions": SURVEYS.available(request.user, survey),
            "editable": survey.state == State.DRAFT,
        },
    )


def _question_of(request, pk: int, qid: int) -> Question:
    survey = queries.get_survey_or_404(request.user, pk)
    return get_object_or_404(survey.questions.prefetch_related("options"), pk=qid)


@staff_view(*MANAGERS)
def question_form(request, pk: int, qid: int | None = None):
    survey = queries.get_survey_or_404(request.user, pk)
    question = _question_of(request, pk, qid) if qid else None
    initial = {"kind": "single", "required": True}
    if question is not None:
        initial = {
            "kind": question.kind,
            "text": question.text,
            "required": question.required,
            "order": question.order,
            "options": "\n".join(o.label for o in question.options.all()),
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if question is None:
                actions.add_question(
                    request.user,
                    survey,
                    kind=d["kind"],
                    text=d["text"],
                    required=d["required"],
                    options=form.option_lines(),
                )
            else:
                actions.update_question(
                    request.user,
                    question,
                    kind=d["kind"],
                    text=d["text"],
                    required=d["required"],
                    options=form.option_lines(),
                    order=d.get("order"),
                )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "题目已保存")
            return redirect("surveys_staff:detail", pk=survey.pk)
    if question is None:
        del form.fields["order"]
    return render(
        request,
        "surveys/wb_question.html",
        {"nav": NAV, "form": form, "survey": survey, "question": question},
    )


@staff_view(*MANAGERS)
def question_delete(request, pk: int, qid: int):
    """GET asks for confirmation; POST deletes (only while the survey is a draft)."""
    question = _question_of(request, pk, qid)
    if request.method == "POST":
        try:
            actions.delete_question(request.user, question)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "题目已删除")
        return redirect("surveys_staff:detail", pk=pk)
    return render(
        request,
        "surveys/wb_question_delete.html",
        {"nav": NAV, "survey": question.survey, "question": question},
    )


REVIEW_VIEWS = {"pending": Review.PENDING, "approved": Review.APPROVED, "hidden": Review.HIDDEN}


@staff_view(*MANAGERS)
def review(request, pk: int):
    survey = queries.get_survey_or_404(request.user, pk)
    show = param_choice(request.GET.get("show"), tuple(REVIEW_VIEWS)) or "pending"
    if request.method == "POST":
        answer = get_object_or_404(queries.text_answers(survey), pk=request.POST.get("answer") or 0)
        form = ReviewForm(request.POST)
        form.is_valid()
        approve = request.POST.get("decision") == "approve"
        try:
            actions.review_answer(
                request.user,
                answer,
                approve=approve,
                text_public=form.cleaned_data.get("text_public") or None,
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已通过，结果公布后显示" if approve else "已设为不予显示")
        return redirect(f"{request.path}?show={show}")
    qs = queries.text_answers(survey, REVIEW_VIEWS[show])
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    counts = dict(queries.text_answers(survey).values_list("review").annotate(n=Count("pk")).order_by())
    return render(
        request,
        "surveys/wb_review.html",
        {
            "nav": NAV,
            "survey": survey,
            "page_obj": page,
            "show": show,
            "tabs": [(key, label, counts.get(value, 0)) for key, label, value in _tabs()],
            "query_string": f"show={show}",
        },
    )


def _tabs():
    return [
        ("pending", "待审核", Review.PENDING),
        ("approved", "已通过", Review.APPROVED),
        ("hidden", "不予显示", Review.HIDDEN),
    ]


def _export_name(survey, ext: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=survey-{survey.pk}.{ext}; filename*=UTF-8''{quote(survey.title)}.{ext}"


@staff_view(*MANAGERS)
def export(request, pk: int, fmt: str):
    survey = queries.get_survey_or_404(request.user, pk)
    if fmt == "csv":
        response = HttpResponse(exports.survey_csv(survey), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.survey_xlsx(survey, queries.results(survey)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = _export_name(survey, fmt)
    response["Cache-Control"] = "no-store"
    return response
