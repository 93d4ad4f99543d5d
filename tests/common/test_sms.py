"""Text messages leave through the configured backend, after commit, to mobile numbers only."""

from __future__ import annotations

import pytest
from django.db import transaction

from gongkai.common import sms
from gongkai.common.identifiers import mobile_number


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.mark.parametrize(
    ("phone", "mobile"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("0531-88886666", ""),
        ("12345678901", ""),
        ("", ""),
    ],
)
def test_mobile_number(phone, mobile):
    assert mobile_number(phone) == mobile


@pytest.mark.django_db(transaction=True)
def test_queued_message_is_sent_after_commit_with_the_signature(settings):
    settings.GONGKAI_SMS_SIGNATURE = "【示范县人民政府】"
    with transaction.atomic():
        assert sms.queue_sms("138 1234 5678", "您的留言已答复。")
        assert sms.outbox == []  # not before the commit
    assert sms.outbox == [sms.Sms("13812345678", "【示范县人民政府】您的留言已答复。")]


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_write_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        sms.queue_sms("13812345678", "您的留言已答复。")
        raise RuntimeError
    assert sms.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_landline_gets_no_text():
    assert sms.queue_sms("0531-88886666", "您的留言已答复。") is False
    assert sms.outbox == []


def test_console_backend_prints(capsys):
    sms.ConsoleBackend().send(sms.Sms("13812345678", "测试"))
    assert "13812345678" in capsys.readouterr().out


def test_the_backend_is_chosen_by_settings(settings):
    settings.GONGKAI_SMS_BACKEND = "gongkai.common.sms.ConsoleBackend"
    assert isinstance(sms.get_backend(), sms.ConsoleBackend)


def test_http_backend_refuses_without_a_gateway(settings):
    settings.GONGKAI_SMS_GATEWAY_URL = ""
    with pytest.raises(sms.SmsError, match="GONGKAI_SMS_GATEWAY_URL 未设置"):
        sms.HttpJsonBackend()


def _gateway(status: int):
    """A local gateway on a free port answering `status`; returns (server, received bodies)."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Authorization"], json.loads(body)))
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


@pytest.mark.parametrize("status", [200, 500])
def test_http_backend_posts_json_and_fails_on_an_error_answer(settings, status):
    server, received = _gateway(status)
    try:
        settings.GONGKAI_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
        settings.GONGKAI_SMS_GATEWAY_TOKEN = "secret-token"
        settings.GONGKAI_SMS_SIGNATURE = "【示范县】"
        backend = sms.HttpJsonBackend()
        if status == 200:
            backend.send(sms.Sms("13812345678", "测试"))
        else:
            with pytest.raises(sms.SmsError, match="短信网关"):
                backend.send(sms.Sms("13812345678", "测试"))
    finally:
        server.shutdown()
    assert received == [
        ("Bearer secret-token", {"phone": "13812345678", "text": "测试", "sign": "【示范县】"})
    ]
