"""Demo data of 在线访谈 (issue #11): one interview held a week ago with its published transcript
(a guest of 县财政局, about twenty entries answering the public's questions, a photo of the studio,
one question left unanswered and forwarded as a message), and one upcoming interview collecting
questions. Made through the real actions with the clock moved to the event; running it twice adds
nothing (the interviews are found by their topics)."""

from __future__ import annotations

import struct
import zlib
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.interaction.actions import ensure_mailboxes
from gongkai.interviews import actions
from gongkai.interviews.models import Interview, Moderation

from .county import demo_username

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAST_TOPIC = "2026年惠民惠农财政补贴政策解读"
NEXT_TOPIC = "城乡居民医保缴费和报销政策问答"

QUESTIONS = [
    ("老农民", "13905391234", "耕地地力保护补贴今年什么时候发放？标准是多少？"),
    ("", "13905392345", "补贴发到哪张卡上？一卡通丢了怎么办？"),
    ("河口镇村民", "13905393456", "土地流转出去了，补贴发给承包户还是经营户？"),
    ("", "13905394567", "补贴发放名单在哪里可以查到？"),
    ("城关居民", "13905395678", "我家的补贴去年少发了，应该找哪个部门？我叫张建军，电话13905395678。"),
]
SCRIPT = [  # (speaker: None = host, or the guest; text; answers question n)
    (None, "各位网友，大家好！欢迎收看本期在线访谈。今天我们邀请到县财政局王建国局长，围绕2026年惠民惠农财政补贴政策与大家交流。", None),
    ("guest", "主持人好，各位网友好！很高兴和大家交流。惠民惠农补贴关系到千家万户，我们一直把资金安全、及时发放放在首位。", None),
    (None, "王局长，请您先介绍一下今年补贴政策有哪些新变化？", None),
    ("guest", "今年主要有三个变化：一是所有补贴统一通过“一卡通”发放；二是发放名单在村务公开栏和县政府网站同步公示；三是开通了补贴查询电话和网上查询。", None),
    (None, "网友非常关心发放时间，有网友问：", 0),
    ("guest", "耕地地力保护补贴预计6月底前发放到户，今年标准为每亩105元。具体以乡镇公示的名单和金额为准。", 0),
    (None, "还有网友问到补贴发到哪张卡的问题。", 1),
    ("guest", "补贴统一发放到户主的社会保障卡（一卡通）。卡片丢失的，可以持身份证到发卡银行网点挂失补办，补办期间的补贴会在新卡启用后补发，不会少发。", 1),
    (None, "土地流转的情况比较多，补贴应该发给谁？", 2),
    ("guest", "原则上补贴发给拥有耕地承包权的种地农民。承包户和经营户另有约定的，按约定执行；村委会在公示时会注明。", 2),
    (None, "发放名单在哪里查询？", 3),
    ("guest", "名单在各村村务公开栏公示7天，同时在县政府网站“政府信息公开—财政资金”栏目公开，个人信息已作处理。", 3),
    (None, "补贴资金的监管有哪些措施？", None),
    ("guest", "我们对补贴资金实行“一卡通”封闭运行，县、乡、村三级审核，纪检监察和审计部门全程监督。群众发现问题可以拨打12345热线或通过政府网站留言反映。", None),
    (None, "下面是现场图片。", None),
    (None, "时间过得很快，最后请王局长对广大网友说几句。", None),
    ("guest", "感谢大家的关注。补贴政策有任何疑问，欢迎随时通过政府网站“互动交流”栏目留言，我们会认真答复。", None),
    (None, "本期访谈到此结束，未能在访谈中回答的问题，我们将转交相关部门办理并答复。感谢各位网友的参与！", None),
]  # fmt: skip


def _png(width: int = 320, height: int = 180) -> bytes:
    """A small PNG (the studio's placeholder photo), made here so the demo needs no file."""
    row = b"\x00" + bytes([168, 23, 29]) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
    clerk = Staff.objects.get(username=demo_username("czj", Role.CLERK))
    ensure_mailboxes(None, agencies["xzf"])  # unanswered questions become messages
    today = timezone.localdate()
    # Each interview in one transaction: an interrupted run leaves none half-made behind its topic.
    if not Interview.objects.filter(topic=PAST_TOPIC).exists():
        with transaction.atomic():
            _past(clerk, agencies, today - timedelta(days=7))
        out.write("在线访谈：往期访谈及实录 1 场\n")
    if not Interview.objects.filter(topic=NEXT_TOPIC).exists():
        with transaction.atomic():
            _upcoming(clerk, agencies, today + timedelta(days=5))
        out.write("在线访谈：征集问题中的预告 1 场\n")


def _past(clerk, agencies, day) -> None:
    start = _at(day, 15)
    with time_machine.travel(start - timedelta(days=3), tick=False):
        interview = actions.create_interview(
            clerk,
            agency=agencies["czj"],
            topic=PAST_TOPIC,
            summary="县财政局负责人解读耕地地力保护补贴等惠民惠农补贴的发放标准、时间和查询方式，并回答网友提问。",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
        guest = actions.add_guest(
            clerk, interview, name="王建国", agency=agencies["czj"], title="县财政局局长"
        )
        interview = actions.open_questions(clerk, interview)
    questions = []
    for n, (name, phone, body) in enumerate(QUESTIONS):
        with time_machine.travel(start - timedelta(days=2, hours=-n), tick=False):
            question, _ = actions.submit_question(
                interview, body=body, phone=phone, display_name=name, idempotency_key=f"demo-interview-q{n}"
            )
            questions.append(actions.moderate_question(clerk, question, decision=Moderation.APPROVED))
    with time_machine.travel(start, tick=False):
        interview = actions.start_interview(clerk, interview)
    for n, (speaker, text, answers) in enumerate(SCRIPT):
        with time_machine.travel(start + timedelta(minutes=3 * n + 1), tick=False):
            image = None
            if text.startswith("下面是现场图片"):
                image = SimpleUploadedFile("studio.png", _png(), content_type="image/png")
            actions.post_entry(
                clerk,
                interview,
                body=text,
                guest=guest if speaker else None,
                answers=questions[answers] if answers is not None else None,
                image=image,
            )
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        interview = actions.finish_interview(clerk, interview)  # question 5 becomes a message
    with time_machine.travel(start + timedelta(days=1), tick=False):
        actions.add_media(
            clerk,
            interview,
            upload=SimpleUploadedFile("photo.png", _png(640, 360), content_type="image/png"),
            title="访谈现场",
        )
        actions.publish_transcript(clerk, interview)


def _upcoming(clerk, agencies, day) -> None:
    start = _at(day, 10)
    interview = actions.create_interview(
        clerk,
        agency=agencies["czj"],
        topic=NEXT_TOPIC,
        summary="县医保局、县财政局负责人介绍2027年度城乡居民医保缴费标准、缴费方式和报销政策，欢迎提前提问。",
        starts_at=start,
        ends_at=start + timedelta(hours=1, minutes=30),
    )
    actions.add_guest(clerk, interview, name="李红梅", agency=agencies["czj"], title="县财政局副局长")
    interview = actions.open_questions(clerk, interview)
    question, _ = actions.submit_question(
        interview,
        body="明年的医保缴费标准是多少？可以在手机上缴费吗？",
        phone="13905396789",
        display_name="关心医保的网友",
        idempotency_key="demo-interview-next-q1",
    )
    actions.moderate_question(clerk, question, decision=Moderation.APPROVED)
    actions.submit_question(
        interview,
        body="异地住院报销比例是多少？",
        phone="13905397890",
        idempotency_key="demo-interview-next-q2",
    )  # held: waits for moderation on the clerk's 待办
