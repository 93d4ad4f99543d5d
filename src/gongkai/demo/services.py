"""Demo data of 办事服务 (issue #14): power lists of three departments (县市场监管局 with two versions,
so the portal shows a diff), enforcement decisions (published in time, one published late, one
overdue, one waiting), service guides (one missing elements) and a few cases for 办件查询. Built
through the real actions; running it twice adds nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.services import actions
from gongkai.services.models import PowerList

LAW = {
    "scjgj": "《中华人民共和国食品安全法》",
    "zjj": "《建设工程质量管理条例》",
    "sthjj": "《中华人民共和国环境保护法》",
}
ITEMS = {
    "scjgj": [
        ("食品经营许可", "licensing", "《中华人民共和国食品安全法》第三十五条"),
        ("对生产经营不符合食品安全标准的食品的处罚", "penalty", "《中华人民共和国食品安全法》第一百二十四条"),
        ("查封、扣押不符合食品安全标准的食品", "coercion", "《中华人民共和国食品安全法》第一百一十条"),
        ("食品安全监督检查", "inspection", "《中华人民共和国食品安全法》第一百一十条"),
        ("个体工商户登记", "confirmation", "《促进个体工商户发展条例》第八条"),
    ],
    "zjj": [
        ("建筑工程施工许可", "licensing", "《中华人民共和国建筑法》第七条"),
        ("对未取得施工许可证擅自施工的处罚", "penalty", "《建设工程质量管理条例》第五十七条"),
        ("建设工程质量监督检查", "inspection", "《建设工程质量管理条例》第四十七条"),
    ],
    "sthjj": [
        ("建设项目环境影响评价文件审批", "licensing", "《中华人民共和国环境影响评价法》第二十二条"),
        ("对超标排放污染物的处罚", "penalty", "《中华人民共和国大气污染防治法》第九十九条"),
        ("查封、扣押造成污染物排放的设施设备", "coercion", "《中华人民共和国环境保护法》第二十五条"),
    ],
}


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _item(name: str, kind: str, basis: str, agency) -> dict:
    return {
        "name": name,
        "kind": kind,
        "basis": basis,
        "implementer": agency.name,
        "duties": "受理责任、审查责任、决定责任、送达责任、事后监管责任",
        "accountability": "对符合条件的不予受理或者不在法定期限内作出决定的；对不符合条件的予以批准的",
    }


def _power_lists(agencies, today) -> None:
    for key, items in ITEMS.items():
        agency = agencies[key]
        clerk, reviewer = _staff(key, Role.CLERK), _staff(key, Role.REVIEWER)
        pl = actions.start_power_list(clerk, agency, note="按照县委编办统一部署，梳理公布部门权责清单")
        for name, kind, basis in items:
            actions.add_power_item(clerk, pl, **_item(name, kind, basis, agency))
        actions.submit_power_list(clerk, pl)
        actions.publish_power_list(reviewer, pl, published_on=today - timedelta(days=200))
    # 县市场监管局 adjusts its list: one item cancelled, one basis amended, one item added.
    agency = agencies["scjgj"]
    clerk, reviewer = _staff("scjgj", Role.CLERK), _staff("scjgj", Role.REVIEWER)
    pl = actions.start_power_list(
        clerk, agency, note="根据《促进个体工商户发展条例》施行和食品安全法修正调整"
    )
    items = {i.name: i for i in pl.items.all()}
    actions.remove_power_item(clerk, items["个体工商户登记"])
    actions.update_power_item(
        clerk,
        items["食品经营许可"],
        **_item(
            "食品经营许可",
            "licensing",
            "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》第六条",
            agency,
        ),
    )
    actions.add_power_item(
        clerk,
        pl,
        **_item("对食品生产经营者的信用奖励", "reward", "《中华人民共和国食品安全法》第一百一十三条", agency),
    )
    actions.submit_power_list(clerk, pl)
    actions.publish_power_list(reviewer, pl, published_on=today - timedelta(days=20))


def _decisions(agencies, today) -> None:
    clerk = _staff("scjgj", Role.CLERK)
    agency = agencies["scjgj"]
    rows = [
        # (kind, number, party kind, party, days ago decided, days ago published or None)
        ("licensing", "示市监食许〔2026〕118号", "organisation", "示范县惠民超市有限公司", 60, 57),
        ("penalty", "示市监罚〔2026〕21号", "person", "王建国", 45, 43),
        ("penalty", "示市监罚〔2026〕22号", "organisation", "示范县味美餐饮店", 40, 20),  # published late
        ("coercion", "示市监强〔2026〕5号", "organisation", "示范县佳禾食品厂", 30, 26),
        ("penalty", "示市监罚〔2026〕31号", "person", "刘红梅", 25, None),  # overdue
        ("licensing", "示市监食许〔2026〕160号", "person", "陈小兵", 1, None),  # on the clock
    ]
    for kind, number, party_kind, party, ago, published_ago in rows:
        decided = today - timedelta(days=ago)
        d = actions.record_enforcement_decision(
            clerk,
            agency=agency,
            kind=kind,
            number=number,
            party_kind=party_kind,
            party=party,
            facts=f"经查，{party}在经营活动中存在违法行为，执法人员于{decided:%Y年%m月%d日}现场检查时发现。"
            if kind != "licensing"
            else f"{party}申请食品经营许可，材料齐全，符合法定条件。",
            basis=LAW["scjgj"],
            result="准予许可，有效期五年。"
            if kind == "licensing"
            else f"对{party}作出警告并处罚款人民币五千元的决定。",
            decided_on=decided,
        )
        if published_ago is not None:
            actions.publish_enforcement_decision(clerk, d, on=today - timedelta(days=published_ago))
    d = actions.record_enforcement_decision(
        _staff("zjj", Role.CLERK),
        agency=agencies["zjj"],
        kind="penalty",
        number="示建罚〔2026〕9号",
        party_kind="organisation",
        party="示范县宏达建筑工程有限公司",
        facts="该公司承建的项目未取得施工许可证擅自施工。",
        basis=LAW["zjj"],
        result="责令停止施工，处工程合同价款百分之一的罚款。",
        decided_on=today - timedelta(days=15),
    )
    actions.publish_enforcement_decision(_staff("zjj", Role.CLERK), d, on=today - timedelta(days=12))


GUIDE = {
    "conditions": "符合法定条件的申请人",
    "materials": "1. 申请书\n2. 申请人身份证明\n3. 相关证明材料",
    "hours": "工作日上午9:00-12:00，下午13:30-17:00（法定节假日除外）",
    "procedure": "1. 申请\n2. 受理\n3. 审查\n4. 决定\n5. 送达",
    "time_limit": "法定20个工作日，承诺10个工作日",
    "fees": "不收费",
}


def _guides(agencies) -> list:
    rows = [
        ("scjgj", "食品经营许可", "市场监管", "licensing", "《中华人民共和国食品安全法》第三十五条", {}),
        ("scjgj", "个体工商户设立登记", "市场监管", "confirmation", "《促进个体工商户发展条例》", {}),
        ("zjj", "建筑工程施工许可证核发", "住房建设", "licensing", "《中华人民共和国建筑法》第七条", {}),
        # missing 办理地点 and 联系电话: flagged for self-inspection
        (
            "sthjj",
            "建设项目环境影响报告表审批",
            "生态环境",
            "licensing",
            "《中华人民共和国环境影响评价法》",
            {"location": "", "phone": ""},
        ),
    ]
    made = []
    for key, name, theme, kind, basis, blanks in rows:
        agency = agencies[key]
        fields = {
            **GUIDE,
            "theme": theme,
            "power_kind": kind,
            "basis": basis,
            "location": f"示范县政务服务中心一楼{agency.short_name}窗口",
            "phone": agency.phone,
            "faq": "问：可以网上办理吗？\n答：可以通过省政务服务网在线申请。",
            **blanks,
        }
        guide = actions.create_service_guide(_staff(key, Role.CLERK), agency=agency, name=name, **fields)
        actions.publish_service_guide(_staff(key, Role.CLERK), guide)
        made.append(guide)
    return made


def _cases(agencies, today) -> None:
    clerk = _staff("scjgj", Role.CLERK)
    tz = timezone.get_current_timezone()

    def at(days_ago: int, hour: int) -> datetime:
        return datetime.combine(today - timedelta(days=days_ago), time(hour, 0), tzinfo=tz)

    cases = [
        (
            "SJ20260001",
            "食品经营许可",
            "13800001234",
            [("受理", "已受理", 9), ("审查", "审查通过", 6), ("办结", "准予许可，证照已寄出", 3)],
        ),
        ("SJ20260002", "个体工商户设立登记", "13900005678", [("受理", "已受理", 2), ("审查", "审查中", 1)]),
        ("SJ20260003", "食品经营许可", "13700009012", [("受理", "已受理", 1)]),
    ]
    for number, service, phone, steps in cases:
        for step, status, ago in steps:
            actions.record_case_progress(
                clerk,
                agency=agencies["scjgj"],
                number=number,
                service_name=service,
                phone=phone,
                step=step,
                status=status,
                happened_at=at(ago, 10),
                received_on=today - timedelta(days=steps[0][2]),
            )


@transaction.atomic
def build(agencies, out) -> None:
    if PowerList.objects.filter(agency=agencies["scjgj"]).exists():
        out.write("办事服务：示例数据已存在。")
        return
    today = timezone.localdate()
    _power_lists(agencies, today)
    _decisions(agencies, today)
    _guides(agencies)
    _cases(agencies, today)
    out.write(
        "办事服务：3个部门的权责清单（县市场监管局有两个版本）、7条行政执法决定（1条逾期公示、1条逾期未公示）、"
        "4篇办事指南（1篇缺少要素）、3个办件（查询：SJ20260001，手机号后四位1234）。"
    )
