"""The registry of accounts: register (clerk), approve or reject (reviewer), edit, close, merge."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import crypto
from gongkai.common.errors import ActionRefused

from ..models import HOLDS_PLACE, AccountState, Delivery, MediaAccount, Platform
from ..workflow import ACCOUNTS

FIELDS = [
    "agency",
    "platform",
    "name",
    "account_id",
    "page_url",
    "filed_on",
    "person_in_charge",
    "offers_interaction",
    "feed_url",
    "delivery",
    "webhook_url",
    "state",
    "ended_on",
    "end_reason",
    "merged_into",
]
EDITABLE = [
    "platform",
    "name",
    "account_id",
    "page_url",
    "filed_on",
    "person_in_charge",
    "offers_interaction",
    "feed_url",
    "delivery",
    "webhook_url",
]


def _clean(account: MediaAccount) -> None:
    if account.platform not in Platform.values:
        raise ActionRefused("请选择平台", field="platform")
    account.name = (account.name or "").strip()
    account.person_in_charge = (account.person_in_charge or "").strip()
    if not account.name:
        raise ActionRefused("请填写账号名称", field="name")
    if not account.person_in_charge:
        raise ActionRefused("请填写负责人", field="person_in_charge")
    for name in ("page_url", "feed_url", "webhook_url"):
        value = (getattr(account, name) or "").strip()
        if value and not value.startswith(("http://", "https://")):
            raise ActionRefused("请输入以 http:// 或 https:// 开头的完整网址", field=name)
        setattr(account, name, value)
    if account.delivery == Delivery.WEBHOOK and not (account.webhook_url and account.webhook_secret):
        raise ActionRefused("接口推送需要填写推送接口地址和签名密钥", field="webhook_url")
    if account.filed_on and account.filed_on > timezone.localdate():
        raise ActionRefused("备案日期不能晚于今天", field="filed_on")
    _check_one_per_platform(account)


def _check_one_per_platform(account: MediaAccount) -> None:
    if account.state not in HOLDS_PLACE:
        return
    other = (
        MediaAccount.objects.filter(
            agency_id=account.agency_id, platform=account.platform, state__in=HOLDS_PLACE
        )
        .exclude(pk=account.pk)
        .first()
    )
    if other is not None:
        raise ActionRefused(_duplicate_message(account, other), field="platform")


def _duplicate_message(account: MediaAccount, other: MediaAccount) -> str:
    return (
        f"{account.agency.display_name}在{account.get_platform_display()}已有账号“{other.name}”"
        f"（{other.get_state_display()}）。同一单位在同一平台只能开设一个政务新媒体账号，"
        f"请先注销或整合原账号"
    )


def _save(account: MediaAccount) -> None:
    """Save, turning the database's one-account constraint (two clerks at once) into the same refusal."""
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError:
        other = (
            MediaAccount.objects.filter(
                agency_id=account.agency_id, platform=account.platform, state__in=HOLDS_PLACE
            )
            .exclude(pk=account.pk)
            .first()
        )
        if other is None:
            raise
        raise ActionRefused(_duplicate_message(account, other), field="platform") from None


@transaction.atomic
def register_account(
    actor, *, agency: Agency | None = None, webhook_secret: str = "", **values
) -> MediaAccount:
    """A clerk registers an account of their agency (a supervisor: of an agency in scope); it waits
    for a reviewer's approval."""
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.CLERK, Role.SUPERVISOR)):
        raise ActionRefused("登记政务新媒体账号需要信息公开工作人员或主管部门角色")
    agency = agency or getattr(actor, "agency", None)
    if agency is None:
        raise ActionRefused("请选择主办单位", field="agency")
    if actor is not None and not can_see_agency(actor, agency):
        raise ActionRefused("只能为本单位（或督查范围内的单位）登记账号", field="agency")
    account = MediaAccount(agency=agency, registered_by=actor if getattr(actor, "pk", None) else None)
    for name in EDITABLE:
        if name in values:
            setattr(account, name, values[name] if values[name] is not None else getattr(account, name))
    account.webhook_secret = crypto.encrypt(webhook_secret) if webhook_secret else ""
    account.page_url, account.feed_url, account.webhook_url = (
        account.page_url or "",
        account.feed_url or "",
        account.webhook_url or "",
    )
    _clean(account)
    _save(account)
    record_audit(
        actor=actor, action="newmedia.account.register", target=account, after=snapshot(account, FIELDS)
    )
    return account


def _lock(account: MediaAccount) -> MediaAccount:
    return MediaAccount.objects.select_for_update(of=("self",)).select_related("agency").get(pk=account.pk)


def _move(actor, account: MediaAccount, action: str, code: str, **changes) -> MediaAccount:
    account = _lock(account)
    transition = ACCOUNTS.check(actor, account, action)
    before = snapshot(account, FIELDS)
    for name, value in changes.items():
        setattr(account, name, value)
    account.state = ACCOUNTS.target(account, transition)
    _clean(account)
    _save(account)
    record_audit(actor=actor, action=code, target=account, before=before, after=snapshot(account, FIELDS))
    return account


@transaction.atomic
def approve_account(actor, account: MediaAccount, *, note: str = "") -> MediaAccount:
    account = _move(
        actor,
        account,
        "approve",
        "newmedia.account.approve",
        review_note=note.strip(),
        approved_at=timezone.now(),
    )
    if account.filed_on is None:
        account.filed_on = timezone.localdate()
        account.save(update_fields=["filed_on"])
    return account


@transaction.atomic
def reject_account(actor, account: MediaAccount, *, reason: str) -> MediaAccount:
    if not (reason or "").strip():
        raise ActionRefused("请填写不予通过的理由", field="reason")
    return _move(actor, account, "reject", "newmedia.account.reject", review_note=reason.strip())


@transaction.atomic
def update_account(actor, account: MediaAccount, *, webhook_secret: str = "", **values) -> MediaAccount:
    changes = {name: values[name] for name in EDITABLE if name in values}
    for name in ("page_url", "feed_url", "webhook_url", "account_id"):
        if name in changes:
            changes[name] = changes[name] or ""
    if webhook_secret:
        changes["webhook_secret"] = crypto.encrypt(webhook_secret)
    if changes.get("feed_url", account.feed_url) != account.feed_url:
        changes.update(feed_etag="", feed_last_modified="", feed_error="")
    return _move(actor, account, "edit", "newmedia.account.update", **changes)


def _end(reason: str, ended_on: date | None) -> dict:
    if not (reason or "").strip():
        raise ActionRefused("请填写原因", field="reason")
    if ended_on is None:
        raise ActionRefused("请填写日期", field="ended_on")
    if ended_on > timezone.localdate():
        raise ActionRefused("日期不能晚于今天", field="ended_on")
    return {"end_reason": reason.strip(), "ended_on": ended_on, "breaches": []}


@transaction.atomic
def close_account(actor, account: MediaAccount, *, reason: str, ended_on: date | None = None) -> MediaAccount:
    return _move(actor, account, "close", "newmedia.account.close", **_end(reason, ended_on))


@transaction.atomic
def merge_account(
    actor, account: MediaAccount, *, into: MediaAccount, reason: str, ended_on: date | None = None
) -> MediaAccount:
    if into is None or into.pk == account.pk:
        raise ActionRefused("请选择整合至的账号", field="into")
    into = MediaAccount.objects.select_related("agency").get(pk=into.pk)
    if into.state != AccountState.ACTIVE:
        raise ActionRefused(f"“{into.name}”不在运营中，不能整合至该账号", field="into")
    if actor is not None and not can_see_agency(actor, into.agency) and not actor.is_superuser:
        raise ActionRefused("只能整合至本单位或督查范围内的账号", field="into")
    return _move(
        actor, account, "merge", "newmedia.account.merge", merged_into=into, **_end(reason, ended_on)
    )
