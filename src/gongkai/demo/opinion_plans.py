"""Demo data of 舆情 (plans part): four watch plans — the county office's, 县教育局's and 县生态环境局's —
made by each agency's opinion analyst through the real actions; running it twice adds nothing. Each plan is matched against
the month of demo posts when it is saved (after commit)."""

from __future__ import annotations

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.opinion import actions_plans, planmatch
from gongkai.opinion.models import WatchPlan

PLANS = [
    {
        "owner": "xzfb",
        "name": "校园食品安全",
        "region": "示范县 城关镇 东关街道 南山乡",
        "subject": "学校 幼儿园 食堂 校园 学生",
        "event": "食品安全 食物中毒 变质 发霉 异味 拉肚子 呕吐",
        "exclude": "广告 招聘",
    },
    {
        "owner": "jyj",
        "name": "涉校安全",
        "subject": "学校 幼儿园 校车 学生",
        "event": "超载 欺凌 溺水 坠楼 打人",
        "exclude": "广告",
        "expression": "{主体} NEAR/20 {事件} NOT {排除}",
    },
    {
        "owner": "sthjj",
        "name": "生态环境",
        "subject": "排污 废气 污水 粉尘 臭味 噪音",
        "event": "污染 刺鼻 死鱼 黑水 扰民 超标",
        "expression": '({主体} AND {事件}) OR "偷排" OR title:(环保 NEAR/6 投诉)',
    },
    {
        "owner": "xzfb",
        "name": "欠薪讨薪（排除广告）",
        "subject": "工资 工钱 劳务费",
        "event": "拖欠 讨薪 欠薪 不给",
        "exclude": "广告 代理 律师事务所",
    },
]


def build(agencies, out) -> None:
    made = 0
    for data in PLANS:
        owner = agencies[data["owner"]]
        if WatchPlan.objects.filter(owner=owner, name=data["name"]).exists():
            continue
        analyst = Staff.objects.get(username=demo_username(data["owner"], Role.OPINION_ANALYST))
        plan = actions_plans.create_plan(analyst, data)
        planmatch.rematch_plan(plan.pk)  # at once, not by the worker: the demo shows its matches now
        made += 1
    out.write(f"舆情监测方案：新建 {made} 个\n")
