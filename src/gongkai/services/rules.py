"""Who may do what in the services app, and the publication limit of enforcement decisions.

Every record belongs to one agency. Its staff (and supervisors whose scope covers it) see it;
its clerks (and those supervisors) prepare power lists, decisions, guides and cases; its reviewers
and signers (and those supervisors) approve a power list.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import can_see_agency
from gongkai.common.errors import ActionRefused

MAKERS = (Role.CLERK, Role.SUPERVISOR)
APPROVERS = (Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)
STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)

# 国办发〔2018〕118号: 行政许可 and 行政处罚 within 7 working days, the others within 20 (settings).
SHORT_LIMIT_KINDS = ("licensing", "penalty")


def may_make(user, agency: Agency) -> bool:
    return user.is_superuser or (user.has_role(*MAKERS) and can_see_agency(user, agency))


def check_maker(user, agency: Agency, doing: str) -> None:
    if user is None:  # a command or the demo
        return
    if not may_make(user, agency):
        raise ActionRefused(f"只有{agency}的经办人员（或其主管部门）可以{doing}")


def publish_workdays(kind: str) -> int:
    if kind in SHORT_LIMIT_KINDS:
        return settings.GONGKAI_ENFORCEMENT_PUBLISH_WORKDAYS
    return settings.GONGKAI_ENFORCEMENT_OTHER_PUBLISH_WORKDAYS


def publish_deadline(kind: str, decided_on: date):
    """The `Deadline` (due date, provisional flag, day-by-day reasoning) for publishing a decision
    of `kind` made on `decided_on`, on the deployment's working-day calendar."""
    from gongkai.workdays.services import count_start_day, current_calendar

    return current_calendar().add_workdays(
        decided_on, publish_workdays(kind), count_start_day=count_start_day()
    )
