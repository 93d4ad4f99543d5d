"""征求意见: consultations on drafts with their public comments, and the adoption reports (采纳情况)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from gongkai.consultation import queries as consultation
from gongkai.consultation import report
from gongkai.consultation.models import State

from ..errors import ApiError
from ..paging import check_params, page
from .common import AgencyRef, public

router = Router(tags=["征求意见"])


class ConsultationOut(Schema):
    id: int
    title: str
    agency: AgencyRef
    opens_on: date
    closes_on: date
    state: str
    state_label: str
    reported: bool
    url: str


class CommentOut(Schema):
    paragraph: str
    text: str
    name: str


class ParagraphOut(Schema):
    heading: str
    text: str


class ReportItem(Schema):
    title: str
    disposition: str
    reason: str
    comments: list[str]


class ReportOut(Schema):
    title: str
    summary: str
    final_text: str
    dispositions: dict[str, int]
    entries: list[ReportItem]
    url: str


class ConsultationDetail(ConsultationOut):
    background: str
    basis: str
    main_content: str
    paragraphs: list[ParagraphOut]
    comments: list[CommentOut]
    comments_received: int
    report: ReportOut | None


class ConsultationPage(Schema):
    items: list[ConsultationOut]
    next_cursor: str | None


def _item(request: HttpRequest, c) -> dict:
    state = c.public_state()
    return {
        "id": c.pk,
        "title": c.title,
        "agency": {"id": c.agency_id, "name": c.agency.name},
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "state": state,
        "state_label": str(State(state).label),
        "reported": c.state == State.REPORTED,
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


@router.get("/", response=public(ConsultationPage), summary=str(_("征求意见列表")))
def list_consultations(
    request: HttpRequest, agency: int | None = None, limit: int = 20, cursor: str | None = None
):
    """已发布征求意见的草案（正在征求、已结束、已公布采纳情况），按开始日期从新到旧。"""
    check_params(request, ("agency",))
    qs = consultation.public_consultations().filter(request.site.scope())
    if agency:
        qs = qs.filter(agency_id=agency)
    rows, next_cursor = page(
        qs, list_name="consultations", keys=("-opens_on", "-id"), limit=limit, cursor=cursor
    )
    return {"items": [_item(request, c) for c in rows], "next_cursor": next_cursor}


def _report(request: HttpRequest, c) -> dict:
    figures = report.comment_figures(c)
    return {
        "title": report.report_title(c),
        "summary": c.report_summary,
        "final_text": c.final_text,
        "dispositions": {
            str(label): figures.count(disposition=value) for value, label in figures.dispositions
        },
        "entries": [
            {
                "title": e.title,
                "disposition": e.disposition,
                "reason": e.reason,
                "comments": [i.text for i in e.items],
            }
            for e in report.entries(c)
        ],
        "url": request.build_absolute_uri(reverse("consultation:report", args=[c.pk])),
    }


@router.get("/{int:pk}", response=public(ConsultationDetail), summary=str(_("一件征求意见及其采纳情况")))
def get_consultation(request: HttpRequest, pk: int):
    """草案的段落、公开显示的意见（已遮盖个人信息），公布后附采纳情况报告。"""
    c = consultation.public_consultations().filter(request.site.scope(), pk=pk).first()
    if c is None:
        raise ApiError(404, "not_found", "找不到该征求意见：编号不存在或尚未发布")
    shown = consultation.public_page(c)
    comments = [
        {"paragraph": p.heading or f"第{p.number}段", "text": m.masked_body, "name": m.display_name}
        for p in shown["paragraphs"]
        for m in p.public_comments
    ] + [
        {"paragraph": "对全文", "text": m.masked_body, "name": m.display_name}
        for m in shown["general_comments"]
    ]
    return {
        **_item(request, c),
        "background": c.background,
        "basis": c.basis,
        "main_content": c.main_content,
        "paragraphs": [{"heading": p.heading, "text": p.text} for p in shown["paragraphs"]],
        "comments": comments,
        "comments_received": shown["received"],
        "report": _report(request, c) if c.state == State.REPORTED else None,
    }
