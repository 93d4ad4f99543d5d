"""What an installation configures: its mailboxes and its deadline rules (RULES.md §7 is
provincial — each province sets its own periods per kind and channel)."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.models import Role, Staff
from gongkai.audit.actions import audited_update, record_audit, snapshot
from gongkai.common.errors import ActionRefused

from ..models import Channel, DeadlineRule, Kind, Mailbox, MailboxKind

RULE_FIELDS = ["kind", "channel", "reply_days", "max_extension_days", "return_days", "veto_warning_days"]
MAILBOX_FIELDS = ["agency", "name", "kind", "intro", "is_active", "order"]


def _check_admin(actor: Staff | None, what: str) -> None:
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN)):
        raise ActionRefused(f"{what}需要系统管理员角色")


def _check_rule(rule: DeadlineRule) -> None:
    if rule.kind not in ("", *Kind.values):
        raise ActionRefused("留言类型无效", field="kind")
    if rule.channel not in ("", *Channel.values):
        raise ActionRefused("来源渠道无效", field="channel")
    if not 1 <= (rule.reply_days or 0) <= 60:
        raise ActionRefused("答复期限应为1至60个工作日", field="reply_days")
    if not 0 <= (rule.max_extension_days or 0) <= 60:
        raise ActionRefused("最长延期应为0至60个工作日", field="max_extension_days")
    if not 1 <= (rule.return_days or 0) <= 10:
        raise ActionRefused("退回期限应为1至10个工作日", field="return_days")
    if not 1 <= (rule.veto_warning_days or 0) <= 89:
        raise ActionRefused("超期预警应早于3个月期限（1至89天）", field="veto_warning_days")
    clash = DeadlineRule.objects.filter(kind=rule.kind, channel=rule.channel).exclude(pk=rule.pk)
    if clash.exists():
        raise ActionRefused("已有同一留言类型和来源渠道的规则，请修改该规则", field="kind")


@transaction.atomic
def create_deadline_rule(actor, **values) -> DeadlineRule:
    _check_admin(actor, "新增办理时限规则")
    rule = DeadlineRule(**{k: v for k, v in values.items() if k in RULE_FIELDS})
    rule.kind, rule.channel = rule.kind or "", rule.channel or ""
    _check_rule(rule)
    rule.save()
    record_audit(
        actor=actor, action="interaction.deadline_rule.save", target=rule, after=snapshot(rule, RULE_FIELDS)
    )
    return rule


@transaction.atomic
def update_deadline_rule(actor, rule: DeadlineRule, **values) -> DeadlineRule:
    """New periods apply to messages received from now on; running clocks keep theirs."""
    _check_admin(actor, "修改办理时限规则")
    rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
    changes = {k: (v or "") if k in ("kind", "channel") else v for k, v in values.items() if k in RULE_FIELDS}
    audited_update(
        actor, rule, RULE_FIELDS, changes, action="interaction.deadline_rule.save", check=_check_rule
    )
    return rule


@transaction.atomic
def update_mailbox(actor, mailbox: Mailbox, **values) -> Mailbox:
    _check_admin(actor, "修改信箱")
    mailbox = Mailbox.objects.select_for_update().get(pk=mailbox.pk)

    def check(m: Mailbox) -> None:
        if not (m.name or "").strip():
            raise ActionRefused("请填写信箱名称", field="name")
        if m.kind not in MailboxKind.values:
            raise ActionRefused("请选择信箱类型", field="kind")
        if Mailbox.objects.filter(name=m.name).exclude(pk=m.pk).exists():
            raise ActionRefused(f"已有名为“{m.name}”的信箱", field="name")

    changes = {k: v for k, v in values.items() if k in MAILBOX_FIELDS}
    audited_update(actor, mailbox, MAILBOX_FIELDS, changes, action="interaction.mailbox.update", check=check)
    return mailbox
