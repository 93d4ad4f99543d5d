"""Demo data of 舆情 (handling part); built through the real actions, running it twice adds nothing.

The county office's analyst (xzfb_opinion_analyst) handles six events in every grade and state: a
major one (a school canteen) answered 3.5 hours after it appeared by a document the education bureau
published, after a 会商, and closed; a major one (river pollution) that appeared 9 hours ago, unanswered and
escalated to the county office; a 特别重大 one (homebuyers gathering) assigned with its 5 hours
running; a 较大 one (unpaid wages) answered by a post on the county's WeChat account; a 一般 one
graded and waiting to be assigned; one proposed by the rules and not yet graded. Also the region ×
topic → agency table and an issued weekly report.

The events part (op-events) clusters events from posts; the handling demo writes its six events as
that clustering would leave them (title, keywords, posts, heat), so it does not depend on that part.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.opinion import actions_handling as actions
from gongkai.opinion.actions_events import count_attached_posts
from gongkai.opinion.models import Event, Post, Report, Source

# (key, title, keywords, hours since first seen, posts, heat, negative share)
EVENTS = [
    (
        "school",
        "城关中学食堂疑似食物中毒 多名学生送医观察",
        ["城关中学", "食堂", "学生", "食物中毒"],
        30,
        60,
        880.0,
        0.72,
    ),
    ("river", "河口镇化工厂夜间排污 河水发黑有异味", ["河口镇", "化工厂", "排污", "河水"], 9, 45, 640.0, 0.8),
    (
        "housing",
        "东城街道某楼盘延期交房 业主聚集维权",
        ["东城街道", "楼盘", "交房", "业主"],
        2,
        80,
        990.0,
        0.85,
    ),
    (
        "wages",
        "城关镇工地农民工讨薪 称被拖欠工资半年",
        ["城关镇", "工地", "农民工", "欠薪"],
        26,
        24,
        310.0,
        0.6,
    ),
    ("lights", "东城街道多条道路路灯不亮 居民夜间出行不便", ["东城街道", "路灯", "夜间"], 10, 8, 42.0, 0.35),
    ("parking", "县医院周边停车难 网友建议增设车位", ["县医院", "停车", "车位"], 3, 6, 25.0, 0.2),
]
RULES = [
    ("城关镇", "学校", "jyj"),
    ("", "排污", "sthjj"),
    ("", "交房", "zjj"),
    ("", "欠薪", "xzfb"),
    ("东城街道", "路灯", "dcjd"),
]


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _event(owner, source, key, title, keywords, hours, posts, heat, negative) -> Event:
    now = timezone.now()
    first = now - timedelta(hours=hours)
    event = Event.objects.create(
        owner=owner, title=title, keywords=keywords, first_seen_at=first, last_seen_at=now, created_at=first,
        post_count=posts, heat=heat, negative_share=negative, is_burst=heat > 500, burst_at=first if heat > 500 else None,
    )  # fmt: skip
    span = max((now - first).total_seconds(), 60)
    rows = []
    for i in range(posts):
        at = first + timedelta(seconds=span * (i / posts) ** 0.6)  # most posts early, as a burst spreads
        rows.append(
            Post(
                source=source,
                external_id=f"demo-handling-{key}-{i}",
                content_hash=f"demo-handling-{key}-{i}",
                title=f"{title}（网友{i + 1}）" if i else title,
                body=f"{title}。{'，'.join(keywords)}。",
                published_at=at,
                event=event,
                likes=i * 3,
                comments=i,
                shares=i // 2,
                sentiment="negative" if i < posts * negative else "neutral",
                demand="complaint" if i % 3 else "help",
            )  # fmt: skip
        )
    Post.objects.bulk_create(rows)
    count_attached_posts(event)  # its heat curve and sources, as a clustered event has them
    actions.propose_grade(event)
    event.refresh_from_db()
    return event


def _publish_document(agencies, agency_key: str, title: str, body: str):
    """Through the whole review, and the office's 上报审核 when the agency publishes through it."""
    from gongkai.publishing import actions as publishing
    from gongkai.publishing.models import State

    clerk = _staff(agency_key, Role.CLERK)
    doc = publishing.create_document(clerk, title=title, body=body)
    doc = publishing.submit_document(clerk, doc)
    for role in (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER):
        extra = {"interpretation_waiver": "情况通报，无需解读"} if role == Role.SIGNER else {}
        doc = publishing.approve_step(_staff(agency_key, role), doc, comment="同意", **extra)
    publisher = clerk
    if doc.state == State.VIA_REVIEW:
        via = next(key for key, agency in agencies.items() if agency.pk == doc.via_agency_id)
        doc = publishing.approve_step(_staff(via, Role.REVIEWER), doc, comment="同意")
        publisher = _staff(via, Role.CLERK)
    return publishing.publish_document(publisher, doc)


@transaction.atomic
def build(agencies, out) -> None:
    if Event.objects.filter(title=EVENTS[0][1]).exists():
        return
    from gongkai.opinion.responses import candidates

    owner = agencies["xzfb"]
    analyst = _staff("xzfb", Role.OPINION_ANALYST)
    for region, topic, key in RULES:
        actions.save_agency_rule(analyst, owner, region=region, topic=topic, agency=agencies[key])
    source, _ = Source.objects.get_or_create(
        owner=owner, name="网络舆情监测服务商（演示）",
        defaults={"kind": "vendor", "category": "self_media", "weight": 1.0},
    )  # fmt: skip
    ev = {row[0]: _event(owner, source, *row) for row in EVENTS}

    # A major event answered within 5 hours by a published document, after a 会商; closed. The
    # canteen event appeared 3.5 hours before the statement (hours count from first appearance).
    doc = _publish_document(
        agencies, "jyj", "关于城关中学部分学生身体不适情况的通报",
        "<p>经核实，城关中学部分学生午餐后出现腹痛等症状，已全部送医观察，均无生命危险。</p>"
        "<p>学校食堂已暂停供餐，食品留样已送检，县市场监管局正在调查。调查结果将及时向社会公布。</p>",
    )  # fmt: skip
    start = doc.published_at - timedelta(hours=3, minutes=30)
    Event.objects.filter(pk=ev["school"].pk).update(first_seen_at=start)
    Post.objects.filter(event=ev["school"], published_at__lt=start).update(published_at=start)
    ev["school"].refresh_from_db()
    school = actions.confirm_grade(analyst, ev["school"], grade="2", reason="涉及学生健康，多名学生送医")
    school = actions.assign_event(
        analyst, school, agency=agencies["jyj"], note="请会同卫健、市场监管部门核实并发布权威信息"
    )
    actions.record_assessment(
        analyst, school, held_at=start + timedelta(hours=1, minutes=30),
        participants=[agencies["jyj"], agencies["wjj"], agencies["scjgj"], owner],
        conclusion="学生均已送医观察，无重症；食堂暂停供餐，留样送检；由县教育局统一发布情况通报。",
    )  # fmt: skip
    actions.record_response(_staff("jyj", Role.RESPONDER), school, key=f"publishing.document:{doc.pk}",
                            note="门户网站和“示范县发布”同步发布")  # fmt: skip
    actions.close_event(analyst, school, note="情况通报发布后舆情平稳回落")

    # A major event that appeared 9 hours ago, assigned and never answered: escalated to the county office.
    river = actions.confirm_grade(analyst, ev["river"], grade="2", reason="涉及环境污染，群众反映强烈")
    river = actions.assign_event(analyst, river, agency=agencies["sthjj"])
    actions.escalate_event(river)

    # 特别重大: homebuyers gathering; 5 hours running, a press conference required within 24.
    housing = actions.confirm_grade(analyst, ev["housing"], grade="1", reason="涉及群体性聚集，可能升级")
    actions.assign_event(
        analyst, housing, agency=agencies["zjj"], note="请立即核实并发布权威信息，24小时内召开新闻发布会"
    )

    # 较大: unpaid wages, answered 20 hours in by a post on the county's WeChat account (if the
    # new-media demo registered it).
    wages = actions.confirm_grade(analyst, ev["wages"], grade="3", reason="涉及农民工工资，社会关注度高")
    wages = actions.assign_event(analyst, wages, agency=agencies["xzfb"])
    from gongkai.newmedia import actions as newmedia
    from gongkai.newmedia.models import MediaAccount

    account = MediaAccount.objects.filter(name="示范县发布", state="active").first()
    if account is not None:
        newmedia.record_post(
            _staff("xzf", Role.CLERK), account, title="关于城关镇某工地农民工工资问题的情况说明",
            published_at=wages.first_seen_at + timedelta(hours=20),
            url="https://newmedia.example.cn/shifanfabu/p/wages",
        )  # fmt: skip
        found = [c for c in candidates(wages, ["newmedia.post"]) if "农民工工资" in c.title]
        if found:
            actions.record_response(_staff("xzfb", Role.RESPONDER), wages, key=found[0].key)

    # 一般: graded, waiting to be assigned; the last one only proposed by the rules.
    actions.confirm_grade(analyst, ev["lights"], grade="4")

    now = timezone.now()
    report = actions.create_report(
        analyst, owner, kind="weekly", period_start=now - timedelta(days=7), period_end=now
    )
    report = actions.update_report(analyst, report, number="2026年第48期")
    actions.issue_report(analyst, report)
    out.write(f"舆情处置：{len(EVENTS)}个事件（各等级、各状态），{Report.objects.count()}份舆情报告")
