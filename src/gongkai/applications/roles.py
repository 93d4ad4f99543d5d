"""Who may open 依申请公开 case pages at all (least privilege).

The roles that handle applications (clerk, reviewer, signer) and the supervising office. Others —
responders, opinion analysts, spokespersons, secrecy reviewers, system administrators — get 403
on every case page, even within their own agency, since a case holds the applicant's request.
Superusers (installation administrators) pass, as everywhere.
"""

from gongkai.agencies.models import Role

CASE_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)
