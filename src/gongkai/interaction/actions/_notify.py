"""What the writer and the staff are told, after commit (SMS through `common/sms.py`, e-mail
through `common/mail.py`)."""

from __future__ import annotations

from gongkai.common.mail import queue_mail
from gongkai.common.sms import queue_sms

from ..links import rating_url
from ..models import Message, Reminder


def notify_writer_reply(message: Message) -> None:
    text = (
        f"您的留言（查询码{message.receipt_code}）已由{message.lead_agency}答复。"
        "请凭查询码和手机号后四位在门户网站“查询我的留言”查看答复并评价。"
    )
    # The signed link rates this round without the code (interaction/links.py).
    queue_sms(message.writer_phone, f"{text}评价答复：{rating_url(message)}")
    if message.writer_email:
        body = f"{text}\n\n答复内容：\n{message.replies.get(round=message.round).body}"
        queue_mail(f"留言答复（{message.receipt_code}）", body, [message.writer_email])


def notify_reminder(reminder: Reminder) -> None:
    message = reminder.message
    if message.responder_id and message.responder.email:
        queue_mail(
            f"{reminder.get_kind_display()}：留言 {message.receipt_code}",
            f"{reminder.from_agency}{reminder.get_kind_display()}：{reminder.text}\n\n留言主题：{message.subject}",
            [message.responder.email],
        )
