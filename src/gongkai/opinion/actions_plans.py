"""Every write of watch plans (监测方案): checked by the grammar, atomic, audited.

Saving, enabling or disabling a plan bumps the plans' version in the shared cache (every process then
rebuilds its automaton on next use) and, after commit, re-matches the plan against recent posts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused

from . import planmatch
from .models import WatchPlan
from .planquery import GROUPS, PlanError, parse_plan

PLAN_FIELDS = ["name", "region", "subject", "event", "exclude", "expression", "enabled"]
NAME_MAX = 100
TEXT_MAX = 2000


def _check_actor(actor, agency) -> None:
    if not (actor.is_superuser or (actor.has_role(Role.OPINION_ANALYST) and actor.agency_id == agency.pk)):
        raise ActionRefused("只有本单位的舆情员可以维护监测方案")


def clean_plan(data: Mapping[str, Any]) -> dict[str, str]:
    """The plan's fields, stripped and checked; ActionRefused (with the field) for the first error."""
    values = {key: str(data.get(key) or "").strip() for key in PLAN_FIELDS if key != "enabled"}
    if not values["name"]:
        raise ActionRefused("请填写方案名称", field="name")
    if len(values["name"]) > NAME_MAX:
        raise ActionRefused(f"方案名称不能超过{NAME_MAX}字", field="name")
    for key in [k for k, _label in GROUPS] + ["expression"]:
        if len(values[key]) > TEXT_MAX:
            raise ActionRefused(f"内容不能超过{TEXT_MAX}字（现有{len(values[key])}字）", field=key)
    try:
        parse_plan(values, values["expression"])
    except PlanError as error:
        raise ActionRefused(str(error), field=error.field) from None
    return values


def _save(actor, plan: WatchPlan, values: dict[str, str], event: str, before: dict | None) -> WatchPlan:
    for key, value in values.items():
        setattr(plan, key, value)
    plan.updated_at = timezone.now()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise ActionRefused("本单位已有同名的监测方案", field="name") from None
    record_audit(
        actor=actor,
        action=f"opinion.plan.{event}",
        target=plan,
        agency=plan.owner,
        before=before,
        after=snapshot(plan, PLAN_FIELDS),
    )
    planmatch.plans_changed(plan.pk)
    return plan


@transaction.atomic
def create_plan(actor, data: Mapping[str, Any]) -> WatchPlan:
    agency = actor.agency
    if agency is None:
        raise ActionRefused("没有所属单位的账号不能新建监测方案")
    _check_actor(actor, agency)
    values = clean_plan(data)
    plan = WatchPlan(owner=agency, created_by=actor)
    return _save(actor, plan, values, "create", None)


@transaction.atomic
def update_plan(actor, plan: WatchPlan, data: Mapping[str, Any]) -> WatchPlan:
    plan = WatchPlan.objects.select_for_update().get(pk=plan.pk)
    _check_actor(actor, plan.owner)
    values = clean_plan(data)
    return _save(actor, plan, values, "update", snapshot(plan, PLAN_FIELDS))


@transaction.atomic
def set_plan_enabled(actor, plan: WatchPlan, enabled: bool) -> WatchPlan:
    plan = WatchPlan.objects.select_for_update().get(pk=plan.pk)
    _check_actor(actor, plan.owner)
    if plan.enabled == enabled:
        raise ActionRefused("该方案已经启用" if enabled else "该方案已经停用")
    before = snapshot(plan, PLAN_FIELDS)
    plan.enabled = enabled
    plan.updated_at = timezone.now()
    plan.save(update_fields=["enabled", "updated_at"])
    record_audit(
        actor=actor,
        action="opinion.plan.enable" if enabled else "opinion.plan.disable",
        target=plan,
        agency=plan.owner,
        before=before,
        after=snapshot(plan, PLAN_FIELDS),
    )
    planmatch.plans_changed(plan.pk)
    return plan
