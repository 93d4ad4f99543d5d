"""Answering a survey through the real portal pages with Django's test client."""

from __future__ import annotations

import re

from gongkai.common import sms


def form_key(client, survey) -> str:
    page = client.get(f"/surveys/{survey.pk}/").content.decode()
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)


def ask_code(client, survey, phone: str, data: dict, capture) -> str:
    """Press 获取验证码; the code from the SMS backend's outbox ("" when none was sent)."""
    before = len(sms.outbox)
    with capture(execute=True):
        client.post(f"/surveys/{survey.pk}/", {**data, "phone": phone, "send_code": "1"})
    sent = [m.text for m in sms.outbox[before:] if m.phone == phone]
    return re.search(r"验证码(\d{6})", sent[-1]).group(1) if sent else ""


def submit(client, survey, data: dict, *, key: str, phone: str = "", code: str = ""):
    return client.post(
        f"/surveys/{survey.pk}/",
        {**data, "idempotency_key": key, "phone": phone, "code": code, "submit": "1"},
    )


def answer_by_phone(client, survey, phone: str, data: dict, capture):
    key = form_key(client, survey)
    code = ask_code(client, survey, phone, data, capture)
    return submit(client, survey, data, key=key, phone=phone, code=code)
