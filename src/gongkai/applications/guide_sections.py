"""依申请公开's sections of the government's 公开指南 page (registered in apps.py): how to apply, how
the application is handled and in what time, and what it may cost — from the same rules and fee
tiers the case handling uses."""

from __future__ import annotations

from django.conf import settings

from .actions._common import ANSWER_DAYS, CORRECTION_NOTICE_DAYS, INQUIRY_DAYS, MAX_EXTENSION_DAYS
from .fees import FEE_BASIS, application_standard, volume_standard


def on_request_section(request, site) -> dict:
    return {
        "answer_days": ANSWER_DAYS,
        "correction_days": CORRECTION_NOTICE_DAYS,
        "inquiry_days": INQUIRY_DAYS,
        "extension_days": MAX_EXTENSION_DAYS,
    }


def fees_section(request, site) -> dict:
    return {
        "basis": FEE_BASIS,
        "by_application": application_standard(),
        "by_volume": volume_standard(),
        "payment_days": settings.GONGKAI_FEE_PAYMENT_WORKDAYS,
    }
