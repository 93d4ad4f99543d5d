"""The adoption report (意见采纳情况) of a consultation: its figures, entries, changes and .docx.

Queries stay flat whatever the number of comments: one aggregate for the figures, one values() list
for the entries, one for the groups. Comment text on the report is the masked text, and only for
comments approved for display; a held or hidden comment is listed (it counts and has a
disposition) without its content. Reasons are staff-written but go through the masking too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.common.officialdoc import build_official_docx
from gongkai.ingest.masking import mask_text

from . import textdiff
from .drafts import split_draft
from .figures import Figures, figures
from .models import Channel, Comment, Consultation, Disposition, Moderation, ParagraphKind

UNSHOWN = "（该意见未在网上公开显示，已计入统计并逐条给出处理意见）"


@lru_cache(maxsize=4096)
def masked(text: str) -> str:
    return mask_text(text)


def comment_figures(consultation: Consultation) -> Figures:
    rows = (
        Comment.objects.filter(consultation=consultation)
        .order_by()
        .values_list("channel", "disposition", "group__disposition")
        .annotate(n=Count("pk"))
    )
    return figures(rows, channels=Channel.choices, dispositions=Disposition.choices)


def _has_disposition() -> Q:
    return ~Q(disposition="") | Q(group__isnull=False, disposition="") & ~Q(group__disposition="")


def _reviewed() -> Q:
    own = ~Q(disposition="") & Q(disposition_reviewed_at__isnull=False)
    grouped = Q(disposition="", group__isnull=False, group__disposition_reviewed_at__isnull=False) & ~Q(
        group__disposition=""
    )
    return own | grouped


def lacking_disposition(consultation: Consultation) -> int:
    """Comments (held and hidden ones included) with no disposition of their own or of a group."""
    comments = Comment.objects.filter(consultation=consultation)
    return comments.count() - comments.filter(_has_disposition()).count()


def lacking_review(consultation: Consultation) -> int:
    """Comments whose disposition (own or their group's) has not been reviewed."""
    comments = Comment.objects.filter(consultation=consultation)
    return comments.count() - comments.filter(_reviewed()).count()


@dataclass
class Item:
    """One comment as the report lists it."""

    number: int
    where: str  # 第三条 / 对全文
    channel: str
    text: str
    disposition: str = ""
    reason: str = ""


@dataclass
class Entry:
    """A group with its comments, or one comment on its own: one disposition and reason."""

    title: str
    disposition: str
    reason: str
    items: list[Item] = field(default_factory=list)
    group: bool = False


def entries(consultation: Consultation) -> list[Entry]:
    labels = dict(Disposition.choices)
    channels = dict(Channel.choices)
    groups = {
        g["pk"]: Entry(
            g["title"], labels.get(g["disposition"], ""), masked(g["disposition_reason"]), group=True
        )
        for g in consultation.groups.order_by("pk").values("pk", "title", "disposition", "disposition_reason")
    }
    singles: list[Entry] = []
    rows = (
        Comment.objects.filter(consultation=consultation)
        .order_by("submitted_at", "pk")
        .values_list(
            "group_id",
            "paragraph__heading",
            "paragraph__number",
            "channel",
            "moderation",
            "masked_body",
            "disposition",
            "disposition_reason",
        )
    )
    for number, (group_id, heading, para_no, channel, moderation, body, disp, reason) in enumerate(rows, 1):
        where = heading or (f"第{para_no}段" if para_no else "对全文")
        text = body if moderation == Moderation.APPROVED else UNSHOWN
        item = Item(number, where, str(channels.get(channel, channel)), text)
        if group_id in groups and not disp:
            groups[group_id].items.append(item)
        else:
            singles.append(Entry(f"意见{number}", labels.get(disp, ""), masked(reason), items=[item]))
    return [g for g in groups.values() if g.items] + singles


def draft_paragraphs(consultation: Consultation) -> list[str]:
    out = []
    for kind, heading, text in consultation.paragraphs.order_by("number").values_list(
        "kind", "heading", "text"
    ):
        if kind == ParagraphKind.ARTICLE:
            out.append(f"{heading} {text}")
        elif kind in (ParagraphKind.CHAPTER, ParagraphKind.SECTION):
            out.append(heading or text)
        else:
            out.append(text)
    return out


def final_paragraphs(consultation: Consultation) -> list[str]:
    out = []
    for p in split_draft(consultation.final_text, title=consultation.title):
        if p.kind == "article":
            out.append(f"{p.heading} {p.text}")
        elif p.kind in ("chapter", "section"):
            out.append(p.heading or p.text)
        else:
            out.append(p.text)
    return out


def changes(consultation: Consultation) -> list[textdiff.Row]:
    if not consultation.final_text.strip():
        return []
    return textdiff.diff_paragraphs(draft_paragraphs(consultation), final_paragraphs(consultation))


def report_title(consultation: Consultation) -> str:
    name = consultation.title.strip("《》")
    return f"关于《{name}》公开征求意见采纳情况的说明"


def _figure_lines(f: Figures) -> list[str]:
    labels = [label for _, label in f.dispositions]
    lines = [
        f"本次征求意见共收到意见{f.total}条，其中"
        + "、".join(f"{label}{n}条" for label, n in zip(labels, f.totals(), strict=True))
        + "。"
    ]
    for channel, counts, total in f.rows():
        parts = "、".join(f"{label}{n}条" for label, n in zip(labels, counts, strict=True))
        lines.append(f"{channel}：{total}条（{parts}）。")
    return lines


def docx_bytes(consultation: Consultation, *, decision_url: str = "") -> bytes:
    """The report as an official document (GB/T 9704, A4): the same content as the page."""
    c = consultation
    lines = [
        f"{c.agency.name}于{c.opens_on:%Y年%m月%d日}至{c.closes_on:%Y年%m月%d日}就《{c.title.strip('《》')}》"
        "公开征求社会公众意见。现将意见采纳情况说明如下：",
        "一、意见收集情况",
        *_figure_lines(comment_figures(c)),
    ]
    if c.report_summary.strip():
        lines += [line for line in c.report_summary.splitlines() if line.strip()]
    lines.append("二、意见及处理情况")
    # One paragraph per comment on its own and per group (python-docx costs milliseconds a paragraph).
    for n, entry in enumerate(entries(c), 1):
        decided = f"处理意见：{entry.disposition}。理由：{entry.reason}"
        if entry.group:
            lines.append(f"{n}. {entry.title}（{len(entry.items)}条）　{decided}")
            lines.append(
                "　".join(f"意见{i.number}（{i.channel}，{i.where}）：{i.text}" for i in entry.items)
            )
        else:
            item = entry.items[0]
            lines.append(f"{n}. 意见{item.number}（{item.channel}，{item.where}）：{item.text}　{decided}")
    rows = changes(c)
    lines.append("三、决策文本修改情况")
    diff_lines = textdiff.as_lines(rows)
    lines += diff_lines or ["与征求意见稿相比，决策文本未作修改。" if rows else "决策文本尚未录入。"]
    if c.adopted_document_id and decision_url:
        lines += ["四、决策文件", f"{c.adopted_document.title}：{decision_url}"]
    on = timezone.localdate(c.report_published_at) if c.report_published_at else None
    return build_official_docx(
        title=report_title(c), number="", text="\n".join(lines), signer=c.agency.name, on=on
    )
