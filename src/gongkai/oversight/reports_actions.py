"""Every write of the annual reports: atomic, checked, audited (oversight.report.*).

A report is created for (agency, year[, consolidated]) with its 一 paragraphs drafted from the
figures; staff edit the texts and enter the figures no record holds (`update_report`); it is
submitted (refused while 表三's identities fail, a required figure is blank or the year has not
ended), approved or returned, and published: the figures are frozen in `snapshot` and the report
goes into the catalog's 年度报告 column through the core registry's catalog publisher.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import registry
from gongkai.common.errors import ActionRefused

from . import reports_figures as rf
from . import reports_output
from .models.reports import AnnualReport
from .report_data import OVERVIEW_HEADINGS
from .reports_queries import creatable_agencies, writes_consolidated
from .reports_workflow import REPORTS

FIELDS = ["agency", "year", "consolidated", "state", "return_reason", "published_at", "catalog_url"]
TEXT_FIELDS = ["overview", "problems", "other", "entered"]
TEXT_MAX = 5000


def _audit(
    actor, report: AnnualReport, verb: str, before: dict | None, note: str = "", fields=FIELDS
) -> None:
    record_audit(
        actor=actor,
        action=f"oversight.report.{verb}",
        target=report,
        agency=report.agency,
        before=before,
        after=snapshot(report, fields),
        note=note,
    )


def _lock(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update(of=("self",)).select_related("agency").get(pk=report.pk)


def _move(actor, report: AnnualReport, action: str) -> None:
    transition = REPORTS.check(actor, report, action)
    report.state = REPORTS.target(report, transition)


@transaction.atomic
def create_report(actor, *, agency: Agency, year: Any, consolidated: bool = False) -> AnnualReport:
    """A new draft for (agency, year[, consolidated]); the same one again returns the existing report."""
    if actor is not None and not actor.is_superuser:
        if not actor.has_role(Role.CLERK, Role.SUPERVISOR):
            raise ActionRefused("编写年度报告需要以下角色之一：信息公开工作人员、主管部门")
        if not creatable_agencies(actor).filter(pk=agency.pk).exists():
            raise ActionRefused(f"您不能为{agency}编写年度报告", field="agency")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    this_year = timezone.localdate().year
    if not 2008 <= year <= this_year:
        raise ActionRefused(f"请填写正确的年度（2008至{this_year}年）", field="year")
    if consolidated and not writes_consolidated(agency):
        raise ActionRefused(f"{agency}不是县级以上人民政府，不编写本级政府汇总报告", field="consolidated")
    existing = AnnualReport.objects.filter(agency=agency, year=year, consolidated=consolidated).first()
    if existing is not None:
        return existing  # a form sent twice (Back + resubmit) finds the first report
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                agency=agency, year=year, consolidated=consolidated, created_by=actor if actor else None
            )
    except IntegrityError:
        return AnnualReport.objects.get(agency=agency, year=year, consolidated=consolidated)
    report.overview = rf.initial_overview(report)
    report.save(update_fields=["overview"])
    _audit(actor, report, "created", None)
    return report


def _clean_entered(report: AnnualReport, entered: Mapping[str, Any]) -> dict[str, str]:
    allowed = set(rf.enterable_keys())
    labels = rf.figure_labels()
    out = dict(report.entered or {})
    errors = []
    for key, raw in entered.items():
        if key not in allowed:
            continue  # a figure that now comes from records is not typed
        if raw is None or str(raw).strip() == "":
            out.pop(key, None)
            continue
        try:
            out[key] = str(rf.parse_number(raw, money=key in rf.MONEY))
        except ValueError as exc:
            errors.append(f"{labels[key]}：{exc}")
    if errors:
        raise ActionRefused("；".join(errors), field="entered")
    return out


def _text(value: Any, what: str, field: str) -> str:
    text = str(value or "").strip()
    if len(text) > TEXT_MAX:
        raise ActionRefused(f"{what}不能超过{TEXT_MAX}字（现有{len(text)}字）", field=field)
    return text


@transaction.atomic
def update_report(
    actor,
    report: AnnualReport,
    *,
    overview: Mapping[str, Any] | None = None,
    problems: Any = None,
    other: Any = None,
    entered: Mapping[str, Any] | None = None,
) -> AnnualReport:
    """Save the texts and entered figures of a draft (or returned) report; bad input changes nothing."""
    report = _lock(report)
    if actor is not None:
        from .reports_queries import manages

        if not manages(actor, report):
            raise ActionRefused(f"只有{report.agency}及其主管部门的工作人员可以修改这份年度报告")
    if not report.editable:
        raise ActionRefused(f"年度报告当前状态为“{report.get_state_display()}”，不能修改")
    before = snapshot(report, TEXT_FIELDS)
    if overview is not None:
        headings = dict(OVERVIEW_HEADINGS)
        report.overview = {
            key: _text(
                overview.get(key, (report.overview or {}).get(key, "")), headings[key], f"overview_{key}"
            )
            for key in headings
        }
    if problems is not None:
        report.problems = _text(problems, "存在的主要问题及改进情况", "problems")
    if other is not None:
        report.other = _text(other, "其他需要报告的事项", "other")
    if entered is not None:
        report.entered = _clean_entered(report, entered)
    after = snapshot(report, TEXT_FIELDS)
    if after == before:
        return report
    report.save()
    _audit(actor, report, "edited", before, fields=TEXT_FIELDS)
    return report


def issue_problems(report: AnnualReport) -> list[str]:
    """Why the report cannot go for review or out: the year not ended, 表三's identities, blanks."""
    problems = []
    if not rf.year_ended(report.year):
        problems.append(f"{report.year}年度尚未结束，年度报告只能保存为草稿")
    figures = rf.build(report, fresh=True)
    problems += figures.identity_errors
    blanks = rf.blanks(figures)
    if blanks:
        problems.append("以下数据尚未填写：" + "、".join(blanks))
    for key, _heading in OVERVIEW_HEADINGS:
        if not (report.overview or {}).get(key, "").strip():
            problems.append(f"总体情况“{dict(OVERVIEW_HEADINGS)[key]}”尚未填写")
    if not report.problems.strip():
        problems.append("“存在的主要问题及改进情况”尚未填写")
    return problems


def _require_issuable(report: AnnualReport, doing: str) -> None:
    problems = issue_problems(report)
    if problems:
        raise ActionRefused(f"年度报告不能{doing}：" + "；".join(problems))


@transaction.atomic
def submit_report(actor, report: AnnualReport) -> AnnualReport:
    report = _lock(report)
    before = snapshot(report, FIELDS)
    _move(actor, report, "submit")
    _require_issuable(report, "提交审核")
    report.submitted_at, report.return_reason = timezone.now(), ""
    report.save()
    _audit(actor, report, "submitted", before)
    return report


@transaction.atomic
def approve_report(actor, report: AnnualReport) -> AnnualReport:
    report = _lock(report)
    before = snapshot(report, FIELDS)
    _move(actor, report, "approve")
    _require_issuable(report, "审核通过")
    report.approved_at = timezone.now()
    report.save()
    _audit(actor, report, "approved", before)
    return report


@transaction.atomic
def return_report(actor, report: AnnualReport, *, reason: str) -> AnnualReport:
    report = _lock(report)
    before = snapshot(report, FIELDS)
    _move(actor, report, "return")
    reason = str(reason or "").strip()
    if not reason:
        raise ActionRefused("请填写退回理由", field="reason")
    report.return_reason = reason[:1000]
    report.save()
    _audit(actor, report, "returned", before, note=report.return_reason)
    return report


@transaction.atomic
def publish_report(actor, report: AnnualReport) -> AnnualReport:
    """Freeze the figures, publish the report's page and put it in the catalog's 年度报告 column."""
    report = _lock(report)
    before = snapshot(report, FIELDS)
    _move(actor, report, "publish")
    _require_issuable(report, "发布")
    figures = rf.build(report, fresh=True)
    report.snapshot = rf.to_json(figures)
    report.published_at = timezone.now()
    report.save()
    public = rf.public_figures(figures)
    attachments = []
    for ext, data in (("docx", reports_output.docx(public)), ("xlsx", reports_output.xlsx(public))):
        attachments.append((reports_output.filename(public, ext), data))
    url = reverse("oversight:report", args=[report.pk])
    report.catalog_url = registry.publish_to_catalog(
        actor,
        registry.CatalogItem(
            key=f"oversight.report:{report.pk}",
            agency=report.agency,
            title=report.title,
            summary=figures.overview.get("proactive", ""),
            url=url,
            attachments=tuple(attachments),
        ),
    )
    report.save(update_fields=["catalog_url"])
    _audit(actor, report, "published", before)
    return report
