"""A year of 依申请公开 in the demo county, made through the real actions.

Every state of the workflow and every outcome row of 表三 occurs, some cases are overdue, some
were received just before National Day (2026-10-01..07) or the Spring Festival (2026-02-15..23),
and a few replies were appealed, so that the annual-report tables are full and balance.
Idempotent: each demo application has a fixed idempotency key; those that exist are skipped.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.applications import actions
from gongkai.applications.models import Application, FeeMethod, PauseKind
from gongkai.applications.outcomes import OUTCOMES, letter_placeholders
from gongkai.common.identifiers import make_credit_code, make_resident_id
from gongkai.workdays.services import current_calendar

from .county import demo_name, demo_username

AGENCIES = ["czj", "zjj", "jyj", "sthjj", "scjgj", "wjj", "cgz", "xzfb"]
KINDS = ["natural"] * 6 + ["business", "business", "research", "charity", "legal_service", "other_org"]
TOPICS = [
    "2026年部门预算及“三公”经费预算情况",
    "某小区旧城改造项目征收补偿方案",
    "县城区学校学区划分依据",
    "某企业建设项目环境影响评价批复",
    "2025年食品安全抽检结果",
    "乡镇卫生院建设项目招标文件",
    "城关镇农村低保名单及发放标准",
    "县政府常务会议纪要（2026年第5次）",
    "保障性住房分配方案及分配结果",
    "行政事业性收费项目目录",
]
# (state the case ends in, how many per agency)
FLOW_STATES = [
    "received",
    "accepted",
    "correction",
    "in_progress",
    "paused",
    "fee_pending",
    "reasons_pending",
    "extension_requested",
    "extended",
    "drafted",
    "reviewed",
    "archived",
]


def _person(i: int, kind: str) -> dict:
    if kind == "natural":
        birth = date(1960, 1, 1) + timedelta(days=(i * 397) % 15000)
        number = make_resident_id(f"370999{birth:%Y%m%d}{i % 1000:03d}")
        return {
            "kind": kind,
            "name": demo_name(i + 40),
            "identity_number": number,
            "phone": f"139{10000000 + i * 7919:08d}"[:11],
            "address": f"示范县城关镇人民路{i % 90 + 1}号",
        }
    number = make_credit_code(f"91370999MA{i:07d}"[:17])
    return {
        "kind": kind,
        "name": f"示范县{demo_name(i)}{'律师事务所' if kind == 'legal_service' else '有限公司'}",
        "identity_number": number,
        "phone": f"0539-8{i % 1000000:06d}",
        "address": f"示范县经济开发区{i % 30 + 1}号",
        "contact_person": demo_name(i + 3),
    }


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _after(day: date, n: int) -> date:
    return current_calendar().add_workdays(day, n).due


def _close(outcome: str, app: Application, people: dict, on: date) -> None:
    clerk, reviewer, signer = people["clerk"], people["reviewer"], people["signer"]
    if outcome == "other_no_correction":
        actions.request_correction(
            clerk, app, items=["请写明所需信息的具体年份和文号"], on=_after(app.received_on, 2)
        )
        app.refresh_from_db()
        actions.lapse_correction(clerk, app, on=_after(app.correction_due_on, 1))
        return
    if outcome == "other_unpaid":
        actions.notify_fee(clerk, app, method=FeeMethod.VOLUME, pages=160, on=_after(app.received_on, 3))
        app.refresh_from_db()
        actions.lapse_fee(clerk, app, on=_after(app.fee_due_on, 1))
        return
    if outcome == "not_processed_excessive":
        actions.ask_reasons(clerk, app, on=_after(app.received_on, 2))
        actions.decide_reasons(
            clerk, app, reasonable=False, note="未说明理由", on=_after(app.received_on, 12)
        )
        return
    values = {
        "where": "邮寄纸质材料" if outcome != "not_processed_petition" else "12345政务服务便民热线",
        "reason": "《不动产登记暂行条例》规定的不动产登记资料查询"
        if outcome == "withhold_query"
        else "依法不予公开",
        "other_agency": "示范县自然资源局",
        "answered_on": "2026年3月10日",
        "corrected_on": "2026年3月2日",
    }
    values = {k: v for k, v in values.items() if k in letter_placeholders(outcome)}
    withheld = (
        [{"part": "附件中第三方个人的身份证号码和联系电话", "reason": "涉及个人隐私（条例第十五条）"}]
        if outcome == "partial"
        else []
    )
    actions.draft_reply(clerk, app, outcome=outcome, values=values, withheld=withheld)
    actions.review_reply(reviewer, app, note="同意")
    actions.send_reply(signer, app, on=on)


def _drive(state: str, app: Application, people: dict, rng: random.Random, today: date) -> None:
    clerk, signer = people["clerk"], people["signer"]
    received = app.received_on
    if state == "accepted":
        return
    if state == "correction":
        actions.request_correction(
            clerk,
            app,
            items=["请写明所需信息的名称或文号", "请补充身份证明"],
            on=min(_after(received, 3), today),
        )
        return
    actions.assign_application(clerk, app, handler=clerk)
    if state == "in_progress":
        return
    step = min(_after(received, 5), today)
    if state == "paused":
        actions.start_inquiry(clerk, app, kind=PauseKind.THIRD_PARTY, party="示范县恒达建材有限公司", on=step)
    elif state == "fee_pending":
        actions.notify_fee(clerk, app, method=FeeMethod.VOLUME, pages=rng.choice([45, 120, 260]), on=step)
    elif state == "reasons_pending":
        actions.ask_reasons(clerk, app, on=step)
    elif state == "extension_requested":
        actions.request_extension(clerk, app, days=10, reason="涉及多个科室档案，需要调取核对", on=step)
    elif state == "extended":
        actions.request_extension(clerk, app, days=15, reason="需要调取档案并征求相关科室意见", on=step)
        actions.extend_application(signer, app, on=step)
    elif state in ("drafted", "reviewed"):
        actions.draft_reply(clerk, app, outcome="disclose", values={"where": "电子邮件发送"})
        if state == "reviewed":
            actions.review_reply(people["reviewer"], app, note="同意")
    elif state == "archived":
        _close("disclose", app, people, min(_after(received, 12), today))
        actions.archive_application(clerk, app)


def _received_dates(rng: random.Random, today: date) -> list[date]:
    """Across the year, with clusters before the Spring Festival and National Day."""
    days = [date(2026, 2, d) for d in (9, 10, 12)] + [date(2026, 9, d) for d in (24, 28, 29)]
    start = date(2025, 12, 15)
    span = (today - start).days
    days += [start + timedelta(days=rng.randrange(span)) for _ in range(10)]
    return [d if d.weekday() < 5 else d - timedelta(days=d.weekday() - 4) for d in days]


def build_applications(stdout=None, *, only: tuple[str, ...] = ()) -> Counter:
    """Create the demo applications that do not exist yet; a Counter of states created.

    `only` limits the year to the agencies of those keys (a test that needs a few of each kind).

    One transaction per application: a long transaction makes every audit append slower on
    PostgreSQL (the chain head row is updated each time), and a rerun resumes where it stopped."""
    today = timezone.localdate()
    created: Counter = Counter()
    outcomes = [o.code for o in OUTCOMES]
    supervisor = _staff("xzfb", Role.SUPERVISOR)
    n = 0
    for a_index, key in enumerate(AGENCIES):
        if only and key not in only:
            continue
        agency: Agency = _staff(key, Role.CLERK).agency
        people = {r: _staff(key, getattr(Role, r.upper())) for r in ("clerk", "reviewer", "signer")}
        rng = random.Random(2026 + a_index)
        plan = [("close", outcomes[(a_index * 3 + i) % len(outcomes)]) for i in range(10)]
        plan += [("carried", "disclose"), ("carried", "partial")]
        plan += [("state", s) for s in FLOW_STATES]
        plan += [("overdue", "in_progress"), ("overdue", "accepted")]
        dates = _received_dates(rng, today)
        for i, (what, detail) in enumerate(plan):
            with transaction.atomic():
                n += 1
                key_ = f"demo-application-{key}-{i}"
                if Application.objects.filter(idempotency_key=key_).exists():
                    continue
                received = dates[i % len(dates)]
                if what == "close":
                    received = min(received, today - timedelta(days=60))
                    received -= timedelta(days=max(0, received.weekday() - 4))
                if what == "carried":
                    received = date(2025, 12, 15) + timedelta(days=a_index % 5)
                if what == "overdue":
                    received = date(2026, 8, 3) + timedelta(days=7 * (a_index % 4))
                elif what == "state":
                    # open cases were received recently enough to be running, except the overdue ones
                    received = (
                        max(received, _after(today, 0) - timedelta(days=20 + i))
                        if detail != "received"
                        else received
                    )
                    received = min(received, today)
                    if received.weekday() >= 5:
                        received -= timedelta(days=received.weekday() - 4)
                applicant = _person(a_index * 100 + i, KINDS[(a_index + i) % len(KINDS)])
                request = {
                    "description": TOPICS[(a_index + i) % len(TOPICS)],
                    "doc_number": "",
                    "form_wanted": ["paper", "email", "electronic", "inspection"][i % 4],
                    "delivery": ["post", "email", "pickup", "post"][i % 4],
                }
                if detail == "received":
                    actions.submit_application(
                        agency=agency,
                        applicant=applicant,
                        request=request,
                        idempotency_key=key_,
                        submitted_on=today,
                    )
                    created["received"] += 1
                    continue
                channel = ["in_person", "registered_mail", "ordinary_mail", "fax", "email", "oral"][i % 6]
                field = {
                    "in_person": "submitted_on",
                    "oral": "submitted_on",
                    "registered_mail": "signed_on",
                }.get(channel, "confirmed_on")
                app = actions.register_application(
                    people["clerk"],
                    agency=agency,
                    channel=channel,
                    applicant=applicant,
                    request=request,
                    idempotency_key=key_,
                    **{field: received},
                )
                if what in ("close", "carried"):
                    days = 14 if what == "carried" else 8 + i % 10  # carried: closed after 元旦
                    _close(detail, app, people, min(_after(received, days), today))
                    created[detail] += 1
                    if i == 0 and a_index < 3:
                        actions.record_appeal(
                            people["clerk"],
                            app,
                            kind=["review", "lawsuit_direct", "lawsuit_after_review"][a_index],
                            filed_on=min(_after(received, 30), today),
                            result=["upheld", "pending", "corrected"][a_index],
                            decided_on=min(_after(received, 60), today) if a_index != 1 else None,
                        )
                else:
                    _drive(detail, app, people, rng, today)
                    created[detail] += 1
                    if what == "overdue":
                        actions.supervise_application(
                            supervisor, app, note="该申请已超过法定答复期限，请立即办理并报告原因"
                        )
    return created
