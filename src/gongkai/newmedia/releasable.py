"""The "releasable" hook: which published objects may be released to the channels.

A domain declares its kind once (`register_releasable`), from newmedia's ready() for publishing's
documents and interpretations and for press conferences (`register_press`); another domain may
register its own kind from its ready():

    from gongkai.newmedia.releasable import register_releasable
    register_releasable("press.conference", PressConference, "新闻发布会",
                        published=lambda: PressConference.objects.filter(state="held"),
                        summary=lambda c: c.topic)

`published()` is the queryset of objects that are on the portal now (only those can be released);
each object has `agency`, `get_absolute_url()` and a `published_at` or `created_at` to sort by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.html import strip_tags


@dataclass(frozen=True)
class Releasable:
    key: str
    model: type
    label: str
    published: Callable[[], QuerySet]
    summary: Callable[[Any], str]
    order_by: str = "-published_at"


_kinds: dict[str, Releasable] = {}


def register_releasable(
    key: str,
    model: type,
    label: str,
    *,
    published: Callable[[], QuerySet],
    summary: Callable[[Any], str] | None = None,
    order_by: str = "-published_at",
) -> None:
    _kinds[key] = Releasable(key, model, label, published, summary or (lambda obj: ""), order_by)


def unregister_releasable(key: str) -> None:
    _kinds.pop(key, None)


def kinds() -> list[Releasable]:
    return list(_kinds.values())


def kind(key: str) -> Releasable | None:
    return _kinds.get(key)


def kind_of(obj) -> Releasable | None:
    return next((k for k in _kinds.values() if isinstance(obj, k.model)), None)


def plain_summary(html: str, limit: int = 120) -> str:
    text = " ".join(strip_tags(html or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def register_publishing() -> None:
    from gongkai.publishing.models import Disclosure, Document, Interpretation, State

    register_releasable(
        "publishing.document",
        Document,
        "政府信息文件",
        published=lambda: Document.objects.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE),
        summary=lambda d: plain_summary(d.summary or d.body),
    )
    register_releasable(
        "publishing.interpretation",
        Interpretation,
        "政策解读",
        published=lambda: Interpretation.objects.filter(state=State.PUBLISHED),
        summary=lambda i: plain_summary(i.body),
    )


def register_press() -> None:
    """A press conference whose transcript (实录) is published may be released like a document."""
    from gongkai.press.models import ConferenceState, PressConference

    register_releasable(
        "press.conference",
        PressConference,
        "新闻发布会",
        published=lambda: PressConference.objects.filter(state=ConferenceState.PUBLISHED),
        summary=lambda c: plain_summary(c.summary or c.transcript),
    )
