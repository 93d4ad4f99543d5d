"""Messages built through the real actions, for tests outside this folder (the scope registry)."""

from __future__ import annotations

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role, Staff
from gongkai.interaction import actions
from gongkai.interaction.models import Mailbox, Message
from tests.conftest import PASSWORD


def office_clerk(county) -> Staff:
    existing = Staff.objects.filter(username="zhoumin").first()
    return existing or create_staff(
        None,
        username="zhoumin",
        password=PASSWORD,
        agency=county.office,
        full_name="周敏",
        roles=[Role.CLERK],
    )


def finance_message(county) -> Message:
    """A message to 县长信箱 (written by 张三), dispatched by 县政府办公室 to 县财政局; made once per test."""
    existing = Message.objects.filter(subject="财政补贴发放咨询").first()
    if existing:
        return existing
    actions.ensure_mailboxes(None, county.government)
    message, _ = actions.submit_message(
        mailbox=Mailbox.objects.get(agency=county.government),
        idempotency_key="scope-finance",
        kind="inquiry",
        subject="财政补贴发放咨询",
        body="请问今年的种粮补贴何时发放？",
        writer_name="张三",
        writer_phone="13812345678",
        public_consent=True,
    )
    return actions.dispatch_message(office_clerk(county), message, lead_agency=county.finance)
