"""Every write of 培训: a session and its sign-in sheet, atomic, checked, audited."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused

from .models import Attendance, TrainingSession

SESSION_FIELDS = ["title", "held_on", "organiser", "hours", "kind", "materials"]
ORGANISERS = (Role.CLERK, Role.SUPERVISOR)


def _check_organiser(actor, organiser: Agency) -> None:
    if actor is None or actor.is_superuser:
        return
    if not actor.has_role(*ORGANISERS):
        raise ActionRefused("登记培训需要以下角色之一：信息公开工作人员、主管部门")
    if not can_see_agency(actor, organiser):
        raise ActionRefused(f"您不能登记{organiser}主办的培训", field="organiser")


@transaction.atomic
def create_session(
    actor, *, title: Any, held_on: date | None, organiser: Agency, hours: Any, kind: str,
    agencies, materials: Any = "",
) -> TrainingSession:  # fmt: skip
    _check_organiser(actor, organiser)
    title = str(title or "").strip()
    if not title or len(title) > 200:
        raise ActionRefused("请填写培训主题（200字以内）", field="title")
    if held_on is None:
        raise ActionRefused("请填写培训日期", field="held_on")
    if held_on > timezone.localdate():
        raise ActionRefused("培训日期不能晚于今天：请在培训举办后登记", field="held_on")
    try:
        hours = Decimal(str(hours))
    except (InvalidOperation, TypeError):
        hours = Decimal(0)
    if not Decimal("0.5") <= hours <= Decimal(200):
        raise ActionRefused("学时应在0.5至200之间", field="hours")
    if kind not in TrainingSession.Kind.values:
        raise ActionRefused("请选择培训形式", field="kind")
    agencies = list(agencies or [])
    if not agencies:
        raise ActionRefused("请选择参训单位", field="agencies")
    outside = [a.name for a in agencies if actor is not None and not can_see_agency(actor, a)]
    if outside:
        raise ActionRefused(f"{'、'.join(outside)}不在您的管辖范围内", field="agencies")
    session = TrainingSession.objects.create(
        title=title,
        held_on=held_on,
        organiser=organiser,
        hours=hours,
        kind=kind,
        materials=str(materials or "").strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    session.agencies.set(agencies)
    record_audit(
        actor=actor,
        action="oversight.training.create",
        target=session,
        agency=organiser,
        after={**snapshot(session, SESSION_FIELDS), "agencies": [a.name for a in agencies]},
    )
    return session


def may_sign(actor, session: TrainingSession) -> bool:
    if actor is None or actor.is_superuser:
        return True
    return actor.has_role(*ORGANISERS) and can_see_agency(actor, session.organiser)


@transaction.atomic
def record_attendance(
    actor, session: TrainingSession, *, present: list[Staff], absent: list[Staff] = (),
    externals: list[tuple[str, Agency]] = (), signed_in_at: datetime | None = None,
) -> int:  # fmt: skip
    """The sign-in sheet: staff present and absent (bulk), and named people without an account.
    Signing someone in again updates the row: the sheet can be corrected, never duplicated."""
    session = TrainingSession.objects.select_for_update().select_related("organiser").get(pk=session.pk)
    if not may_sign(actor, session):
        raise ActionRefused(f"只有{session.organiser}的信息公开工作人员或主管部门可以登记签到")
    allowed = set(session.agencies.values_list("pk", flat=True))
    signed_in_at = signed_in_at or timezone.make_aware(datetime.combine(session.held_on, datetime.min.time()))
    rows = [(s, True) for s in present] + [(s, False) for s in absent if s not in present]
    if not rows and not externals:
        raise ActionRefused("请至少勾选一名参训人员或填写一名其他人员")
    for staff, _ in rows:
        if staff.agency_id not in allowed:
            raise ActionRefused(f"{staff}所在的{staff.agency}不是本次培训的参训单位")
    for name, agency in externals:
        if agency is None or agency.pk not in allowed:
            raise ActionRefused(f"{name}的单位不是本次培训的参训单位")
        if not name.strip() or len(name) > 50:
            raise ActionRefused("其他人员的姓名应在50字以内")
    n = 0
    for staff, attended in rows:
        Attendance.objects.update_or_create(
            session=session,
            staff=staff,
            defaults={"agency_id": staff.agency_id, "attended": attended,
                      "signed_in_at": signed_in_at if attended else None},
        )  # fmt: skip
        n += 1
    for name, agency in externals:
        Attendance.objects.update_or_create(
            session=session,
            staff=None,
            agency=agency,
            external_name=name.strip(),
            defaults={"attended": True, "signed_in_at": signed_in_at},
        )
        n += 1
    record_audit(
        actor=actor,
        action="oversight.training.sign_in",
        target=session,
        agency=session.organiser,
        after={
            "present": [s.pk for s in present],
            "absent": [s.pk for s in absent],
            "externals": [name for name, _ in externals],
        },
    )
    return n
