"""新闻发布会: conferences (planned, held) and, once published, their transcripts."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from gongkai.press import queries as press
from gongkai.press.models import ConferenceState

from ..errors import ApiError
from ..paging import check_params, page
from .common import AgencyRef, local, public

router = Router(tags=["新闻发布"])


class SpeakerOut(Schema):
    name: str
    title: str


class ConferenceOut(Schema):
    id: int
    topic: str
    agency: AgencyRef
    starts_at: datetime
    place: str
    state: str
    state_label: str
    url: str


class ConferenceDetail(ConferenceOut):
    summary: str
    speakers: list[SpeakerOut]
    transcript: str
    transcript_published_at: datetime | None


class ConferencePage(Schema):
    items: list[ConferenceOut]
    next_cursor: str | None


def _item(request: HttpRequest, c) -> dict:
    return {
        "id": c.pk,
        "topic": c.topic,
        "agency": {"id": c.agency_id, "name": c.agency.name},
        "starts_at": local(c.starts_at),
        "place": c.place,
        "state": c.state,
        "state_label": str(c.get_state_display()),
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


@router.get("/", response=public(ConferencePage), summary=str(_("新闻发布会列表")))
def list_conferences(
    request: HttpRequest, agency: int | None = None, limit: int = 20, cursor: str | None = None
):
    """计划召开、已召开和已发布实录的新闻发布会（不含已取消的），按召开时间从新到旧。"""
    check_params(request, ("agency",))
    qs = press.public_conferences(request.site)
    if agency:
        qs = qs.filter(agency_id=agency)
    rows, next_cursor = page(qs, list_name="press", keys=("-starts_at", "-id"), limit=limit, cursor=cursor)
    return {"items": [_item(request, c) for c in rows], "next_cursor": next_cursor}


@router.get("/{int:pk}", response=public(ConferenceDetail), summary=str(_("一场新闻发布会及其实录")))
def get_conference(request: HttpRequest, pk: int):
    """发布会的简介、发布人；实录发布后附实录全文。"""
    c = press.with_speakers(press.public_conferences(request.site)).filter(pk=pk).first()
    if c is None:
        raise ApiError(404, "not_found", "找不到该新闻发布会")
    published = c.state == ConferenceState.PUBLISHED
    return {
        **_item(request, c),
        "summary": c.summary,
        "speakers": [{"name": s.name, "title": s.title} for s in c.speakers.all()],
        "transcript": c.transcript if published else "",
        "transcript_published_at": local(c.published_at) if published else None,
    }
