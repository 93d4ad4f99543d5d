"""After and above the case: 督办 by the supervising office, 行政复议 and 行政诉讼 (表四)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.mail import queue_mail

from ..models import Appeal, AppealKind, AppealResult, Application, Supervision
from ._common import _audit, _check_scope, _day, _go, _lock, _zh


@transaction.atomic
def supervise_application(
    actor, application: Application, *, note: str, on: date | None = None
) -> Supervision:
    """督办 by the supervising office; recorded on the case and sent to its handler."""
    application = _lock(application)  # the state the table checks is the stored one
    _go(actor, application, "supervise")
    if not (note or "").strip():
        raise ActionRefused("请填写督办意见", field="note")
    on = _day(on, "督办日期")
    supervision = Supervision.objects.create(
        application=application, issued_by=actor, issued_on=on, note=note.strip()
    )
    _audit(actor, application, "supervise", None, note=note.strip())
    handler_email = application.handler.email if application.handler_id else ""
    if handler_email:
        queue_mail(f"督办：政府信息公开申请 {application.receipt_code}", note, [handler_email])
    return supervision


@transaction.atomic
def record_appeal(
    actor,
    application: Application,
    *,
    kind: str,
    filed_on: date,
    result: str = AppealResult.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> Appeal:
    """行政复议 / 行政诉讼 against the reply (表四)."""
    application = _lock(application)
    _go(actor, application, "record_appeal")
    if kind not in AppealKind.values:
        raise ActionRefused("请选择案件类型", field="kind")
    if result not in AppealResult.values:
        raise ActionRefused("请选择结果", field="result")
    _day(filed_on, "提起日期", "filed_on", default_today=False)
    if decided_on is not None:
        _day(decided_on, "审结日期", "decided_on")
    if result == AppealResult.PENDING and decided_on:
        raise ActionRefused("尚未审结的案件不应填写审结日期", field="decided_on")
    if result != AppealResult.PENDING and not decided_on:
        raise ActionRefused("已审结的案件请填写审结日期", field="decided_on")
    if decided_on and decided_on < filed_on:
        raise ActionRefused("审结日期不能早于提起日期", field="decided_on")
    appeal = Appeal.objects.create(
        application=application,
        kind=kind,
        filed_on=filed_on,
        result=result,
        decided_on=decided_on,
        note=note.strip(),
    )
    record_audit(
        actor=actor,
        action="applications.appeal.record",
        target=appeal,
        agency=application.agency,
        after=snapshot(appeal, ["kind", "filed_on", "result", "decided_on"]),
    )
    return appeal


@transaction.atomic
def decide_appeal(actor, appeal: Appeal, *, result: str, decided_on: date) -> Appeal:
    """审结 of a 行政复议 or 行政诉讼 recorded as pending (表四 counts it by its result)."""
    appeal = (
        Appeal.objects.select_for_update(of=("self",)).select_related("application__agency").get(pk=appeal.pk)
    )
    _check_scope(actor, appeal.application)
    if appeal.result != AppealResult.PENDING:
        raise ActionRefused(
            f"该案件已于{_zh(appeal.decided_on)}审结（{appeal.get_result_display()}），不能再次审结"
        )
    if result not in AppealResult.values or result == AppealResult.PENDING:
        raise ActionRefused("请选择审结结果", field="result")
    _day(decided_on, "审结日期", "decided_on", default_today=False)
    if decided_on < appeal.filed_on:
        raise ActionRefused("审结日期不能早于提起日期", field="decided_on")
    before = snapshot(appeal, ["result", "decided_on"])
    appeal.result, appeal.decided_on = result, decided_on
    appeal.save()
    record_audit(
        actor=actor,
        action="applications.appeal.decide",
        target=appeal,
        agency=appeal.application.agency,
        before=before,
        after=snapshot(appeal, ["result", "decided_on"]),
    )
    return appeal


def decide_application_appeal(
    actor, application: Application, *, appeal: Appeal, result: str, decided_on: date
) -> Appeal:
    """The workflow action 审结: the decision of one pending appeal of this application."""
    _go(actor, application, "decide_appeal")
    if appeal.application_id != application.pk:
        raise ActionRefused("该案件不属于本申请", field="appeal")
    return decide_appeal(actor, appeal, result=result, decided_on=decided_on)
