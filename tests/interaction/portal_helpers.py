"""Objects of 县财政局 for the public side and the hotline, built through the real actions (for the
scope registry)."""

from __future__ import annotations

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.interaction import actions
from gongkai.interaction.models import ApiToken, Mailbox
from tests.conftest import PASSWORD


def finance_mailbox(county) -> Mailbox:
    if not Mailbox.objects.filter(agency=county.finance).exists():
        actions.ensure_mailboxes(None, county.government)
    return Mailbox.objects.get(agency=county.finance)


def finance_token(county) -> ApiToken:
    """A token issued by 县财政局's system administrator 何静; made once per test."""
    existing = ApiToken.objects.filter(agency=county.finance).first()
    if existing:
        return existing
    admin = create_staff(
        None,
        username="hejing",
        password=PASSWORD,
        agency=county.finance,
        full_name="何静",
        roles=[Role.SYSADMIN],
    )
    token, _raw = actions.issue_api_token(admin, name="县财政局专线对接")
    return token


def finance_attachment(county):
    """A photo attached to a message dispatched to 县财政局; made once per test."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.interaction.models import MessageAttachment
    from tests.interaction.helpers import office_clerk

    existing = MessageAttachment.objects.filter(message__lead_agency=county.finance).first()
    if existing:
        return existing
    photo = SimpleUploadedFile("路面.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    message, _ = actions.submit_message(
        mailbox=_county_box(county),
        idempotency_key="scope-attachment",
        kind="complaint",
        subject="财政局门前路面破损",
        body="财政局门前路面破损，见附图。",
        writer_name="张三",
        writer_phone="13812345678",
        attachments=[photo],
    )
    actions.dispatch_message(office_clerk(county), message, lead_agency=county.finance)
    return message.attachments.get()


def _county_box(county) -> Mailbox:
    if not Mailbox.objects.filter(agency=county.government).exists():
        actions.ensure_mailboxes(None, county.government)
    return Mailbox.objects.get(agency=county.government)
