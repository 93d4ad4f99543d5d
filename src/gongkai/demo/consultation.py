"""Demo data of 重大决策与征求意见 (issue #11): the county's 2026 decision catalog, one consultation open
now with comments on its paragraphs (some shown, some held, some waiting), and one closed three weeks
ago with online and offline comments, waiting for its adoption report (`consultation_report` adds the
dispositions, the report and the adopted decision).

Everything goes through the real actions, at the moments it would have happened (time-machine, as
the messages demo does). Running it twice adds nothing: a consultation whose title exists is skipped.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import time_machine
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.consultation import actions
from gongkai.consultation.models import Channel, Comment, Consultation, DecisionItem

from .county import demo_username

CATALOG = [
    ("制定示范县城区养犬管理办法", "zjj", 6, True, True),
    ("制定示范县城区公共停车场管理办法", "zjj", 9, True, False),
    ("编制示范县“十五五”教育事业发展规划", "jyj", 10, True, False),
    ("调整示范县城乡居民基本医疗保险财政补助标准", "czj", 7, True, True),
    ("制定示范县突发事件应急预案管理办法", "yjglj", 8, True, False),
    ("划定示范县饮用水水源保护区", "sthjj", 11, True, True),
    ("实施示范县老旧小区改造三年行动计划", "zjj", 12, True, False),
    ("制定示范县政府性债务风险应急处置预案", "czj", 12, False, False),
]

DOGS = "示范县城区养犬管理办法（征求意见稿）"
DOGS_TEXT = """第一章　总则
第一条　为了规范城区养犬行为，保障公民人身安全和健康，维护市容环境和社会公共秩序，根据《中华人民共和国动物防疫法》等法律法规，结合本县实际，制定本办法。
第二条　本办法适用于本县城区范围内的养犬和养犬管理活动。
第三条　县住房和城乡建设局是城区养犬管理的主管部门，负责组织实施本办法。
公安、农业农村、市场监管等部门按照各自职责做好养犬管理相关工作。
第二章　养犬登记
第四条　城区实行养犬登记制度。养犬人应当自取得犬只之日起三十日内，为犬只办理登记。
第五条　每户限养一只犬。禁止在城区饲养烈性犬、大型犬。
第六条　养犬登记有效期为一年。有效期届满需要继续饲养的，养犬人应当在届满前三十日内办理延续手续。
第三章　养犬行为规范
第七条　养犬人携犬出户时，应当遵守下列规定：
（一）为犬只佩戴犬牌并束犬链，犬链长度不得超过一点五米；
（二）由完全民事行为能力人牵领，主动避让行人；
（三）即时清除犬只排泄的粪便。
第八条　禁止携犬进入机关、学校、医院、商场、公园等公共场所。
第四章　法律责任
第九条　违反本办法第七条规定的，由县住房和城乡建设局责令改正，可以处五十元以上二百元以下罚款。
第十条　本办法自2026年10月1日起施行。"""
DOGS_COMMENTS = [
    # (paragraph number or None, body, display name, channel, moderation)
    (
        8,
        "每户限养一只太严格了，建议按住房面积区分，或者允许登记后饲养两只。",
        "老城区居民",
        Channel.ONLINE,
        "approve",
    ),
    (8, "支持每户限养一只，小区里狗太多，晚上叫得睡不着。", "", Channel.ONLINE, "approve"),
    (8, "建议列出禁养犬只品种目录，否则“大型犬”标准不清楚。", "王先生", Channel.ONLINE, "approve"),
    (11, "犬链长度一点五米是否合适？建议参考其他城市定为两米以内。", "", Channel.ONLINE, "approve"),
    (11, "清理粪便的规定很好，建议增加公共区域设置拾便袋箱的要求。", "", Channel.ONLINE, "approve"),
    (12, "公园禁止带狗不合理，建议划定遛狗区域或者分时段开放。", "养犬爱好者", Channel.ONLINE, "approve"),
    (
        14,
        "罚款太低，起不到作用，建议提高到五百元。我的电话13905391234，欢迎联系。",
        "张三",
        Channel.ONLINE,
        "approve",
    ),
    (None, "建议办法中明确流浪犬收容的责任部门和经费来源。", "", Channel.ONLINE, "pending"),
    (None, "点击 www.dog-sale.example.com 购买名犬，价格优惠", "", Channel.ONLINE, "held"),
    (
        7,
        "宠物诊所代表：建议登记与狂犬病免疫证明联网办理，减少群众跑腿。",
        "某宠物诊所",
        Channel.SYMPOSIUM,
        "approve",
    ),
    (9, "来信建议登记有效期改为三年，每年办理太麻烦。", "城关镇居民", Channel.LETTER, "approve"),
    (
        None,
        "听证会上多名代表提出，应当先开展宣传教育，设置半年过渡期再处罚。",
        "听证代表",
        Channel.HEARING,
        "approve",
    ),
    (8, "电子邮件：饲养烈性犬的认定应当由专业机构作出。", "", Channel.EMAIL, "hide"),
]

PARKING = "示范县城区公共停车场管理办法（征求意见稿）"
PARKING_TEXT = """第一条　为了加强城区公共停车场管理，规范停车秩序，缓解停车难问题，根据有关法律法规，结合本县实际，制定本办法。
第二条　本办法所称公共停车场，是指为社会车辆提供停放服务的场所，包括独立建设的停车场和建筑物配建的对外开放停车场。
第三条　县住房和城乡建设局负责城区公共停车场的规划建设和监督管理。
第四条　新建住宅小区应当按照每户不少于一个车位的标准配建停车位。
第五条　公共停车场实行政府指导价管理，收费标准应当在入口处显著位置公示。
鼓励机关、企事业单位在节假日向社会开放内部停车场。
第六条　医院、学校周边道路可以施划限时停车泊位，限时停车不超过三十分钟。
第七条　本办法自发布之日起施行。"""
PARKING_COMMENTS = [
    (4, "老小区根本没有车位，建议利用边角地块建设立体停车场。", "", "approve"),
    (5, "建议前十五分钟免费，方便群众临时停车办事。", "李女士", "approve"),
    (5, "收费标准要公开透明，建议在县政府网站上公布每个停车场的价格。", "", "approve"),
    (6, "支持机关单位周末开放停车场，希望明确开放时间。", "", "approve"),
    (7, "学校门口接送孩子三十分钟不够，建议放学时段延长到四十五分钟。", "家长", "approve"),
    (None, "整体支持，建议同步出台违停处罚细则。", "", "pending"),
    (5, "顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶", "", "held"),
    (7, "我家住人民路12号，门口天天被占道停车，电话13605391111，请尽快处理。", "", "pending"),
]
EXPLANATION = {
    DOGS: {
        "background": "近年来城区养犬数量快速增长，犬只扰民、伤人和污染环境等问题群众反映较多，需要以规范性文件予以规范。",
        "basis": "《中华人民共和国动物防疫法》《山东省动物防疫条例》等法律法规。",
        "main_content": "征求意见稿共四章十条，主要规定了管理职责、养犬登记、养犬行为规范和法律责任。",
    },
    PARKING: {
        "background": "城区机动车保有量持续增长，停车供需矛盾突出，需要统筹规划建设和管理公共停车场。",
        "basis": "《中华人民共和国道路交通安全法》及有关规定。",
        "main_content": "征求意见稿共七条，明确了管理职责、配建标准、收费公示、错时开放和限时停车等内容。",
    },
}


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _catalog(agencies, clerk: Staff) -> dict[str, DecisionItem]:
    government = agencies["xzf"]
    items = {}
    for order, (title, lead, month, consult, hearing) in enumerate(CATALOG, start=1):
        item = DecisionItem.objects.filter(government=government, year=2026, title=title).first()
        items[title] = item or actions.create_decision_item(
            clerk,
            government=government,
            year=2026,
            title=title,
            lead_agency=agencies[lead],
            planned_on=date(2026, month, 28),
            consultation_planned=consult,
            hearing_planned=hearing,
            sort_order=order,
        )
    return items


def _consultation(agencies, title, text, item, opens_on, traveller) -> Consultation:
    clerk, reviewer = _staff("zjj", Role.CLERK), _staff("zjj", Role.REVIEWER)
    agency = agencies["zjj"]
    traveller.move_to(_moment(opens_on - timedelta(days=3), 9))
    c = actions.create_consultation(
        clerk,
        agency=agency,
        title=title,
        draft_text=text,
        decision_item=item,
        opens_on=opens_on,
        letter_address=f"{agency.address}（邮编276000），信封注明“{title[:-7]}意见”",
        email="zjj-yijian@example.gov.cn",
        fax="0539-8100004",
        phone=agency.phone,
        **EXPLANATION[title],
    )
    c = actions.submit_consultation(clerk, c)
    traveller.move_to(_moment(opens_on - timedelta(days=2), 15))
    c = actions.approve_consultation(reviewer, c, note="同意发布")
    traveller.move_to(_moment(opens_on, 9))
    return actions.open_consultation(clerk, c)


def _moderate(reviewer: Staff, comment: Comment, decision: str) -> None:
    if decision == "approve":
        actions.approve_comment(reviewer, comment)
    elif decision == "hide":
        actions.hide_comment(reviewer, comment, "内容与草案条文无直接关系的部分已转相关部门研究，不予公开")


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
    # 县政府办公室's supervisor keeps the government's catalog.
    items = _catalog(agencies, _staff("xzfb", Role.SUPERVISOR))
    reviewer, zjj_clerk = _staff("zjj", Role.REVIEWER), _staff("zjj", Role.CLERK)
    today = timezone.localdate()
    made = []
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        if not Consultation.objects.filter(title=DOGS).exists():
            opens_on = today - timedelta(days=50)
            c = _consultation(
                agencies, DOGS, DOGS_TEXT, items["制定示范县城区养犬管理办法"], opens_on, traveller
            )
            for n, (para, body, name, channel, decision) in enumerate(DOGS_COMMENTS):
                day = opens_on + timedelta(days=1 + n * 2)
                traveller.move_to(_moment(day, 10 + n % 8))
                if channel == Channel.ONLINE:
                    comment, _new = actions.submit_comment(
                        c, body=body, phone=f"1390539{n:04d}", display_name=name, paragraph=para,
                        idempotency_key=f"demo-dogs-{n}",
                    )  # fmt: skip
                else:
                    comment = actions.enter_offline_comment(
                        zjj_clerk,
                        c,
                        channel=channel,
                        body=body,
                        received_on=day,
                        paragraph=para,
                        display_name=name,
                    )
                traveller.move_to(_moment(day + timedelta(days=1), 9))
                _moderate(reviewer, comment, decision)
            traveller.move_to(_moment(c.closes_on + timedelta(days=1), 0) + timedelta(minutes=5))
            actions.close_due_consultations()
            made.append(DOGS)
        if not Consultation.objects.filter(title=PARKING).exists():
            opens_on = today - timedelta(days=10)
            c = _consultation(
                agencies,
                PARKING,
                PARKING_TEXT,
                items["制定示范县城区公共停车场管理办法"],
                opens_on,
                traveller,
            )
            for n, (para, body, name, decision) in enumerate(PARKING_COMMENTS):
                day = opens_on + timedelta(days=n)
                traveller.move_to(_moment(day, 9 + n))
                comment, _new = actions.submit_comment(
                    c, body=body, phone=f"1370539{n:04d}", display_name=name, paragraph=para,
                    idempotency_key=f"demo-parking-{n}",
                )  # fmt: skip
                if day + timedelta(days=1) <= today:
                    traveller.move_to(_moment(day + timedelta(days=1), 9))
                    _moderate(reviewer, comment, decision)
            made.append(PARKING)
    out.write(f"重大决策与征求意见：目录{len(items)}项，新建征求意见{len(made)}项（已有的不重复建立）。")
    try:
        from .consultation_report import build_report
    except ImportError:  # the adoption report's demo is not installed
        return
    build_report(agencies, out)
