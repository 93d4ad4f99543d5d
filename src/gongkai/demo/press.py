"""Demo data of 新闻发布 (issue #12): a spokesperson for every agency (县财政局's succeeded once), the
frequency classes (县财政局 every two months, seed 004), a year of conferences with some agencies
behind, one conference with its live text, transcript and a photo, one planned for next week, and
one conference required within 24 hours (the opinion hook)."""

from __future__ import annotations

import struct
import zlib
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.agencies.models import Staff
from gongkai.press import actions
from gongkai.press.models import (
    AgencyPressSetting,
    ConferenceRequirement,
    Kind,
    PressClass,
    PressConference,
    Spokesperson,
)

from .county import demo_name, demo_username

LIVELIHOOD = ("czj", "zjj", "jyj", "sthjj", "scjgj", "yjglj", "wjj")
BEHIND = {"sthjj": 2, "yjglj": 3}  # held only one conference in every n quarters: behind their frequency
TOPICS = {
    "czj": "财政预算执行情况",
    "zjj": "保障性住房建设进展",
    "jyj": "义务教育招生入学政策",
    "sthjj": "生态环境质量状况",
    "scjgj": "食品安全监督抽检情况",
    "yjglj": "安全生产形势",
    "wjj": "医疗卫生服务工作",
}
PLACE = "县政府新闻发布厅"


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
    today = timezone.localdate()
    _spokespersons(agencies, today)
    _settings(agencies, today)
    if PressConference.objects.filter(agency__in=agencies.values()).exists():
        out.write("新闻发布：演示发布会已存在，未重复创建")
        return
    held = _year_of_conferences(agencies, today)
    _with_transcript(agencies, today)
    _planned(agencies, today)
    _required(agencies)
    out.write(f"新闻发布：{len(agencies)}个机关的新闻发言人，{held + 1}场已召开的发布会，1场下周召开")


def _spokespersons(agencies, today: date) -> None:
    for i, (key, agency) in enumerate(agencies.items()):
        if Spokesperson.objects.filter(agency=agency).exists():
            continue
        actor = _staff(key, "spokesperson")
        if key == "czj":  # a succession: the previous spokesperson left when the new one came
            actions.appoint_spokesperson(
                actor, name=demo_name(300 + i), title=f"{agency.display_name}副局长",
                phone=f"0539-82{i:05d}", appointed_on=date(today.year - 3, 3, 1),
            )  # fmt: skip
        actions.appoint_spokesperson(
            actor, name=demo_name(320 + i), title=f"{agency.display_name}{'副县长' if key == 'xzf' else '副职负责人'}",
            phone=f"0539-82{i:05d}", appointed_on=date(today.year - 1, 6, 1),
        )  # fmt: skip


def _settings(agencies, today: date) -> None:
    if AgencyPressSetting.objects.filter(agency__in=agencies.values()).exists():
        return
    supervisor = _staff("xzfb", "supervisor")
    since = date(today.year - 1, 1, 1)
    livelihood = PressClass.objects.get(name="与经济和民生关系密切的部门")
    for key in LIVELIHOOD:
        actions.set_agency_class(supervisor, agencies[key], press_class=livelihood, since=since)
    actions.set_agency_class(
        supervisor, agencies["xzf"], press_class=PressClass.objects.get(name="人民政府"), since=since
    )
    # Seed 004: 县财政局 every two months instead of every quarter.
    actions.set_frequency_rule(supervisor, agency=agencies["czj"], measure="any", months=2, min_count=1)


def _conference(actor, day: date, topic: str, *, kind=Kind.REGULAR, head=None) -> PressConference:
    speakers = [(demo_name(340), f"{actor.agency.display_name}新闻发言人", False)]
    if head:
        speakers.insert(0, (head, f"{actor.agency.display_name}主要负责同志", True))
    item = actions.create_conference(
        actor, topic=topic, starts_at=_at(day), place=PLACE, kind=kind, speakers=speakers,
        summary=f"介绍{topic}，回答记者提问。",
    )  # fmt: skip
    return actions.record_conference(actor, item)


def _year_of_conferences(agencies, today: date) -> int:
    """The twelve months before today: a conference in the middle of each period the rules ask for,
    except in the agencies that are behind."""
    count = 0
    for n, key in enumerate(LIVELIHOOD):
        actor = _staff(key, "spokesperson")
        months = 2 if key == "czj" else 3
        every = BEHIND.get(key, 1)
        for step in range(12 // months):
            if step % every:
                continue
            day = today - timedelta(days=int(30.4 * months * step) + 20 + n)
            head = demo_name(360 + n) if step == 2 and key not in BEHIND else None
            _conference(actor, day, f"{TOPICS[key]}新闻发布会", head=head)
            count += 1
    # The government's economic briefings: one this year (two are required).
    gov = _staff("xzf", "spokesperson")
    _conference(
        gov, today - timedelta(days=100), "全县经济运行情况新闻发布会", kind=Kind.ECONOMIC, head="县长"
    )
    return count + 1


def _with_transcript(agencies, today: date) -> None:
    """县财政局, two days ago: live text, transcript, a photo, the documents it released."""
    from gongkai.publishing.models import Disclosure, Document, State

    actor = _staff("czj", "spokesperson")
    day = today - timedelta(days=2)
    item = actions.create_conference(
        actor, topic="全县财政预算执行情况新闻发布会（实录）", starts_at=_at(day, 15), place=PLACE,
        kind=Kind.ECONOMIC, summary="通报今年以来全县财政预算执行情况，解读减税降费政策。",
        speakers=[("钱江", "县财政局局长", True), (demo_name(340), "县财政局新闻发言人", False)],
    )  # fmt: skip
    actions.start_conference(actor, item)
    lines = [
        ("主持人", "各位记者朋友，下午好！欢迎参加今天的新闻发布会。"),
        ("钱江", "今年以来，全县一般公共预算收入稳步增长，民生支出占比保持在八成以上。"),
        ("记者", "请问减税降费政策对小微企业有哪些帮助？"),
        ("钱江", "我们对符合条件的小微企业落实各项减免政策，并开通线上办理渠道。"),
        ("主持人", "今天的发布会到此结束，谢谢大家。"),
    ]
    for speaker, body in lines:
        actions.post_live_entry(actor, item, speaker=speaker, body=body)
    actions.finish_conference(actor, item)
    actions.update_transcript(actor, item, transcript="\n".join(f"{s}：{b}" for s, b in lines))
    actions.add_media(
        actor, item, upload=SimpleUploadedFile("发布会现场.png", demo_png()), caption="发布会现场"
    )
    released = Document.objects.filter(
        agency=agencies["czj"], state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE
    ).order_by("-published_at")[:2]
    if released:
        actions.link_releases(actor, item, documents=released)
    actions.publish_conference(actor, item)


def _planned(agencies, today: date) -> None:
    actor = _staff("xzf", "spokesperson")
    actions.create_conference(
        actor, topic="全县重点项目建设情况新闻发布会", starts_at=_at(today + timedelta(days=7), 15),
        place=PLACE, kind=Kind.ECONOMIC, summary="介绍全县重点项目建设进展。",
        speakers=[("县长", "示范县人民政府县长", True), (demo_name(341), "县政府新闻发言人", False)],
    )  # fmt: skip


def _required(agencies) -> None:
    if not ConferenceRequirement.objects.exists():
        actions.require_conference(
            None, agencies["yjglj"], timezone.now() + timedelta(hours=20),
            "河口镇化工厂火灾事故（重大舆情，须24小时内召开发布会）", "https://example.org/opinion/1",
        )  # fmt: skip


def demo_png(width: int = 320, height: int = 180) -> bytes:
    """A small PNG drawn here (no imaging library): a red banner over a light stage."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = []
    for y in range(height):
        colour = (
            b"\xb0\x1e\x23"
            if y < height // 4
            else (b"\xf2\xee\xe6" if y < height * 3 // 4 else b"\x6b\x4f\x3a")
        )
        rows.append(b"\x00" + colour * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
