"""Writing a message on the portal: one message however often the form is sent, limits stated and
enforced in Chinese, the spam guards refuse with a reason and keep the text, attachments by content."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.interaction.models import Channel, Message
from gongkai.interaction.portal_views import HONEYPOT_REFUSAL, IP_REFUSAL, PHONE_REFUSAL
from gongkai.publishing.actions import add_forbidden_word

WRITE = "/messages/write/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def form(client, county_box, monday):
    """The data of a filled form, with the key the page gave this browser session."""
    page = client.get(WRITE)
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page.content.decode()).group(1)
    return {
        "mailbox": county_box.pk,
        "kind": "complaint",
        "subject": "幸福小区门口道路破损",
        "body": "幸福小区门口道路破损多日，雨天积水，老人孩子出行不便，请尽快维修。",
        "writer_name": "张三",
        "writer_phone": "13812345678",
        "public_consent": "on",
        "website": "",
        "idempotency_key": key,
    }


def test_the_form_states_its_limits(client, county_box):
    text = client.get(WRITE).content.decode()
    assert "不超过50个字" in text
    assert "10至2000个字" in text
    assert "最多3个，每个不超过5MB" in text
    assert "县长信箱" in text


def test_submitting_gives_a_receipt(client, form):
    response = client.post(WRITE, form)
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("interaction:submitted", args=[message.receipt_code])
    assert message.channel == Channel.WEB
    assert message.public_consent is True
    page = client.get(response["Location"]).content.decode()
    assert message.receipt_code in page
    receipt = client.get(reverse("interaction:receipt", args=[message.receipt_code])).content.decode()
    assert "留言回执" in receipt and message.receipt_code in receipt


def test_second_click_and_back_resubmit_give_the_same_receipt(client, form):
    first = client.post(WRITE, form)
    second = client.post(WRITE, form)  # the same form sent again (double click, Back + resubmit)
    assert second["Location"] == first["Location"]
    # Back may drop the file input and a field; the key alone finds the message.
    third = client.post(WRITE, {**form, "subject": ""})
    assert third["Location"] == first["Location"]
    assert Message.objects.count() == 1


def test_a_reloaded_form_with_the_same_text_finds_the_first_message(client, form):
    first = client.post(WRITE, form)
    client.get(WRITE)  # a fresh form, with a new key
    page = client.get(WRITE).content.decode()
    new_key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
    assert new_key != form["idempotency_key"]
    again = client.post(WRITE, {**form, "idempotency_key": new_key, "body": form["body"] + "  "})
    assert again["Location"] == first["Location"]
    assert Message.objects.count() == 1
    # A different message from the same browser is a new one.
    other = client.post(WRITE, {**form, "idempotency_key": new_key, "subject": "路灯不亮"})
    assert other["Location"] != first["Location"]
    assert Message.objects.count() == 2


def test_the_session_of_another_browser_sees_no_receipt(client, form):
    from django.test import Client

    location = client.post(WRITE, form)["Location"]
    assert Client().get(location).status_code == 404


def test_honeypot_refuses_with_a_reason_and_keeps_the_text(client, form):
    response = client.post(WRITE, {**form, "website": "http://spam.example"})
    assert response.status_code == 200
    assert HONEYPOT_REFUSAL in response.content.decode()
    assert form["body"] in response.content.decode()
    assert Message.objects.count() == 0


def test_rate_limit_per_address(client, form, settings):
    settings.GONGKAI_MESSAGES_PER_IP_PER_HOUR = 2
    for n in range(2):
        client.post(WRITE, {**form, "idempotency_key": f"k{n}", "subject": f"第{n}件事"})
    refused = client.post(WRITE, {**form, "idempotency_key": "k9", "subject": "第三件事"})
    assert refused.status_code == 200
    assert IP_REFUSAL in refused.content.decode()
    assert "第三件事" in refused.content.decode()  # the text is kept
    assert Message.objects.count() == 2
    # From another address the same hour: accepted.
    other = client.post(
        WRITE, {**form, "idempotency_key": "k10", "subject": "第三件事"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_rate_limit_per_phone(client, form, settings):
    settings.GONGKAI_MESSAGES_PER_PHONE_PER_DAY = 1
    client.post(WRITE, {**form, "idempotency_key": "k1"})
    refused = client.post(
        WRITE, {**form, "idempotency_key": "k2", "subject": "另一件事"}, REMOTE_ADDR="10.0.0.8"
    )
    assert PHONE_REFUSAL in refused.content.decode()
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"subject": "长" * 51}, "主题不能超过50个字（现有51个字）"),
        ({"body": "太短"}, "留言内容至少10个字（现有2个字）"),
        ({"body": "字" * 2001}, "留言内容不能超过2000个字（现有2001个字）"),
        ({"writer_phone": "1381234"}, "联系电话应为11位手机号码，或带区号的固定电话"),
        ({"writer_name": "  "}, "请填写姓名"),
        ({"kind": "praise"}, "请选择咨询、建议、投诉或求助"),
        ({"mailbox": "99999"}, "请选择信箱"),
        ({"body": ""}, "请填写留言内容"),
    ],
)
def test_bad_input_is_refused_in_chinese(client, form, change, message):
    response = client.post(WRITE, {**form, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Message.objects.count() == 0


def test_a_landline_is_accepted(client, form):
    assert client.post(WRITE, {**form, "writer_phone": "0531-88886666"}).status_code == 302


def test_attachments_are_checked_by_content(client, form):
    fake = SimpleUploadedFile(
        "photo.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    refused = client.post(WRITE, {**form, "attachments": [fake]})
    assert "附件“photo.jpg”不是允许的文件类型" in refused.content.decode()
    renamed = SimpleUploadedFile("photo.pdf", PNG, content_type="application/pdf")
    refused = client.post(WRITE, {**form, "attachments": [renamed]})
    assert "附件“photo.pdf”的内容是PNG图片，与扩展名不符" in refused.content.decode()
    assert Message.objects.count() == 0
    good = SimpleUploadedFile("路面.png", PNG, content_type="image/png")
    assert client.post(WRITE, {**form, "attachments": [good]}).status_code == 302
    message = Message.objects.get()
    [attachment] = message.attachments.all()
    assert attachment.name == "路面.png"


def test_staff_of_the_message_download_its_attachment(client, form, zhou_min, chen_jing):
    client.post(
        WRITE, {**form, "attachments": [SimpleUploadedFile("路面.png", PNG, content_type="image/png")]}
    )
    message = Message.objects.get()
    url = reverse("interaction_hotline:attachment", args=[message.attachments.get().pk])
    client.force_login(zhou_min)  # the county office, which dispatches it
    assert url in client.get(reverse("interaction_staff:detail", args=[message.pk])).content.decode()
    response = client.get(url)
    assert b"".join(response.streaming_content) == PNG
    assert "attachment" in response["Content-Disposition"]
    client.force_login(chen_jing)
    assert client.get(url).status_code == 404


def test_too_many_and_too_big_attachments(client, form, settings):
    settings.GONGKAI_MESSAGE_ATTACHMENT_MAX_MB = 1
    files = [SimpleUploadedFile(f"{n}.png", PNG) for n in range(4)]
    assert (
        "最多上传3个附件（现选择了4个）"
        in client.post(WRITE, {**form, "attachments": files}).content.decode()
    )
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024), content_type="image/png")
    assert "附件“big.png”超过1MB" in client.post(WRITE, {**form, "attachments": [big]}).content.decode()
    assert Message.objects.count() == 0


def test_markup_in_the_text_is_escaped(client, form):
    location = client.post(WRITE, {**form, "subject": "<script>alert(1)</script>路灯"})["Location"]
    page = client.get(location + "receipt/").content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;路灯" in page


def test_a_flagged_message_reaches_staff_but_waits_for_public_display(client, form):
    add_forbidden_word(None, "赌博网站")
    client.post(WRITE, {**form, "body": form["body"] + "附近还有人开设赌博网站。"})
    message = Message.objects.get()
    assert message.flagged_words == "赌博网站"
    listing = client.get("/messages/list/").content.decode()
    assert "赌博网站" not in listing
    assert "（留言内容审核中）" in listing
