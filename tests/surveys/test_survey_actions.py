"""Staff's side of a survey: its window, its questions, opening, closing, publishing and reviewing —
each refusal matched by its message, each change audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.surveys import actions
from gongkai.surveys.models import Answer, Response, Review, State

from .conftest import CLOSES, NOW, OPENS, answer_directly, build_survey, fields
from .portal_helpers import form_key, submit

pytestmark = pytest.mark.django_db

WINDOWS = [
    # (case, opens, closes, refusal or None)
    ("close before open", OPENS, OPENS - timedelta(days=1), "截止时间应晚于开始时间"),
    ("close equal to open", OPENS, OPENS, "截止时间应晚于开始时间"),
    ("no close", OPENS, None, "请填写截止时间"),
    ("no open", None, CLOSES, "请填写开始时间"),
    ("one minute", OPENS, OPENS + timedelta(minutes=1), None),
]


@pytest.mark.parametrize(("case", "opens", "closes", "refusal"), WINDOWS, ids=[w[0] for w in WINDOWS])
def test_the_window(county, li_ming, case, opens, closes, refusal):
    def create():
        return actions.create_survey(
            li_ming, agency=county.finance, title="调查", opens_at=opens, closes_at=closes
        )

    if refusal:
        with pytest.raises(ActionRefused, match=refusal):
            create()
        assert not AuditEntry.objects.filter(action="surveys.survey.create").exists()
    else:
        assert create().state == State.DRAFT


def test_close_before_open_through_the_workbench_keeps_what_was_typed(county, li_ming):
    client = Client()
    client.force_login(li_ming)
    response = client.post(
        "/workbench/surveys/new/",
        {
            "agency": county.finance.pk,
            "title": "窗口服务满意度调查",
            "opens_at": "2026-03-10T09:00",
            "closes_at": "2026-03-05T09:00",
            "rule": "phone",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "截止时间应晚于开始时间" in page and "窗口服务满意度调查" in page


def test_a_survey_without_questions_cannot_open(county, li_ming):
    survey = actions.create_survey(
        li_ming, agency=county.finance, title="空调查", opens_at=OPENS, closes_at=CLOSES
    )
    with pytest.raises(ActionRefused, match="调查还没有题目，请先添加题目"):
        actions.open_survey(li_ming, survey)


QUESTION_REFUSALS = [
    ("single with one option", "single", "题目", ["只有一个"], "选择题至少需要两个不同的选项"),
    ("multiple with duplicates", "multiple", "题目", ["甲", "甲"], "选择题至少需要两个不同的选项"),
    ("no text", "rating", "  ", [], "请填写题目"),
    ("unknown kind", "ranking", "题目", [], "请选择题型"),
    ("too many options", "single", "题目", [f"选项{i}" for i in range(21)], "选项不能超过20个（现有21个）"),
]


@pytest.mark.parametrize(
    ("case", "kind", "text", "options", "refusal"), QUESTION_REFUSALS, ids=[q[0] for q in QUESTION_REFUSALS]
)
def test_bad_questions(draft, li_ming, case, kind, text, options, refusal):
    before = draft.questions.count()
    with pytest.raises(ActionRefused, match=refusal):
        actions.add_question(li_ming, draft, kind=kind, text=text, options=options)
    assert draft.questions.count() == before


def test_questions_are_frozen_once_open(phone_survey, li_ming):
    question = phone_survey.questions.first()
    with pytest.raises(ActionRefused, match="调查已发布，不能再修改题目"):
        actions.add_question(li_ming, phone_survey, kind="rating", text="新题")
    with pytest.raises(ActionRefused, match="调查已发布，不能再修改题目"):
        actions.delete_question(li_ming, question)
    with pytest.raises(ActionRefused, match="调查已发布，不能再修改答卷限制方式"):
        actions.update_survey(
            li_ming, phone_survey, title=phone_survey.title, opens_at=OPENS, closes_at=CLOSES, rule="browser"
        )


STATES = [
    # (action, from state, refusal)
    ("close", State.DRAFT, "调查当前状态为“草稿”，不能结束调查（仅在征集中时可以）"),
    ("publish", State.OPEN, "调查当前状态为“征集中”，不能公布结果（仅在已结束时可以）"),
    ("open", State.CLOSED, "调查当前状态为“已结束”，不能发布调查（仅在草稿时可以）"),
]


@pytest.mark.parametrize(("action", "state", "refusal"), STATES)
def test_the_workflow_table(draft, li_ming, wang_fang, action, state, refusal):
    draft.state = state
    draft.save()
    function = {
        "open": actions.open_survey,
        "close": actions.close_survey,
        "publish": actions.publish_results,
    }
    with pytest.raises(ActionRefused, match=refusal):
        function[action](wang_fang if action == "publish" else li_ming, draft)


def test_a_clerk_cannot_publish(phone_survey, li_ming):
    actions.close_survey(li_ming, phone_survey)
    with pytest.raises(ActionRefused, match="公布结果需要以下角色之一：审核人、审发人、主管部门"):
        actions.publish_results(li_ming, phone_survey)


def test_answering_a_closed_survey(phone_survey, browser_survey, li_ming):
    actions.close_survey(li_ming, browser_survey)
    client = Client()
    page = client.get(f"/surveys/{browser_survey.pk}/").content.decode()
    assert "本次调查已结束，不再接受答卷" in page and "提交答卷" not in page
    response = submit(client, browser_survey, fields(browser_survey), key="k")
    assert "本次调查已结束" in response.content.decode()
    with pytest.raises(ActionRefused, match="本次调查不在征集时间内，不能提交"):
        answer_directly(browser_survey, "voter", "key")
    assert Response.objects.count() == 0


def test_answering_after_the_close_time_before_staff_close(browser_survey, march):
    client = Client()
    key = form_key(client, browser_survey)
    march.move_to(CLOSES + timedelta(seconds=1))
    response = submit(client, browser_survey, fields(browser_survey), key=key)
    assert "本次调查已结束，不再接受答卷" in response.content.decode()
    assert Response.objects.count() == 0


def test_the_job_closes_expired_surveys_once(browser_survey, phone_survey, march):
    march.move_to(CLOSES + timedelta(minutes=5))
    call_command("surveys_close", "--dry-run")
    assert browser_survey.__class__.objects.filter(state=State.OPEN).count() == 2
    call_command("surveys_close")
    call_command("surveys_close")
    assert AuditEntry.objects.filter(action="surveys.survey.close").count() == 2


def test_publishing_waits_for_every_free_text_answer(phone_survey, li_ming, wang_fang):
    answer_directly(phone_survey, "v1", "k1", text="建议增加周末服务，联系人张三，电话13812345678。")
    answer_directly(phone_survey, "v2", "k2", text="网站上的表格下载很方便。")
    actions.close_survey(li_ming, phone_survey)
    with pytest.raises(ActionRefused, match="还有2条问答题回答未审核"):
        actions.publish_results(wang_fang, phone_survey)
    first, second = Answer.objects.filter(review=Review.PENDING).order_by("pk")
    assert "13812345678" not in first.text_public and "张三" not in first.text_public
    actions.review_answer(
        li_ming, first, approve=True, text_public="建议增加周末服务，联系人张三，电话13812345678。"
    )
    actions.review_answer(li_ming, second, approve=False)
    first.refresh_from_db()
    assert "13812345678" not in first.text_public  # the reviewer cannot unmask
    actions.publish_results(wang_fang, phone_survey)
    assert phone_survey.__class__.objects.get().state == State.PUBLISHED
    with pytest.raises(ActionRefused, match="调查结果已公布，不能再修改审核结果"):
        actions.review_answer(li_ming, second, approve=True)


def test_every_change_is_audited(phone_survey, li_ming, wang_fang):
    answer_directly(phone_survey, "v1", "k1", text="")
    actions.close_survey(li_ming, phone_survey)
    actions.publish_results(wang_fang, phone_survey)
    codes = list(
        AuditEntry.objects.filter(action__startswith="surveys.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert codes == [
        "surveys.survey.create",
        *["surveys.question.create"] * 4,
        "surveys.survey.open",
        "surveys.response.submit",
        "surveys.survey.close",
        "surveys.survey.publish",
    ]


def test_opening_a_survey_whose_close_time_passed(county, li_ming, march):
    survey = build_survey(li_ming, county.finance)
    march.move_to(CLOSES + timedelta(hours=1))
    with pytest.raises(ActionRefused, match="截止时间已过，请先修改截止时间"):
        actions.open_survey(li_ming, survey)
    assert NOW < CLOSES
