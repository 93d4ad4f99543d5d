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
