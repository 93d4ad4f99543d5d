"""Building applications through the real actions, for tests and the scope registry."""

from __future__ import annotations

import uuid
from datetime import date

from gongkai.applications import actions
from gongkai.applications.models import Application
from gongkai.common.identifiers import make_credit_code, make_resident_id

ZHANG_SAN_ID = make_resident_id("37099919800101123")
ZHANG_SAN_PHONE = "13812345678"
CITIZEN = {
    "kind": "natural",
    "name": "张三",
    "identity_number": ZHANG_SAN_ID,
    "phone": ZHANG_SAN_PHONE,
    "address": "示范县城关镇人民路18号",
    "email": "zhangsan@example.com",
}
COMPANY = {
    "kind": "business",
    "name": "示范县恒达建材有限公司",
    "identity_number": make_credit_code("91370999MA3C4D5E6"),
    "phone": "0539-8123456",
    "address": "示范县经济开发区工业路2号",
}
REQUEST = {
    "description": "2026年示范县财政局部门预算公开说明",
    "doc_number": "示财发〔2026〕3号",
    "form_wanted": "paper",
    "delivery": "post",
}


def submit(agency, *, applicant=None, request=None, key=None, submitted_on=None) -> Application:
    application, _ = actions.submit_application(
        agency=agency,
        applicant=applicant or CITIZEN,
        request=request or REQUEST,
        idempotency_key=key or uuid.uuid4().hex,
        submitted_on=submitted_on,
    )
    return application


def register(actor, agency, *, on: date, channel="in_person", applicant=None, request=None) -> Application:
    dates = {"in_person": "submitted_on", "oral": "submitted_on", "registered_mail": "signed_on"}
    field = dates.get(channel, "confirmed_on")
    return actions.register_application(
        actor,
        agency=agency,
        channel=channel,
        applicant=applicant or CITIZEN,
        request=request or REQUEST,
        **{field: on},
    )


def finance_application(county, people) -> Application:
    """An accepted application of 县财政局 (for tests/scope_registry.py)."""
    return register(people["owner"], county.finance, on=date(2026, 11, 2))


def finance_notice(county, people, *, sent: bool = False):
    """The 受理回执 of a 县财政局 application; sent (with its .docx) if `sent`."""
    notice = finance_application(county, people).notices.get(kind="acceptance")
    if sent:
        notice = actions.send_notice(people["owner"], notice)
    return notice


def finance_release(county, people):
    app = finance_application(county, people)
    return actions.release_redacted(
        people["owner"],
        app,
        title="2026年部门预算",
        text="预算总额100万元。联系人王五，电话13900001111。",
        redactions=[{"part": "王五，电话13900001111", "reason": "个人隐私"}],
    )


def extend(clerk, signer, application: Application, *, days: int, reason: str, on: date):
    """延期 as the law has it: the clerk asks, the signer approves from the signer's own account."""
    actions.request_extension(clerk, application, days=days, reason=reason, on=on)
    return actions.extend_application(signer, application, on=on)
