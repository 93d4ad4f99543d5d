"""Demo data of 网上调查 (issue #11): 县卫健局's closed survey of the township clinics with 300
responses (phone rule) and its published results, and the county government's open survey of next
year's 民生实事 (one per browser). Built through the real actions, in the past where it was past."""

from __future__ import annotations

import random
from datetime import timedelta

import time_machine
from django.utils import timezone

from gongkai.agencies.models import Staff
from gongkai.surveys import actions
from gongkai.surveys.models import Answer, Review, Rule, Survey

CLOSED_TITLE = "示范县基层医疗卫生服务满意度调查"
OPEN_TITLE = "示范县2027年民生实事项目征集调查"
RESPONSES = 300

CLINIC_QUESTIONS = [
    ("single", "您最近一次就诊的机构", True, ["乡镇卫生院", "村卫生室", "社区卫生服务中心", "县级医院"]),
    (
        "multiple",
        "您认为最需要改进的方面（可多选）",
        False,
        ["候诊时间", "药品种类", "医生水平", "收费透明", "环境卫生"],
    ),
    ("rating", "您对基层医疗卫生服务的总体满意度", True, []),
    ("text", "您的意见和建议", False, []),
]
PROJECT_QUESTIONS = [
    (
        "multiple",
        "您希望2027年优先办理哪些民生实事（可多选）",
        True,
        ["老旧小区改造", "农村道路", "学校扩容", "养老服务", "停车设施"],
    ),
    ("rating", "您对2026年民生实事完成情况的评价", True, []),
    ("text", "您建议的其他民生实事", False, []),
]
# Weights of the options (the survey is made up; the shape of the answers should look real).
WEIGHTS = {"您最近一次就诊的机构": [5, 3, 2, 2], "您认为最需要改进的方面（可多选）": [6, 5, 3, 2, 2]}
SUGGESTIONS = [
    "希望卫生院周末也能开放门诊。",
    "村卫生室的常用药经常缺货，建议增加配送次数。",
    "候诊时间太长，建议推行分时段预约。",
    "医生态度很好，服务耐心。",
    "希望增加中医理疗项目。",
    "建议在卫生院公示收费标准和医保报销比例。",
    "我是河口镇的王大军，电话13905391234，村卫生室晚上没人值班，希望解决。",
    "卫生院厕所需要改造。",
    "家庭医生签约后很少随访，希望落实。",
    "广告：专业代办各类证件，加微信详谈。",  # hidden by the reviewer
]


def _staff(username: str) -> Staff:
    return Staff.objects.get(username=username)


def _questions(actor, survey: Survey, spec) -> None:
    for kind, text, required, options in spec:
        actions.add_question(actor, survey, kind=kind, text=text, required=required, options=options)


def _sheet(rng: random.Random, survey: Survey) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for q in survey.questions.prefetch_related("options"):
        options = list(q.options.all())
        if q.kind == "single":
            data[q.field_name] = [str(rng.choices(options, WEIGHTS.get(q.text))[0].pk)]
        elif q.kind == "multiple":
            weights = WEIGHTS.get(q.text) or [1] * len(options)
            chosen = {o.pk for o, w in zip(options, weights, strict=True) if rng.random() < w / 10}
            data[q.field_name] = [str(pk) for pk in chosen]
        elif q.kind == "rating":
            data[q.field_name] = [str(rng.choices([1, 2, 3, 4, 5], [1, 2, 5, 9, 7])[0])]
        elif rng.random() < 0.12:
            data[q.field_name] = [rng.choice(SUGGESTIONS)]
    return data


def _closed_survey(agencies, out) -> None:
    clerk, reviewer = _staff("wjj_clerk"), _staff("wjj_reviewer")
    start = timezone.localtime(timezone.now() - timedelta(days=60)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    end = start + timedelta(days=30)
    rng = random.Random(11)
    with time_machine.travel(start, tick=False) as traveller:
        survey = actions.create_survey(
            clerk,
            agency=agencies["wjj"],
            title=CLOSED_TITLE,
            intro="为了解群众对乡镇卫生院、村卫生室等基层医疗卫生服务的评价，改进服务，特开展本次调查。"
            "调查结果将在本网站公布，并作为年度工作改进的依据。",
            opens_at=start,
            closes_at=end,
            rule=Rule.PHONE,
        )
        _questions(clerk, survey, CLINIC_QUESTIONS)
        actions.open_survey(clerk, survey)
        for i in range(RESPONSES):
            traveller.move_to(
                start + timedelta(minutes=int(i * 30 * 24 * 60 / RESPONSES) + rng.randint(0, 90))
            )
            voter = actions.voter_key(survey, Rule.PHONE, f"139{i:08d}")
            actions.submit_response(
                survey, data=_sheet(rng, survey), voter=voter, idempotency_key=f"demo-{i}"
            )
        traveller.move_to(end + timedelta(minutes=1))
        actions.close_survey(None, survey, note="截止时间已到，自动结束")
        traveller.move_to(end + timedelta(days=3))
        for answer in Answer.objects.filter(question__survey=survey, review=Review.PENDING):
            actions.review_answer(reviewer, answer, approve="广告" not in answer.text)
        actions.publish_results(reviewer, survey)
    out.write(f"网上调查：{CLOSED_TITLE}（{RESPONSES}份答卷，结果已公布）。")


def _open_survey(agencies, out) -> None:
    clerk = _staff("xzfb_clerk")
    now = timezone.now()
    survey = actions.create_survey(
        clerk,
        agency=agencies["xzfb"],
        title=OPEN_TITLE,
        intro="县政府每年确定并办好一批民生实事。欢迎您提出2027年最希望办理的民生实事，"
        "征集结果将作为县政府确定民生实事项目的参考。",
        opens_at=now - timedelta(days=2),
        closes_at=timezone.localtime(now + timedelta(days=28)).replace(
            hour=18, minute=0, second=0, microsecond=0
        ),
        rule=Rule.BROWSER,
    )
    _questions(clerk, survey, PROJECT_QUESTIONS)
    actions.open_survey(clerk, survey)
    out.write(f"网上调查：{OPEN_TITLE}（征集中，每个浏览器限答一次）。")


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
    if not Survey.objects.filter(title=CLOSED_TITLE).exists():
        _closed_survey(agencies, out)
    if not Survey.objects.filter(title=OPEN_TITLE).exists():
        _open_survey(agencies, out)
