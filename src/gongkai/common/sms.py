"""Text messages (短信) to citizens, through a pluggable gateway backend.

No SMS gateway is reachable from a development machine, so the default backend prints to the
console; a deployment names its own backend in `GONGKAI_SMS_BACKEND` (a dotted path to a subclass
of `SmsBackend`) — the adapter for its operator's or cloud provider's gateway — and gets its
settings from the environment in its `__init__`. `HttpJsonBackend` is a ready adapter for a
gateway that takes one JSON POST per message (common for the provincial 政务短信平台).

Like e-mail (`common/mail.py`), a message leaves through the background worker after the
transaction that caused it commits: a slow gateway never holds up a citizen or a clerk, nothing is
sent for a write that rolled back, and a failed send stays as a failed task result.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task

from .identifiers import mobile_number

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str


class SmsError(Exception):
    """The gateway refused or could not be reached; the task fails and is kept."""


class SmsBackend:
    """The interface a deployment's gateway adapter implements."""

    def send(self, message: Sms) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    """Writes each message to standard output (development and demo)."""

    def send(self, message: Sms) -> None:
        sys.stdout.write(f"[短信] 发往 {message.phone}：{message.text}\n")
        sys.stdout.flush()


outbox: list[Sms] = []
_outbox_lock = threading.Lock()


class LocmemBackend(SmsBackend):
    """Keeps messages in `gongkai.common.sms.outbox` (tests read and clear it)."""

    def send(self, message: Sms) -> None:
        with _outbox_lock:
            outbox.append(message)


class HttpJsonBackend(SmsBackend):
    """POSTs {"phone", "text", "sign"} as JSON to `GONGKAI_SMS_GATEWAY_URL` with a bearer token.

    Any 2xx answer counts as accepted; anything else raises `SmsError`, which fails the task.
    """

    def __init__(self) -> None:
        self.url = settings.GONGKAI_SMS_GATEWAY_URL
        self.token = settings.GONGKAI_SMS_GATEWAY_TOKEN
        if not self.url:
            raise SmsError("GONGKAI_SMS_GATEWAY_URL 未设置")

    def send(self, message: Sms) -> None:
        body = json.dumps(
            {"phone": message.phone, "text": message.text, "sign": settings.GONGKAI_SMS_SIGNATURE},
            ensure_ascii=False,
        ).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if not 200 <= response.status < 300:
                    raise SmsError(f"短信网关返回 {response.status}")
        except OSError as exc:
            raise SmsError(f"短信网关不可用：{exc}") from exc


def get_backend() -> SmsBackend:
    return import_string(settings.GONGKAI_SMS_BACKEND)()


def compose(text: str) -> str:
    """The text as sent: the deployment's signature (【示范县人民政府】) first, as operators require."""
    signature = settings.GONGKAI_SMS_SIGNATURE
    return text if not signature or text.startswith(signature) else f"{signature}{text}"


@task()
def send_sms_task(phone: str, text: str) -> None:
    get_backend().send(Sms(phone, text))


def queue_sms(phone: str, text: str) -> bool:
    """Send after commit, through the task queue; False (nothing queued) when `phone` is no mobile
    number (a landline cannot receive a text; the caller says so on its page)."""
    phone = mobile_number(phone)
    if not phone:
        return False
    message = compose(text)
    transaction.on_commit(lambda: send_sms_task.enqueue(phone, message))
    return True
