"""The public list and message page: only valid messages whose writer agreed, masked; unanswered
ones listed as 办理中, never hidden; question and published reply side by side; no personal data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.interaction import actions
from tests.interaction.conftest import answer, write

PERSONAL = ("张三", "13812345678", "370102199003071234", "幸福小区3号楼2单元501")


@pytest.fixture
def published(county, county_box, monday, zhou_min, wu_lei, wang_fang):
    message = write(
        county_box,
        key="pub",
        subject="张三反映补贴未到账",
        body="我是张三，身份证370102199003071234，住幸福小区3号楼2单元501，电话13812345678，补贴未到账。",
    )
    answer(
        message,
        office=zhou_min,
        lead=county.finance,
        responder=wu_lei,
        reviewer=wang_fang,
        body="张三您好，经核实补贴已于3月5日发放至您尾号1234的账户，请联系13812345678核对。",
    )
    actions.publish_reply(wang_fang, message)
    message.refresh_from_db()
    return message


def test_list_shows_consenting_messages_masked_and_unanswered_as_in_progress(client, published, county_box):
    waiting = write(county_box, key="wait", subject="路灯不亮请维修", body="幸福路路灯不亮已经一周，请维修。")
    private = write(
        county_box,
        key="priv",
        subject="家庭私事咨询",
        body="这是一件私事，请不要公开。",
        public_consent=False,
    )
    page = client.get("/messages/list/").content.decode()
    assert "路灯不亮请维修" in page and "办理中" in page
    assert "补贴未到账" in page and "已答复" in page
    assert "家庭私事咨询" not in page
    for text in PERSONAL:
        assert text not in page
    assert client.get(f"/messages/{private.pk}/").status_code == 404
    assert client.get(f"/messages/{waiting.pk}/").status_code == 200


def test_an_invalid_message_is_not_listed(client, county_box, monday, zhou_min):
    spam = write(county_box, key="spam", subject="广告推广信息", body="低价推广，加微信了解详情。")
    actions.mark_invalid(zhou_min, spam, reason="广告信息")
    assert "广告推广信息" not in client.get("/messages/list/").content.decode()
    assert client.get(f"/messages/{spam.pk}/").status_code == 404


def test_message_page_shows_question_and_reply_masked(client, published):
    page = client.get(f"/messages/{published.pk}/").content.decode()
    assert "补贴未到账" in page
    assert "补贴已于3月5日发放" in page
    assert 'class="message-pair"' in page
    for text in PERSONAL:
        assert text not in page


def test_filters_and_query_count(client, county_box, published):
    for n in range(5):
        write(county_box, key=f"q{n}", subject=f"第{n}条咨询事项", body="请问办理流程是什么，需要哪些材料？")
    client.get("/messages/list/")  # warm: the site of the host is cached after its first request
    with CaptureQueriesContext(connection) as few:
        client.get("/messages/list/")
    for n in range(5, 15):
        write(county_box, key=f"q{n}", subject=f"第{n}条咨询事项", body="请问办理流程是什么，需要哪些材料？")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/messages/list/").content.decode()
    assert len(many) == len(few)
    assert "第14条咨询事项" in page
    answered = client.get("/messages/list/?state=answered").content.decode()
    assert "补贴未到账" in answered and "第14条咨询事项" not in answered
    assert client.get("/messages/list/?state=x&mailbox=%00&page=999").status_code == 200


def test_index_lists_the_mailboxes(client, mailboxes):
    page = client.get("/messages/").content.decode()
    assert "县长信箱" in page and "县财政局信箱" in page
