"""Half a year of 留言办理 in the demo county, made through the real actions with the clock moved.

Each message follows a timeline (written, dispatched, perhaps returned and re-dispatched, assigned,
answered, reviewed, sent, published, rated, perhaps reopened and answered again) whose steps fall on
working days after its receipt; the timeline stops at today, so recent messages are still open and
old ones are closed. Some are answered late, some wait on purpose — overdue, and a few approaching
the 3-month veto line; hotline calls and 12345 tickets are among them, and a few are spam marked
invalid. The clock is moved with time-machine for each step, so every date, deadline and audit row
is what it would have been. Idempotent: each demo message has a fixed idempotency key (or 12345
ticket id); those that exist are skipped.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.common import crypto
from gongkai.common.errors import ActionRefused
from gongkai.interaction import actions, scorecard
from gongkai.interaction.models import Mailbox, Message, State
from gongkai.workdays.services import current_calendar

from .county import demo_name, demo_username

SHANGHAI = ZoneInfo("Asia/Shanghai")
COUNT = 320
DAYS_BACK = 170
LEADS = ["czj", "zjj", "jyj", "sthjj", "scjgj", "yjglj", "wjj", "cgz", "hkz", "dcjd"]
# (agency key, kind, subject, body) — what people of a county write about.
TOPICS = {
    "czj": [
        ("inquiry", "种粮补贴发放时间", "请问今年的耕地地力保护补贴什么时候发放到一卡通？"),
        ("inquiry", "惠民补贴资金查询", "家里的惠民补贴一直没到账，请问在哪里可以查询发放记录？"),
    ],
    "zjj": [
        (
            "complaint",
            "小区电梯长期故障",
            "幸福家园小区3号楼电梯坏了一个多月，物业一直不修，老人上下楼很困难。",
        ),
        ("complaint", "工地夜间施工噪音", "人民路北侧工地每天晚上十一点后还在施工，严重影响休息。"),
        ("suggestion", "老旧小区加装电梯", "建议对城关镇老旧小区加装电梯给予补贴，并简化审批手续。"),
    ],
    "jyj": [
        ("inquiry", "小学入学划片", "请问今年县实验小学的招生范围是否有调整？"),
        ("suggestion", "校门口交通安全", "建议在第二中学门口上下学时段安排交警疏导交通。"),
    ],
    "sthjj": [
        ("complaint", "河道排污", "河口镇东侧河道有不明污水排放，水面发黑有异味。"),
        ("complaint", "饭店油烟扰民", "人民路一家饭店油烟直排居民楼，多次反映未解决。"),
    ],
    "scjgj": [
        ("complaint", "超市销售过期食品", "在城关镇一家超市买到过期的牛奶，商家拒绝退换。"),
        ("help", "预付卡退费", "健身房突然关门，办的会员卡无法退费，请帮助协调。"),
    ],
    "yjglj": [("suggestion", "加油站安全检查", "建议加强对城区加油站的安全检查，发现有人在站内吸烟。")],
    "wjj": [
        ("inquiry", "疫苗接种时间", "请问县妇幼保健院儿童疫苗接种的时间和预约方式。"),
        ("help", "医保报销咨询", "母亲在市医院住院，异地就医备案怎么办理？"),
    ],
    "cgz": [
        ("complaint", "路灯不亮", "城关镇新华街路灯已经半个月不亮，晚上出行不安全。"),
        ("help", "低保申请", "家中老人患病无收入，想申请低保，请问需要哪些材料？"),
    ],
    "hkz": [("complaint", "村道破损", "河口镇李庄村通村道路破损严重，雨天无法通行。")],
    "dcjd": [("suggestion", "增设健身器材", "建议在东城街道文化广场增设健身器材。")],
}
SPAM = ("suggestion", "推广", "低价代办各类证件，联系微信，保证通过。")


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


class _Timeline:
    """Steps on working days after receipt; `step(n)` moves the clock there, or says the step lies
    after the present (the message stays where it is)."""

    def __init__(self, traveller, received: datetime, now: datetime):
        self.traveller, self.day, self.now, self.hour = traveller, received.date(), now, 9

    def step(self, workdays: int = 0) -> bool:
        if workdays:
            self.day = current_calendar().add_workdays(self.day, workdays).due
            self.hour = 9
        self.hour = min(self.hour + 1, 17)
        moment = _at(self.day, self.hour)
        if moment >= self.now:
            return False
        self.traveller.move_to(moment)
        return True


def _writer(i: int) -> dict:
    return {
        "writer_name": demo_name(i + 200),
        "writer_phone": f"137{20000000 + i * 7919 % 10000000:08d}"[:11],
    }


def _plan(rng: random.Random) -> dict:
    """What happens to one message (a timeline that the present may cut short)."""
    roll = rng.random()
    return {
        "returned": roll < 0.08,  # misrouted first, returned, re-dispatched
        "reply_after": rng.choice([1, 2, 2, 3, 3, 4, 5, 5] + ([7, 9] if rng.random() < 0.25 else [])),
        "extend": rng.random() < 0.05,
        "stall": rng.random() < 0.06,  # the lead agency does nothing after assigning (overdue)
        "rating": rng.choices(["satisfied", "basically", "dissatisfied", None], [45, 20, 12, 23])[0],
        "reopen": rng.random() < 0.6,
        "publish": rng.random() < 0.9,
        # Recent messages sometimes wait at one step (every state of the workflow is in the demo).
        "stop": rng.choice(["received", "dispatched", "returned", "reviewing", "approved", None, None]),
    }


def _drive(message: Message, plan: dict, t: _Timeline, office_clerk: Staff, key: str, wrong_key: str) -> None:
    stop = plan["stop"] if message.received_on > t.now.date() - timedelta(days=10) else None
    if stop == "received":
        return
    lead, wrong = _staff(key, Role.CLERK).agency, _staff(wrong_key, Role.CLERK).agency
    clerk, reviewer, signer, responder = (
        _staff(key, Role.CLERK),
        _staff(key, Role.REVIEWER),
        _staff(key, Role.SIGNER),
        _staff(key, Role.RESPONDER),
    )
    if not t.step(1):
        return
    if plan["returned"] or stop == "returned":
        actions.dispatch_message(office_clerk, message, lead_agency=wrong)
        if not t.step(1):
            return
        actions.return_message(
            _staff(wrong_key, Role.CLERK), message, reason="该事项不属于本单位职责，请重新交办"
        )
        if not t.step(1):
            return
        actions.redispatch_message(office_clerk, message, lead_agency=lead)
    else:
        actions.dispatch_message(office_clerk, message, lead_agency=lead)
    if stop == "dispatched" or not t.step(0):
        return
    actions.assign_responder(clerk, message, responder=responder)
    if plan["stall"]:
        return
    if plan["extend"]:
        if not t.step(2):
            return
        actions.request_extension(responder, message, days=5, reason="需要现场核查并协调相关单位")
        actions.extend_message(signer, message)
    if not _answer(message, t, plan["reply_after"], responder, reviewer, plan["publish"], stop=stop):
        return
    if plan["rating"] is None or not t.step(2):
        return
    reopen = plan["rating"] == "dissatisfied" and plan["reopen"]
    actions.rate_reply(
        message,
        value=plan["rating"],
        comment="" if plan["rating"] != "dissatisfied" else "问题仍未解决",
        reopen=reopen,
    )
    if not reopen:
        return
    if not _answer(
        message, t, 3, responder, reviewer, plan["publish"], body="经再次核查，问题已解决，特此答复。"
    ):
        return
    if t.step(2):
        actions.rate_reply(message, value="satisfied")


def _answer(
    message, t: _Timeline, after: int, responder, reviewer, publish: bool, body: str = "", stop=None
) -> bool:
    if not t.step(after):
        return False
    message.refresh_from_db()
    text = body or (
        f"{message.writer_name}您好：您反映的“{message.subject}”已收悉。经核查，我单位已安排专人处理，"
        "并将持续跟踪。如有疑问请拨打本单位电话0539-8000000。感谢您的监督。"
    )
    actions.submit_reply(responder, message, body=text)
    if stop == "reviewing" or not t.step(0):
        return False
    actions.approve_reply(reviewer, message, note="同意")
    if stop == "approved":
        return False
    actions.send_reply(responder, message)
    message.refresh_from_db()
    if publish and message.public_consent:
        actions.publish_reply(reviewer, message)
    return True


def build_messages(stdout=None, *, count: int = COUNT) -> Counter:
    """Create the demo messages that do not exist yet; a Counter of the states they end in."""
    real_now = timezone.now()
    today = timezone.localdate()
    government = Agency.objects.get(name="示范县人民政府")
    actions.ensure_mailboxes(None, government)
    boxes = {m.agency_id: m for m in Mailbox.objects.select_related("agency")}
    county_box = Mailbox.objects.get(agency=government)
    office_clerk = _staff("xzfb", Role.CLERK)
    operator = _staff("xzfb", Role.CLERK)
    agencies = {key: _staff(key, Role.CLERK).agency for key in LEADS}
    existing = set(Message.objects.values_list("idempotency_key", flat=True)) | set(
        Message.objects.filter(external_ticket_id__startswith="DEMO12345-").values_list(
            "external_ticket_id", flat=True
        )
    )
    created: Counter = Counter()
    rng = random.Random(2026)
    with time_machine.travel(real_now, tick=False) as traveller, scorecard.deferred():
        for i in range(count):
            plan = _plan(rng)
            key = LEADS[i % len(LEADS)]
            kind, subject, body = rng.choice(TOPICS[key])
            back = rng.randrange(DAYS_BACK)
            # A few stay unanswered for months on purpose: near (or over) the 3-month veto line.
            if i % 53 == 7:
                back, plan["stall"] = 62 + i % 30, True
            day = today - timedelta(days=back)
            received = _at(day, 8 + rng.randrange(10), rng.randrange(60))
            channel = "web" if i % 7 not in (3, 5) else ("hotline" if i % 7 == 3 else "platform_12345")
            spam = i % 61 == 13
            ident = f"DEMO12345-{i:04d}" if channel == "platform_12345" else f"demo-message-{i:04d}"
            stored = {
                "web": lambda k: crypto.lookup_hash("message-submission", k),
                "hotline": lambda k: crypto.lookup_hash("hotline", k),
            }.get(channel, lambda k: k)(ident)
            if stored in existing or received >= real_now:
                continue
            box = boxes.get(agencies[key].pk, county_box) if rng.random() < 0.6 else county_box
            writer = _writer(i)
            consent = rng.random() < 0.8
            with transaction.atomic():  # one message per transaction: a rerun resumes where it stopped
                traveller.move_to(received)
                if spam:
                    kind, subject, body = SPAM
                if channel == "web":
                    message, _ = actions.submit_message(
                        mailbox=box,
                        kind=kind,
                        subject=subject,
                        body=f"{body}我叫{writer['writer_name']}，电话{writer['writer_phone']}。",
                        public_consent=consent,
                        idempotency_key=ident,
                        **writer,
                    )
                elif channel == "hotline":
                    message, _ = actions.register_hotline_call(
                        operator,
                        mailbox=box,
                        kind=kind,
                        subject=subject,
                        summary=f"来电人反映：{body}",
                        caller_name=writer["writer_name"],
                        caller_number=writer["writer_phone"],
                        call_time=received,
                        public_consent=consent,
                        idempotency_key=ident,
                    )
                else:
                    message, _ = actions.receive_ticket(
                        None,
                        external_ticket_id=ident,
                        mailbox=box,
                        kind=kind,
                        subject=subject,
                        body=body,
                        submitted_at=received,
                        public_consent=consent,
                        **writer,
                    )
                t = _Timeline(traveller, received, real_now)
                try:
                    if spam:
                        if t.step(1):
                            actions.mark_invalid(office_clerk, message, reason="广告信息，与政务无关")
                    else:
                        _drive(message, plan, t, office_clerk, key, LEADS[(i + 3) % len(LEADS)])
                except ActionRefused as refused:  # a demo plan the rules forbid: say so, keep the rest
                    if stdout:
                        stdout.write(f"留言 {message.receipt_code}：{refused}")
                message.refresh_from_db()
                created[message.state] += 1
    if created:
        scorecard.rebuild()
        _prompt_letter(stdout)
    return created


def _prompt_letter(stdout) -> None:
    """One prompt letter with the agency's feedback, when the prompt-letter module is there."""
    try:
        from gongkai.demo.prompt_letters import build_prompt_letter
    except ImportError:
        return
    build_prompt_letter()


def summary(created: Counter) -> str:
    labels = dict(State.choices)
    return "、".join(f"{labels[s]}{n}件" for s, n in sorted(created.items(), key=lambda kv: -kv[1]))
