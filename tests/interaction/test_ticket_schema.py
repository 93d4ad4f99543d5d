"""The 12345 ticket body: every field's refusal in Chinese, all problems at once (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.interaction.ticket_schema import BEIJING, parse_ticket

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=BEIJING)
GOOD = {
    "ticket_id": "12345-20261203-0001",
    "kind": "complaint",
    "subject": "小区路灯不亮",
    "body": "幸福路12号小区路灯已坏一周，夜间出行不便。",
    "caller_name": "周敏",
    "caller_phone": "139 0531 2222",
    "call_time": "2026-12-03T09:30:00+08:00",
    "public_consent": True,
}


def parse(payload):
    return parse_ticket(payload, now=NOW, subject_max=50, body_max=2000)


def test_a_good_ticket():
    ticket, errors = parse(GOOD)
    assert errors == {}
    assert ticket.kind == "complaint"
    assert ticket.caller_phone == "13905312222"
    assert ticket.call_time == dt.datetime(2026, 12, 3, 9, 30, tzinfo=BEIJING)
    assert ticket.public_consent is True
    assert ticket.mailbox is None


def test_chinese_kind_and_naive_time_in_beijing():
    ticket, errors = parse({**GOOD, "kind": "求助", "call_time": "2026-12-03T09:30:00"})
    assert errors == {}
    assert ticket.kind == "help"
    assert ticket.call_time.utcoffset() == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ticket_id": ""}, "ticket_id", "工单编号应为1至64位"),
        ({"ticket_id": "a b"}, "ticket_id", "工单编号应为1至64位"),
        ({"ticket_id": 123}, "ticket_id", "工单编号应为1至64位"),
        ({"kind": "praise"}, "kind", "留言类型应为"),
        ({"subject": ""}, "subject", "缺少标题"),
        ({"subject": "长" * 51}, "subject", "标题不能超过50个字（现有51个字）"),
        ({"body": 5}, "body", "诉求内容应为字符串"),
        ({"body": "字" * 2001}, "body", "诉求内容不能超过2000个字"),
        ({"caller_phone": "12345"}, "caller_phone", "来电号码应为11位手机号码"),
        ({"caller_phone": None}, "caller_phone", "缺少来电号码"),
        ({"call_time": "昨天"}, "call_time", "来电时间格式不正确"),
        ({"call_time": "2026-12-04T09:30:00+08:00"}, "call_time", "来电时间晚于当前时间"),
        ({"public_consent": "yes"}, "public_consent", "是否同意公开应为 true 或 false"),
        ({"mailbox": "3"}, "mailbox", "信箱编号应为正整数"),
        ({"mailbox": True}, "mailbox", "信箱编号应为正整数"),
        ({"extra": 1}, "__all__", "不认识的字段：extra"),
    ],
)
def test_each_refusal(change, field, message):
    ticket, errors = parse({**GOOD, **change})
    assert ticket is None
    assert message in errors[field]


def test_every_problem_at_once():
    ticket, errors = parse({"kind": "x"})
    assert ticket is None
    assert set(errors) == {"ticket_id", "kind", "subject", "body", "caller_phone", "call_time"}


def test_not_an_object():
    assert parse(["x"]) == (None, {"__all__": "请求体应为JSON对象"})
