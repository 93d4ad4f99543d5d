"""The operator's entry form for a hotline call: into the same queue, once."""

from __future__ import annotations

import re

from gongkai.interaction.models import Channel, Message

URL = "/workbench/messages/hotline/"


def test_a_call_entered_by_the_operator(client, zhao_qiang, county_box, monday):
    client.force_login(zhao_qiang)
    page = client.get(URL).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
    data = {
        "mailbox": county_box.pk,
        "kind": "help",
        "caller_number": "0531-88886666",
        "call_time": "2026-03-02T08:40",
        "writer_name": "王五",
        "writer_phone": "13900001111",
        "subject": "独居老人取暖求助",
        "summary": "来电人反映其母亲独居，家中暖气不热，请求帮助。",
        "idempotency_key": key,
    }
    response = client.post(URL, data)
    message = Message.objects.get()
    assert response["Location"] == f"/workbench/messages/{message.pk}/"
    assert message.channel == Channel.HOTLINE
    assert message.operator == zhao_qiang
    assert message.caller_number == "0531-88886666"
    assert message.writer_phone == "13900001111"
    again = client.post(URL, data)  # a second click
    assert again["Location"] == response["Location"]
    assert Message.objects.count() == 1


def test_bad_input_in_chinese(client, zhao_qiang, county_box, monday):
    client.force_login(zhao_qiang)
    response = client.post(
        URL,
        {
            "mailbox": county_box.pk,
            "kind": "help",
            "caller_number": "abc",
            "call_time": "2026-03-09T08:40",
            "writer_name": "王五",
            "subject": "求助",
            "summary": "内容",
            "idempotency_key": "k",
        },
    )
    text = response.content.decode()
    assert "来电号码只能包含数字" in text
    assert "来电时间不能晚于现在" in text
    assert Message.objects.count() == 0


def test_an_operator_sees_only_the_mailboxes_of_their_scope(client, li_ming, county_box):
    client.force_login(li_ming)
    page = client.get(URL).content.decode()
    assert "县财政局信箱" in page
    assert "县长信箱" not in page
