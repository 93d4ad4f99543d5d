"""考核评议结果: the published assessments (ranking and each agency's points per indicator)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from gongkai.oversight import assessment_queries as scorecards

from ..errors import ApiError
from ..paging import check_params, page
from .common import AgencyRef, local, public

router = Router(tags=["考核评议"])


class AssessmentOut(Schema):
    id: int
    title: str
    agency: AgencyRef
    period: str
    start: date
    end: date
    published_at: datetime | None
    url: str


class IndicatorOut(Schema):
    label: str
    metric: str
    denominator: str | None
    weight: float
    direction: str
    full_at: float
    zero_at: float
    rule: str


class ItemOut(Schema):
    label: str
    raw: float | None
    points: float
    status: str


class ScoreOut(Schema):
    rank: int
    agency: AgencyRef
    total: float
    items: list[ItemOut]


class AssessmentDetail(AssessmentOut):
    indicators: list[IndicatorOut]
    scores: list[ScoreOut]


class AssessmentPage(Schema):
    items: list[AssessmentOut]
    next_cursor: str | None


def _item(request: HttpRequest, a) -> dict:
    return {
        "id": a.pk,
        "title": str(a),
        "agency": {"id": a.scheme.agency_id, "name": a.scheme.agency.name},
        "period": a.period_label,
        "start": a.start,
        "end": a.end,
        "published_at": local(a.published_at),
        "url": request.build_absolute_uri(a.get_absolute_url()),
    }


@router.get("/", response=public(AssessmentPage), summary=str(_("已发布的考核结果列表")))
def list_scorecards(request: HttpRequest, limit: int = 20, cursor: str | None = None):
    """已发布的政务公开工作考核结果，按发布时间从新到旧；未发布的结果不在其中。"""
    check_params(request, ())
    qs = scorecards.published(request.site)
    rows, next_cursor = page(
        qs, list_name="scorecards", keys=("-published_at", "-id"), limit=limit, cursor=cursor
    )
    return {"items": [_item(request, a) for a in rows], "next_cursor": next_cursor}


@router.get("/{int:pk}", response=public(AssessmentDetail), summary=str(_("一次考核的排名和各项得分")))
def get_scorecard(request: HttpRequest, pk: int):
    """计分规则（各项指标的分值、满分线、零分线），以及各机关的名次、总分和各项指标的数值、得分。
    status 为 missing 表示该指标数据暂缺（不计分），no_data 表示本期无数据（按规则计分）。"""
    found = scorecards.published(request.site).filter(pk=pk).first()
    if found is None:
        raise ApiError(404, "not_found", "找不到该考核结果（或尚未发布）")
    records = scorecards.as_records(found, scorecards.ranking(found, request.site))
    return {**_item(request, found), "indicators": records["indicators"], "scores": records["scores"]}
