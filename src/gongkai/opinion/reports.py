"""日报/周报/专报: the draft text of the four sections the trade uses — 舆情概况, 传播情况, 内容分析,
研判与处置建议 — generated from the records of the period, and the .docx issued from the edited text.

The trend chart in 传播情况 is a PNG drawn by a tiny pure-Python writer (trendpng.py, zlib + struct):
no plotting library is installed and none is needed for bars. The PNG carries no text (no font is
needed); the .docx prints the figures beside it in a table, which is also what a reader who cannot
see the image reads.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from gongkai.common.officialdoc import BODY_FONT, BODY_SIZE, MARGINS, PAGE_HEIGHT, PAGE_WIDTH, TITLE_FONT

from .models import Demand, Event, EventState, Post, Report, ReportKind, Sentiment, SourceCategory
from .trendpng import trend_png

TOP_EVENTS = 5


# ---------------------------------------------------------------- figures from the records


def _buckets(start: datetime, end: datetime) -> tuple[list[datetime], timedelta, str]:
    step = timedelta(hours=1) if end - start <= timedelta(days=2) else timedelta(days=1)
    fmt = "%H时" if step == timedelta(hours=1) else "%m-%d"
    first = timezone.localtime(start).replace(minute=0, second=0, microsecond=0)
    if step == timedelta(days=1):
        first = first.replace(hour=0)
    out, at = [], first
    while at < end and len(out) < 400:
        out.append(at)
        at += step
    return out, step, fmt


def figures(owner, start: datetime, end: datetime, event: Event | None = None) -> dict:
    """Counts of the period, as plain data (stored on the report, so an issued report keeps them)."""
    posts = Post.objects.filter(published_at__gte=start, published_at__lt=end, duplicate_of=None)
    if event is not None:
        posts = posts.filter(event=event)
    else:
        posts = posts.filter(source__owner__path__startswith=owner.path)
    by_category = dict(posts.values_list("source__category").annotate(n=Count("pk")).order_by())
    by_sentiment = dict(posts.values_list("sentiment").annotate(n=Count("pk")).order_by())
    by_demand = dict(posts.values_list("demand").annotate(n=Count("pk")).order_by())
    times, step, fmt = _buckets(start, end)
    trend = Counter()
    for at in posts.values_list("published_at", flat=True).iterator(chunk_size=2000):
        local = timezone.localtime(at)
        index = int((local - times[0]) / step) if times else 0
        if 0 <= index < len(times):
            trend[index] += 1
    sources = list(
        posts.values_list("source__name").annotate(n=Count("pk")).order_by("-n", "source__name")[:5]
    )
    if event is not None:
        events = [event]
    else:
        events = list(
            Event.objects.filter(
                owner__path__startswith=owner.path, last_seen_at__gte=start, first_seen_at__lt=end
            )
            .exclude(state=EventState.MERGED)
            .select_related("agency")
            .order_by("-heat")[:TOP_EVENTS]
        )
    return {
        "posts": sum(by_category.values()),
        "categories": {str(SourceCategory(k).label): v for k, v in by_category.items() if k},
        "sentiment": {str(Sentiment(k).label): by_sentiment.get(k, 0) for k in Sentiment.values},
        "demand": {str(Demand(k).label): v for k, v in by_demand.items() if k},
        "trend": [[timezone.localtime(t).strftime(fmt), trend.get(i, 0)] for i, t in enumerate(times)],
        "sources": [[name, n] for name, n in sources],
        "events": [
            {
                "title": e.title,
                "grade": e.get_grade_display() or e.get_proposed_grade_display() or "未定级",
                "state": e.get_state_display(),
                "posts": e.post_count,
                "agency": e.agency.display_name if e.agency_id else "",
                "hours": round((e.responded_at - e.first_seen_at).total_seconds() / 3600, 1)
                if e.responded_at
                else None,
                "overdue": bool(e.deadline_at and (e.responded_at or timezone.now()) > e.deadline_at),
                "keywords": list(e.keywords[:5]),
            }
            for e in events
        ],
    }


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "0%"


def draft(owner, kind: str, start: datetime, end: datetime, event: Event | None = None) -> dict:
    """The generated title and four sections (staff edit them before issue)."""
    fig = figures(owner, start, end, event)
    lo, hi = timezone.localtime(start), timezone.localtime(end - timedelta(seconds=1))
    span = f"{lo:%Y年%m月%d日%H时}至{hi:%Y年%m月%d日%H时}"
    label = str(ReportKind(kind).label)
    title = (
        f"{owner.display_name}{label}（{event.title}）"
        if event
        else f"{owner.display_name}{label}（{lo:%Y年%m月%d日}—{hi:%m月%d日}）"
    )
    total = fig["posts"]
    events = fig["events"]
    overview = [f"{span}，共监测到相关信息{total}条，涉及舆情事件{len(events)}起。"]
    for i, e in enumerate(events, 1):
        answered = (
            f"已于首次出现后{e['hours']}小时作出权威回应" if e["hours"] is not None else "尚未作出权威回应"
        )
        agency = f"，责任单位{e['agency']}" if e["agency"] else ""
        overview.append(
            f"{i}. {e['title']}（{e['grade']}，{e['state']}，相关信息{e['posts']}条{agency}），{answered}。"
        )
    spread = [
        "信息来源分布："
        + ("；".join(f"{k}{v}条（{_pct(v, total)}）" for k, v in fig["categories"].items()) or "无")
    ]
    if fig["sources"]:
        spread.append("主要来源：" + "、".join(f"{name}（{n}条）" for name, n in fig["sources"]) + "。")
    peak = max(fig["trend"], key=lambda row: row[1], default=None)
    if peak and peak[1]:
        spread.append(f"传播走势见下图，信息量峰值出现在{peak[0]}（{peak[1]}条）。")
    sentiment = fig["sentiment"]
    content = ["情感倾向：" + "，".join(f"{k}{v}条（{_pct(v, total)}）" for k, v in sentiment.items()) + "。"]
    if fig["demand"]:
        content.append("诉求类型：" + "，".join(f"{k}{v}条" for k, v in fig["demand"].items()) + "。")
    words = [w for e in events for w in e["keywords"]]
    if words:
        content.append("主要关注点：" + "、".join(dict.fromkeys(words)) + "。")
    advice = []
    overdue = [e for e in events if e["overdue"] and e["hours"] is None]
    for e in overdue:
        advice.append(
            f"“{e['title']}”已超过回应时限，建议{e['agency'] or '责任单位'}立即发布权威信息，回应社会关切。"
        )
    negative = sentiment.get(str(Sentiment.NEGATIVE.label), 0)
    if total and negative / total >= 0.4:
        advice.append("负面信息占比较高，建议相关单位加强研判，及时回应，防止舆情升级。")
    advice.append("建议持续关注相关信息走势，做好政策解读和信息发布工作。")
    return {
        "title": title[:200],
        "overview": "\n".join(overview),
        "spread": "\n".join(spread),
        "content": "\n".join(content),
        "advice": "\n".join(advice),
        "figures": fig,
    }


# ---------------------------------------------------------------- the .docx


def build_docx(report: Report) -> bytes:
    """A4, the title in 小标宋, the body in 仿宋; the four sections, the trend chart and its table."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for name, value in MARGINS.items():
        setattr(section, name, value)

    def para(text: str, *, font=BODY_FONT, size=BODY_SIZE, bold=False, align=None, indent=True):
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        run = p.add_run(text)
        run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        return p

    para(report.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    issued = timezone.localtime(report.issued_at or timezone.now())
    para(f"{report.number}　{report.owner.name}　{issued:%Y年%m月%d日}".strip("　"),
         align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)  # fmt: skip
    for field, heading in Report.SECTIONS:
        para(str(heading), font="黑体", indent=False)
        for line in getattr(report, field).splitlines():
            if line.strip():
                para(line.strip())
        if field == "spread":
            trend = report.figures.get("trend") or []
            if trend:
                doc.add_picture(io.BytesIO(trend_png([n for _, n in trend])), width=Mm(150))
                para("图：信息量走势", size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
                table = doc.add_table(rows=2, cols=min(len(trend), 12))
                table.style = "Table Grid"
                step = max(1, -(-len(trend) // 12))
                for col, (label, n) in enumerate(_grouped(trend, step)):
                    table.cell(0, col).text, table.cell(1, col).text = label, str(n)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _grouped(trend: Sequence[Sequence], step: int) -> list[tuple[str, int]]:
    """At most 12 columns: consecutive buckets summed, labelled by the first."""
    return [(trend[i][0], sum(n for _, n in trend[i : i + step])) for i in range(0, len(trend), step)][:12]
