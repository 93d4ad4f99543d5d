"""Things of 县财政局 for the cross-app scope test (tests/scope_registry.py), built through the
actions and found again when asked twice."""

from __future__ import annotations

from gongkai.agencies.models import Role, Staff
from gongkai.newmedia import actions
from gongkai.newmedia.models import MediaAccount, OutboxItem, Release

ACCOUNT_NAME = "财政惠民号"
RELEASE_TITLE = "示范县财政局关于惠民资金发放的公告"


def _staff(username: str, full_name: str, agency, role: str) -> Staff:
    from tests.conftest import _person

    return Staff.objects.filter(username=username).first() or _person(username, full_name, agency, role)


def finance_account(county) -> MediaAccount:
    existing = MediaAccount.objects.filter(name=ACCOUNT_NAME).first()
    if existing:
        return existing
    clerk = _staff("nm_clerk", "钱多", county.finance, Role.CLERK)
    reviewer = _staff("nm_reviewer", "孔审", county.finance, Role.REVIEWER)
    account = actions.register_account(clerk, platform="wechat", name=ACCOUNT_NAME, person_in_charge="钱多")
    return actions.approve_account(reviewer, account)


def finance_item(county) -> OutboxItem:
    """The package item of a release of a published document of 县财政局 to its WeChat account."""
    release = Release.objects.filter(title=RELEASE_TITLE).first()
    if release is None:
        from tests.publishing.builders import Team, published

        team = Team(
            _staff("nm_clerk", "钱多", county.finance, Role.CLERK),
            _staff("nm_reviewer", "孔审", county.finance, Role.REVIEWER),
            _staff("nm_signer", "孙签", county.finance, Role.SIGNER),
            _staff("nm_secrecy", "周密", county.finance, Role.SECRECY_REVIEWER),
        )
        doc = published(team, title=RELEASE_TITLE)
        release, _ = actions.release_to_channels(team.clerk, doc, [f"account:{finance_account(county).pk}"])
    return release.items.get()
