"""Demo data of 有条件开放, the opening plan and 需求征集 (issue #14): one conditional dataset of
县住建局 with an approved applicant (whose token has been used a few times) and a pending one; the
county's 2026 opening plan with items opened, overdue and still planned; three 需求征集 requests, two
answered. Built through the real actions; running it twice adds nothing."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.opendata import actions as catalog
from gongkai.opendata import actions_access as actions
from gongkai.opendata.models import Dataset, DatasetState, OpeningPlanItem, Openness

YEAR = 2026
CONDITIONAL_TITLE = "保障性租赁住房补贴发放统计（按社区）"
FIELDS = "month|月份|文本\ncommunity|社区|文本\nhouseholds|发放户数|数值|户\namount|发放金额|数值|元"
COMMUNITIES = ("城关社区", "东城社区", "河口社区", "新华社区", "胜利社区")


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _csv() -> bytes:
    lines = ["月份,社区,发放户数,发放金额"]
    for month in range(1, 11):
        for n, community in enumerate(COMMUNITIES):
            households = 20 + (month * 7 + n * 13) % 31
            lines.append(f"{YEAR}-{month:02d},{community},{households},{households * 450}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _conditional_dataset(agencies) -> Dataset:
    """The catalog demo's conditional dataset if it made one; else 县住建局's, released for real."""
    found = (
        Dataset.objects.filter(state=DatasetState.PUBLISHED, openness=Openness.CONDITIONAL)
        .order_by("pk")
        .first()
    )
    if found:
        return found
    key = "zjj"
    clerk = _staff(key, Role.CLERK)
    dataset = catalog.create_dataset(
        clerk,
        agency=agencies[key],
        title=CONDITIONAL_TITLE,
        summary="各社区每月保障性租赁住房补贴的发放户数和金额。",
        theme="城建住房",
        industry="公共管理、社会保障和社会组织",
        frequency="每月",
        openness=Openness.CONDITIONAL,
        openness_reason="数据涉及住房困难家庭的分布，向研究机构和公益组织有条件开放，限定用途。",
        licence="政府数据开放许可协议（署名-限定用途）",
        contact="县住建局住房保障股 0531-88880000",
    )
    catalog.set_fields(clerk, dataset, catalog.parse_fields(FIELDS))
    catalog.add_resource(clerk, dataset, title="补贴发放统计", data=_csv(), filename="subsidy.csv")
    catalog.submit_dataset(clerk, dataset)
    catalog.approve_dataset(_staff(key, Role.REVIEWER), dataset)
    return catalog.publish_dataset(_staff(key, Role.SECRECY_REVIEWER), dataset)


def _access(dataset: Dataset) -> str:
    today = timezone.localdate()
    first = actions.submit_access_application(
        dataset,
        applicant_name="周明远",
        organisation="示范市城市研究院",
        contact="zhou.mingyuan@example.org",
        purpose="研究县域住房保障政策的覆盖面和补贴强度，成果用于公开发表的研究报告。",
        period_from=today,
        period_to=date(YEAR + 1, 6, 30),
        idempotency_key="demo-access-1",
    )[0]
    reviewer = Staff.objects.filter(agency=dataset.agency, roles__role=Role.REVIEWER).order_by("pk").first()
    _app, raw = actions.approve_access_application(
        reviewer, first, reason="用途明确，同意在使用期限内调用。", daily_rows=20_000, daily_calls=200
    )
    for rows in (50, 50, 12):
        actions.record_token_use(
            first.token, dataset, rows=rows, what=f"/api/data/datasets/{dataset.pk}/rows"
        )
    actions.submit_access_application(
        dataset,
        applicant_name="陈晓",
        organisation="",
        contact="13600000000",
        purpose="撰写毕业论文，分析补贴发放的季节变化。",
        period_from=today,
        period_to=date(YEAR + 1, 3, 31),
        idempotency_key="demo-access-2",
    )
    return raw[:12]


PLAN = [
    # agency key, title, planned on, opened (dataset title to link, or "" when just opened)
    ("czj", "县级部门预算支出明细", date(YEAR, 3, 31), True),
    ("jyj", "全县中小学校名录", date(YEAR, 6, 30), True),
    ("sthjj", "空气质量小时监测数据", date(YEAR, 6, 30), True),
    ("scjgj", "市场主体登记统计", date(YEAR, 9, 30), False),
    ("wjj", "医疗机构名录", date(YEAR, 12, 31), False),
    ("zjj", "保障性租赁住房项目清单", date(YEAR, 12, 31), False),
]


def _plan(agencies) -> int:
    planner = _staff("xzfb", Role.SUPERVISOR)
    for key, title, planned_on, opened in PLAN:
        item = actions.add_plan_item(
            planner, year=YEAR, title=title, agency=agencies[key], planned_on=planned_on
        )
        if opened:
            dataset = (
                Dataset.objects.filter(agency=agencies[key], state=DatasetState.PUBLISHED)
                .order_by("pk")
                .first()
            )
            actions.open_plan_item(
                _staff(key, Role.CLERK),
                item,
                dataset=dataset,
                opened_on=min(planned_on, timezone.localdate()),
            )
    return len(PLAN)


def _requests(agencies) -> None:
    bus = actions.submit_data_request(
        agency=agencies["xzfb"],
        title="全县公交线路和站点位置",
        description="希望开放公交线路、站点名称和经纬度，方便开发出行小程序。",
        requester_name="李开发",
        contact="13900000001",
        idempotency_key="demo-request-1",
    )[0]
    actions.answer_data_request(
        _staff("xzfb", Role.CLERK),
        bus,
        outcome="will_open",
        answer="已列入明年数据开放计划，预计第二季度开放公交站点数据。",
    )
    schools = actions.submit_data_request(
        agency=agencies["jyj"],
        title="学校招生范围",
        description="请开放各小学、初中的招生范围（学区）数据。",
        requester_name="王家长",
        contact="wang@example.com",
        idempotency_key="demo-request-2",
    )[0]
    listed = (
        Dataset.objects.filter(agency=agencies["jyj"], state=DatasetState.PUBLISHED).order_by("pk").first()
    )
    actions.answer_data_request(
        _staff("jyj", Role.CLERK),
        schools,
        outcome="already_open" if listed else "will_open",
        answer="学校名录已开放，招生范围随每年招生政策公布，将在名录中增加学区字段。",
        dataset=listed,
    )
    actions.submit_data_request(
        agency=agencies["sthjj"],
        title="重点排污单位自动监测数据",
        description="希望按日开放重点排污单位的自动监测数据。",
        requester_name="环保志愿者",
        contact="13700000002",
        idempotency_key="demo-request-3",
    )


@transaction.atomic
def build(agencies, out) -> None:
    if OpeningPlanItem.objects.filter(year=YEAR).exists():
        out.write("数据开放服务：演示数据已存在。")
        return
    dataset = _conditional_dataset(agencies)
    prefix = _access(dataset)
    n = _plan(agencies)
    _requests(agencies)
    out.write(
        f"数据开放服务：有条件开放数据集《{dataset.title}》已批准1件申请（令牌{prefix}…）、待审1件；"
        f"{YEAR}年数据开放计划{n}项；需求征集3件（已答复2件）。"
    )
