"""The day an application counts as received (收到申请之日) — 条例第三十一条.

Every answer clock (条例第三十三条: 20 working days) and the correction notice (第三十条:
7 working days) counts from this day, so the law's choice of date per channel lives here and
nowhere else. Pure, no Django.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Channel(StrEnum):
    """How the applicant submitted the application."""

    IN_PERSON = "in_person"
    REGISTERED_MAIL = "registered_mail"
    ORDINARY_MAIL = "ordinary_mail"
    ONLINE = "online"
    FAX = "fax"
    EMAIL = "email"
    ORAL = "oral"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_MAIL: "邮政挂号/EMS",
    Channel.ORDINARY_MAIL: "平常信函",
    Channel.ONLINE: "互联网",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
    Channel.ORAL: "口头申请",
}

# The date argument each channel's receipt day is taken from, and what the law calls it.
_DATE_FIELD: dict[Channel, str] = {
    Channel.IN_PERSON: "submitted_on",
    Channel.ORAL: "submitted_on",
    Channel.REGISTERED_MAIL: "signed_on",
    Channel.ORDINARY_MAIL: "confirmed_on",
    Channel.ONLINE: "confirmed_on",
    Channel.FAX: "confirmed_on",
    Channel.EMAIL: "confirmed_on",
}
_DATE_NAME: dict[Channel, str] = {
    Channel.IN_PERSON: "提交之日",
    Channel.ORAL: "口头提出并由工作机构代为填写之日",
    Channel.REGISTERED_MAIL: "行政机关签收之日",
    Channel.ORDINARY_MAIL: "与申请人确认之日",
    Channel.ONLINE: "双方确认之日",
    Channel.FAX: "双方确认之日",
    Channel.EMAIL: "双方确认之日",
}

RECEIPT_RULE: dict[Channel, str] = {
    Channel.IN_PERSON: "申请人当面提交政府信息公开申请的，以提交之日为收到申请之日（条例第三十一条第（一）项）。",
    Channel.ORAL: (
        "申请人采用书面形式确有困难的，可以口头提出，由受理该申请的政府信息公开工作机构代为填写政府信息公开申请"
        "（条例第二十九条第一款）；视同当面提交，以提出之日为收到申请之日（条例第三十一条第（一）项）。"
    ),
    Channel.REGISTERED_MAIL: (
        "申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）。"
    ),
    Channel.ORDINARY_MAIL: (
        "以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到申请的当日"
        "与申请人确认，确认之日为收到申请之日（条例第三十一条第（二）项）。"
    ),
    Channel.ONLINE: (
        "申请人通过互联网渠道提交政府信息公开申请的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。"
    ),
    Channel.FAX: (
        "申请人通过政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日"
        "（条例第三十一条第（三）项）。"
    ),
    Channel.EMAIL: (
        "电子邮件属于互联网渠道，申请人以电子邮件提交政府信息公开申请的，以双方确认之日为收到申请之日"
        "（条例第三十一条第（三）项）。"
    ),
}


class ReceiptDateError(ValueError):
    """The date the law needs for the channel is missing."""


def receipt_date(
    channel: Channel | str,
    *,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> date:
    """The day the application counts as received (条例第三十一条).

    Only the date the law names for the channel is used; the others are ignored, so a caller
    may pass everything it knows. Raises `ReceiptDateError` naming the missing date.
    """
    channel = Channel(channel)
    given = {"submitted_on": submitted_on, "signed_on": signed_on, "confirmed_on": confirmed_on}
    value = given[_DATE_FIELD[channel]]
    if value is None:
        raise ReceiptDateError(
            f"以“{channel.label}”方式提交的申请，以{_DATE_NAME[channel]}为收到申请之日，"
            f"请填写{_DATE_NAME[channel]}。依据：{RECEIPT_RULE[channel]}"
        )
    return value
