"""Submission is idempotent (second click, Back + resubmit), hotline calls and 12345 tickets join
the same queue, bad input changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.interaction import actions
from gongkai.interaction.models import Message
from gongkai.interaction.queries import find_message

from .conftest import SHANGHAI, write


def test_same_key_same_message(county_box, monday):
    first = write(county_box, key="form-1")
    again, created = actions.submit_message(
        mailbox=county_box, idempotency_key="form-1", kind="inquiry", subject="x", body="y",
        writer_name="张三", writer_phone="13812345678",
    )  # fmt: skip
    assert (again.pk, created) == (first.pk, False)
    assert Message.objects.count() == 1


def test_writer_data_is_encrypted_and_found_by_code_and_last_four(county_box, monday):
    from django.db import connection

    message = write(county_box)
    with connection.cursor() as cursor:
        cursor.execute("select writer_name, writer_phone from interaction_message")
        stored = cursor.fetchone()
    assert "张三" not in stored[0] and "13812345678" not in stored[1]
    assert find_message(message.receipt_code.lower(), "5678") == message
    assert find_message(message.receipt_code, "5679") is None


@pytest.mark.parametrize(
    ("field", "value", "refusal"),
    [
        ("writer_phone", "12345", "联系电话应为11位手机号码"),
        ("subject", "", "请填写留言主题"),
        ("body", "字" * 5001, "留言内容不能超过5000字"),
        ("kind", "praise", "请选择留言类型"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(county_box, monday, field, value, refusal):
    with pytest.raises(ActionRefused, match=refusal):
        write(county_box, **{field: value})
    assert not Message.objects.exists()


def test_hotline_call_joins_the_queue(county_box, monday, zhou_min):
    call = datetime(2026, 3, 2, 8, 30, tzinfo=SHANGHAI)
    message, created = actions.register_hotline_call(
        zhou_min, mailbox=county_box, kind="help", subject="停水", summary="来电反映城关镇停水两天",
        caller_name="李四", caller_number="0539-8123456", call_time=call,
    )  # fmt: skip
    assert created and message.channel == "hotline" and message.operator == zhou_min
    assert message.caller_number == "0539-8123456" and message.state == "received"


def test_hotline_call_in_the_future_is_refused(county_box, monday, zhou_min):
    with pytest.raises(ActionRefused, match="来电时间不能晚于现在"):
        actions.register_hotline_call(
            zhou_min, mailbox=county_box, kind="help", subject="停水", summary="停水",
            caller_name="李四", caller_number="13900001111",
            call_time=datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI) + timedelta(hours=1),
        )  # fmt: skip


def test_platform_ticket_is_idempotent(county_box, monday):
    kwargs = dict(
        mailbox=county_box, kind="inquiry", subject="社保缴费", body="如何补缴社保？",
        writer_name="王五", writer_phone="13900001111", submitted_at=datetime(2026, 3, 1, 10, tzinfo=SHANGHAI),
    )  # fmt: skip
    first, created = actions.receive_ticket(None, external_ticket_id="SD12345-0001", **kwargs)
    again, created_again = actions.receive_ticket(None, external_ticket_id="SD12345-0001", **kwargs)
    assert created and not created_again and first.pk == again.pk
    assert first.channel == "platform_12345"


def test_one_leader_mailbox_and_one_per_department(mailboxes, county):
    from gongkai.interaction.models import Mailbox

    names = set(Mailbox.objects.values_list("name", flat=True))
    assert {"县长信箱", "县财政局信箱", "县住建局信箱", "镇长信箱"} <= names or {
        "县长信箱",
        "县财政局信箱",
    } <= names
    assert not Mailbox.objects.filter(agency=county.office).exists()
