"""Help while answering: outcomes the facts of a case suggest (the handler decides).

- the information is already published proactively (search of the catalog) → 条例第三十六条第（一）项,
  予以公开 with the link (`disclose`);
- a near-duplicate of an application already answered for the same applicant → 不予处理-2 (重复申请);
- a petition, complaint or report filed as an application → 不予处理-1 (条例第三十九条第一款).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from gongkai.common.dates import zh_date

from .models import CLOSED_STATES, Application
from .outcomes import OUTCOME_BY_CODE

PETITION_WORDS = (
    "投诉",
    "举报",
    "信访",
    "上访",
    "要求查处",
    "要求处理",
    "请求处理",
    "维权",
    "讨薪",
    "控告",
    "检举",
)
SIMILAR = 0.8


@dataclass(frozen=True)
class Suggestion:
    outcome: str
    reason: str
    url: str = ""
    title: str = ""

    @property
    def outcome_label(self) -> str:
        return OUTCOME_BY_CODE[self.outcome].full_label


def published(application: Application, *, limit: int = 3) -> list[Suggestion]:
    """Published documents matching the 文号 or the description (empty if the catalog is absent)."""
    try:
        from gongkai.search.index import search
    except ImportError:  # the catalog is an optional app
        return []
    hits = []
    for query in (application.doc_number, application.description):
        if query and query.strip():
            hits = search(query, per_page=limit).hits
            if hits:
                break
    return [
        Suggestion(
            "disclose",
            f"已主动公开：{hit.title}{'（' + hit.doc_number + '）' if hit.doc_number else ''}，"
            "可按条例第三十六条第（一）项告知获取方式和途径",
            url=hit.url,
            title=hit.title,
        )
        for hit in hits[:limit]
    ]


def repeats(application: Application) -> list[Suggestion]:
    earlier = (
        Application.objects.filter(identity_hash=application.identity_hash, state__in=CLOSED_STATES)
        .exclude(pk=application.pk)
        .exclude(outcome__in=["other_no_correction", "other_unpaid"])
        .order_by("-closed_on")
    )
    out = []
    for other in earlier[:50]:
        same_number = bool(application.doc_number) and application.doc_number == other.doc_number
        ratio = difflib.SequenceMatcher(None, application.description, other.description).ratio()
        if same_number or ratio >= SIMILAR:
            out.append(
                Suggestion(
                    "not_processed_repeat",
                    f"同一申请人的申请 {other.receipt_code} 已于{zh_date(other.closed_on)}答复"
                    f"（{other.get_outcome_display()}），内容相似度{ratio:.0%}",
                )
            )
    return out[:3]


def petition(application: Application) -> list[Suggestion]:
    words = [w for w in PETITION_WORDS if w in application.description]
    if not words:
        return []
    return [
        Suggestion(
            "not_processed_petition",
            f"申请内容含“{'、'.join(words)}”，可能属于信访、投诉、举报类诉求（条例第三十九条第一款）",
        )
    ]


def suggestions(application: Application) -> list[Suggestion]:
    return published(application) + repeats(application) + petition(application)
