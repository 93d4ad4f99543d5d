"""Who may do what in oversight (shared by the parts)."""

from gongkai.agencies.models import Role

STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)
SUPERVISORS = (Role.SUPERVISOR,)
