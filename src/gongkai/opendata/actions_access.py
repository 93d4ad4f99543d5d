"""Every write of 有条件开放, the opening plan and 需求征集: atomic, checked, audited.

Applications and requests arrive from the portal without an actor and start a working-day clock of
the dataset's (or the chosen) agency; its staff decide or answer, which stops the clock. An approval
issues a personal token: the plain token is returned once (the page shows it once), the database
keeps its SHA-256. Token uses are logged as `TokenUse` rows, not audit entries: an API call is not a
change of state, and the audit chain's single head would serialise every call.

Audit snapshots never include the encrypted fields (names, contacts).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import submission
from gongkai.common.errors import ActionRefused
from gongkai.common.inputs import checked_text
from gongkai.ingest.masking import mask_text
from gongkai.workdays import actions as clocks

from .models import (
    AccessApplication,
    AccessState,
    AccessToken,
    DataRequest,
    Dataset,
    OpeningPlanItem,
    Openness,
    PlanItemState,
    RequestOutcome,
    RequestState,
    TokenUse,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
APPLICATION_SCOPE = "opendata-access"
REQUEST_SCOPE = "opendata-request"
TOKEN_PREFIX = "gkd_"

DECIDERS = (Role.REVIEWER, Role.SIGNER)  # decide 有条件开放 applications, revoke tokens
ANSWERERS = (Role.CLERK, Role.REVIEWER, Role.SIGNER)  # answer 需求征集
PLANNERS = (Role.CLERK, Role.SUPERVISOR)  # keep the opening plan

APPLICATION_FIELDS = ["receipt_code", "dataset", "state", "period_from", "period_to", "due_on", "reason"]
TOKEN_FIELDS = ["prefix", "dataset", "daily_rows", "daily_calls", "valid_from", "expires_on", "revoked_at"]
PLAN_FIELDS = ["year", "title", "agency", "planned_on", "openness", "state", "dataset", "opened_on", "note"]
REQUEST_FIELDS = ["receipt_code", "agency", "public_title", "state", "due_on", "outcome", "answer", "dataset"]

NAME_MAX = 100
CONTACT_MAX = 100
TEXT_MAX = 2000
MAX_PERIOD_DAYS = 3 * 366


def _today() -> date:
    return timezone.localdate()


def _text(value, what: str, field: str, *, limit: int = TEXT_MAX, required: bool = True) -> str:
    return checked_text(value, what, field, limit=limit, required=required)


def _code(prefix: str, model) -> str:
    for _attempt in range(5):
        body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{prefix}{_today().year}-{body[:4]}-{body[4:]}"
        if not model.objects.filter(receipt_code=code).exists():
            return code
    return code


def _require(actor, agency: Agency, roles: tuple[str, ...], doing: str) -> None:
    """Only staff of `agency` itself with one of `roles` (or a superuser) may do this."""
    if actor is None:
        raise ActionRefused(f"{doing}需要登录")
    if actor.is_superuser:
        return
    if actor.agency_id != agency.pk:
        raise ActionRefused(f"只有{agency.display_name}的工作人员才能{doing}")
    if not actor.has_role(*roles):
        labels = "、".join(str(Role(r).label) for r in roles)
        raise ActionRefused(f"{doing}需要以下角色之一：{labels}")


def _audit(actor, obj, code: str, fields: list[str], before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"opendata.{code}",
        target=obj,
        agency=obj.agency,
        before=before,
        after=snapshot(obj, fields),
        note=note,
    )


def _start_clock(obj, label: str, days: int):
    clock = clocks.start_clock(
        None,
        agency=obj.agency,
        label=label,
        limit_days=days,
        max_extension_days=0,
        started_on=obj.received_on,
    )
    obj.clock = clock
    obj.due_on = clock.due_on
    return clock


def _stop_clock(actor, obj) -> None:
    if obj.clock_id and obj.clock.state != obj.clock.State.STOPPED:
        clocks.stop_clock(actor, obj.clock, on=max(_today(), obj.clock.started_on))


# ---------------------------------------------------------------- 有条件开放


def submitted_application(idempotency_key: str) -> AccessApplication | None:
    """The application a portal form with this key already made, or None."""
    if not idempotency_key or len(idempotency_key) > 128:
        return None
    stored = submission.stored_key(APPLICATION_SCOPE, idempotency_key)
    return AccessApplication.objects.filter(idempotency_key=stored).first()


def _period(period_from: date | None, period_to: date | None) -> tuple[date, date]:
    if period_from is None:
        raise ActionRefused("请填写使用期限的开始日期", field="period_from")
    if period_to is None:
        raise ActionRefused("请填写使用期限的结束日期", field="period_to")
    if period_to < period_from:
        raise ActionRefused("使用期限的结束日期不能早于开始日期", field="period_to")
    if period_to < _today():
        raise ActionRefused("使用期限的结束日期不能早于今天", field="period_to")
    if (period_to - period_from).days > MAX_PERIOD_DAYS:
        raise ActionRefused("使用期限最长三年", field="period_to")
    return period_from, period_to


def submit_access_application(
    dataset: Dataset,
    *,
    applicant_name: str,
    organisation: str = "",
    contact: str,
    purpose: str,
    period_from: date | None,
    period_to: date | None,
    idempotency_key: str,
) -> tuple[AccessApplication, bool]:
    """An application from the portal: (application, True), or (the first one, False) when the
    same form was sent before."""
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("表单已过期，请刷新页面后重新提交")
    existing = submitted_application(idempotency_key)
    if existing is not None:
        return existing, False
    if dataset.openness != Openness.CONDITIONAL:
        raise ActionRefused("该数据集不属于有条件开放数据，无需申请")
    errors = []
    values = {}
    for field, what, value, limit, required in (
        ("applicant_name", "申请人姓名", applicant_name, NAME_MAX, True),
        ("organisation", "单位名称", organisation, NAME_MAX, False),
        ("contact", "联系方式", contact, CONTACT_MAX, True),
        ("purpose", "使用目的", purpose, TEXT_MAX, True),
    ):
        try:
            values[field] = _text(value, what, field, limit=limit, required=required)
        except ActionRefused as exc:
            errors.append(exc)
    try:
        period_from, period_to = _period(period_from, period_to)
    except ActionRefused as exc:
        errors.append(exc)
    if errors:
        raise errors[0]
    stored = submission.stored_key(APPLICATION_SCOPE, idempotency_key)
    try:
        with transaction.atomic():
            application = AccessApplication(
                receipt_code=_code("SJ", AccessApplication),
                dataset=dataset,
                agency=dataset.agency,
                period_from=period_from,
                period_to=period_to,
                received_on=_today(),
                idempotency_key=stored,
                **values,
            )
            _start_clock(
                application,
                f"有条件开放申请 {application.receipt_code}",
                settings.GONGKAI_OPENDATA_ACCESS_WORKDAYS,
            )
            application.save()
            _audit(None, application, "access.submit", APPLICATION_FIELDS, None)
    except IntegrityError:
        existing = AccessApplication.objects.filter(idempotency_key=stored).first()
        if existing is None:
            raise
        return existing, False
    return application, True


def _lock_application(application: AccessApplication) -> AccessApplication:
    return (
        AccessApplication.objects.select_for_update(of=("self",))
        .select_related("agency", "dataset", "clock")
        .get(pk=application.pk)
    )


def _check_pending(application: AccessApplication) -> None:
    if application.state != AccessState.PENDING:
        raise ActionRefused(f"该申请已审核（{application.get_state_display()}），不能重复审核")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def approve_access_application(
    actor,
    application: AccessApplication,
    *,
    reason: str = "",
    daily_rows: int | None = None,
    daily_calls: int | None = None,
    expires_on: date | None = None,
) -> tuple[AccessApplication, str]:
    """Approve and issue the applicant's token: (application, the plain token — shown once).

    The token is valid from the approval (or the period's start) to the end of the approved period."""
    application = _lock_application(application)
    _require(actor, application.agency, DECIDERS, "审核有条件开放申请")
    _check_pending(application)
    rows = daily_rows or settings.GONGKAI_OPENDATA_TOKEN_DAILY_ROWS
    calls = daily_calls or settings.GONGKAI_OPENDATA_TOKEN_DAILY_CALLS
    if rows > settings.GONGKAI_OPENDATA_TOKEN_DAILY_ROWS:
        raise ActionRefused(
            f"每日行数上限不能超过{settings.GONGKAI_OPENDATA_TOKEN_DAILY_ROWS}", field="daily_rows"
        )
    if calls > settings.GONGKAI_OPENDATA_TOKEN_DAILY_CALLS:
        raise ActionRefused(
            f"每日调用次数上限不能超过{settings.GONGKAI_OPENDATA_TOKEN_DAILY_CALLS}", field="daily_calls"
        )
    expires_on = expires_on or application.period_to
    if expires_on > application.period_to:
        raise ActionRefused("令牌有效期不能超过申请的使用期限", field="expires_on")
    if expires_on < _today():
        raise ActionRefused("令牌有效期不能早于今天", field="expires_on")
    before = snapshot(application, APPLICATION_FIELDS)
    application.state = AccessState.APPROVED
    application.reason = _text(reason, "审核意见", "reason", required=False)
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    _stop_clock(actor, application)
    _audit(actor, application, "access.approve", APPLICATION_FIELDS, before)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        application=application,
        dataset=application.dataset,
        agency=application.agency,
        prefix=raw[:12],
        token_hash=hash_token(raw),
        daily_rows=rows,
        daily_calls=calls,
        valid_from=max(application.period_from, _today()),
        expires_on=expires_on,
    )
    _audit(actor, token, "token.issue", TOKEN_FIELDS, None)
    return application, raw


@transaction.atomic
def refuse_access_application(actor, application: AccessApplication, *, reason: str) -> AccessApplication:
    application = _lock_application(application)
    _require(actor, application.agency, DECIDERS, "审核有条件开放申请")
    _check_pending(application)
    before = snapshot(application, APPLICATION_FIELDS)
    application.reason = _text(reason, "不予批准的理由", "reason")
    application.state = AccessState.REFUSED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    _stop_clock(actor, application)
    _audit(actor, application, "access.refuse", APPLICATION_FIELDS, before)
    return application


@transaction.atomic
def revoke_access_token(actor, token: AccessToken, *, reason: str) -> AccessToken:
    token = AccessToken.objects.select_for_update(of=("self",)).select_related("agency").get(pk=token.pk)
    _require(actor, token.agency, DECIDERS, "撤销数据访问令牌")
    if token.revoked_at:
        raise ActionRefused("该令牌已经撤销")
    before = snapshot(token, TOKEN_FIELDS)
    token.revoke_reason = _text(reason, "撤销理由", "reason")
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save()
    _audit(actor, token, "token.revoke", TOKEN_FIELDS, before)
    return token


def record_token_use(token: AccessToken, dataset: Dataset, *, rows: int, what: str = "") -> TokenUse:
    """Log one call made with `token` (called by the API after it served the rows)."""
    now = timezone.now()
    return TokenUse.objects.create(
        token=token, dataset=dataset, at=now, day=timezone.localdate(now), rows=max(0, rows), what=what[:200]
    )


# ---------------------------------------------------------------- the opening plan


def _plan_agency_check(actor, agency: Agency) -> None:
    from gongkai.agencies.scope import can_see_agency

    if actor is None:
        raise ActionRefused("编制开放计划需要登录")
    if actor.is_superuser:
        return
    if not actor.has_role(*PLANNERS):
        raise ActionRefused("编制开放计划需要以下角色之一：信息公开工作人员、主管部门")
    if not (actor.agency_id == agency.pk or (actor.is_supervisor and can_see_agency(actor, agency))):
        raise ActionRefused(f"您不能为{agency.display_name}编制开放计划", field="agency")


@transaction.atomic
def add_plan_item(
    actor,
    *,
    year: int,
    title: str,
    agency: Agency,
    planned_on: date | None,
    description: str = "",
    openness: str = Openness.OPEN,
) -> OpeningPlanItem:
    _plan_agency_check(actor, agency)
    title = _text(title, "拟开放数据集名称", "title", limit=200)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ActionRefused("请填写正确的年度（如2026）", field="year")
    if planned_on is None:
        raise ActionRefused("请填写计划开放日期", field="planned_on")
    if planned_on.year != year:
        raise ActionRefused(f"计划开放日期应在{year}年内", field="planned_on")
    if openness not in (Openness.OPEN, Openness.CONDITIONAL):
        raise ActionRefused("拟开放属性应为无条件开放或有条件开放", field="openness")
    item = OpeningPlanItem.objects.create(
        year=year,
        title=title,
        agency=agency,
        planned_on=planned_on,
        description=_text(description, "说明", "description", required=False),
        openness=openness,
        created_by=actor,
    )
    _audit(actor, item, "plan.add", PLAN_FIELDS, None)
    return item


def _lock_item(item: OpeningPlanItem) -> OpeningPlanItem:
    return OpeningPlanItem.objects.select_for_update(of=("self",)).select_related("agency").get(pk=item.pk)


@transaction.atomic
def open_plan_item(
    actor, item: OpeningPlanItem, *, dataset: Dataset | None, opened_on: date | None, note: str = ""
) -> OpeningPlanItem:
    """The agency reports the item done: the dataset it opened and when."""
    item = _lock_item(item)
    _require(actor, item.agency, (Role.CLERK, Role.REVIEWER, Role.SIGNER), "报告开放计划完成情况")
    if item.state != PlanItemState.PLANNED:
        raise ActionRefused(f"该事项已{item.get_state_display().removeprefix('已')}，不能再次处理")
    if dataset is not None and dataset.agency_id != item.agency_id:
        raise ActionRefused("只能选择本单位的数据集", field="dataset")
    opened_on = opened_on or _today()
    if opened_on > _today():
        raise ActionRefused("实际开放日期不能晚于今天", field="opened_on")
    before = snapshot(item, PLAN_FIELDS)
    item.state = PlanItemState.OPENED
    item.dataset = dataset
    item.opened_on = opened_on
    item.note = _text(note, "备注", "note", required=False)
    item.save()
    _audit(actor, item, "plan.open", PLAN_FIELDS, before)
    return item


@transaction.atomic
def cancel_plan_item(actor, item: OpeningPlanItem, *, note: str) -> OpeningPlanItem:
    item = _lock_item(item)
    _plan_agency_check(actor, item.agency)
    if item.state != PlanItemState.PLANNED:
        raise ActionRefused(f"该事项已{item.get_state_display().removeprefix('已')}，不能再次处理")
    before = snapshot(item, PLAN_FIELDS)
    item.state = PlanItemState.CANCELLED
    item.note = _text(note, "取消理由", "note")
    item.save()
    _audit(actor, item, "plan.cancel", PLAN_FIELDS, before)
    return item


# ---------------------------------------------------------------- 需求征集


def submitted_request(idempotency_key: str) -> DataRequest | None:
    if not idempotency_key or len(idempotency_key) > 128:
        return None
    return DataRequest.objects.filter(
        idempotency_key=submission.stored_key(REQUEST_SCOPE, idempotency_key)
    ).first()


def submit_data_request(
    *,
    agency: Agency | None,
    title: str,
    description: str,
    requester_name: str,
    contact: str,
    idempotency_key: str,
) -> tuple[DataRequest, bool]:
    """A request from the portal: (request, True), or (the first one, False) when resent."""
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("表单已过期，请刷新页面后重新提交")
    existing = submitted_request(idempotency_key)
    if existing is not None:
        return existing, False
    if agency is None or not agency.is_active:
        raise ActionRefused("请选择数据提供单位", field="agency")
    title = _text(title, "需求的数据", "title", limit=200)
    description = _text(description, "需求说明", "description")
    name = _text(requester_name, "姓名或单位", "requester_name", limit=NAME_MAX)
    contact = _text(contact, "联系方式", "contact", limit=CONTACT_MAX)
    stored = submission.stored_key(REQUEST_SCOPE, idempotency_key)
    try:
        with transaction.atomic():
            request = DataRequest(
                receipt_code=_code("XQ", DataRequest),
                agency=agency,
                title=title,
                description=description,
                public_title=mask_text(title, [name, contact]),
                public_description=mask_text(description, [name, contact]),
                requester_name=name,
                contact=contact,
                received_on=_today(),
                idempotency_key=stored,
            )
            _start_clock(
                request, f"数据开放需求 {request.receipt_code}", settings.GONGKAI_OPENDATA_REQUEST_WORKDAYS
            )
            request.save()
            _audit(None, request, "request.submit", REQUEST_FIELDS, None)
    except IntegrityError:
        existing = DataRequest.objects.filter(idempotency_key=stored).first()
        if existing is None:
            raise
        return existing, False
    return request, True


@transaction.atomic
def answer_data_request(
    actor, request: DataRequest, *, outcome: str, answer: str, dataset: Dataset | None = None
) -> DataRequest:
    """The agency's public answer; it is masked like everything a citizen sees."""
    request = (
        DataRequest.objects.select_for_update(of=("self",))
        .select_related("agency", "clock")
        .get(pk=request.pk)
    )
    _require(actor, request.agency, ANSWERERS, "答复数据开放需求")
    if request.state != RequestState.PENDING:
        raise ActionRefused("该需求已经答复")
    if outcome not in RequestOutcome.values:
        raise ActionRefused("请选择答复结果", field="outcome")
    answer = _text(answer, "答复内容", "answer")
    if dataset is not None and dataset.agency_id != request.agency_id:
        raise ActionRefused("只能选择本单位的数据集", field="dataset")
    before = snapshot(request, REQUEST_FIELDS)
    request.outcome = outcome
    request.answer = mask_text(answer, [request.requester_name, request.contact])
    request.dataset = dataset
    request.state = RequestState.ANSWERED
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    _stop_clock(actor, request)
    _audit(actor, request, "request.answer", REQUEST_FIELDS, before)
    return request
