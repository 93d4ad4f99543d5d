"""日报/周报/专报: a draft in the four sections from the records, edited, issued as an A4 .docx with the
trend chart as a PNG, archived and no longer editable."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.opinion import actions_handling as actions
from gongkai.opinion.models import ReportState
from gongkai.opinion.trendpng import trend_png
from tests.opinion.handling_helpers import make_event


def test_trend_png_is_a_valid_png():
    data = trend_png([0, 3, 9, 4], width=40, height=20)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (40, 20)
    idat = data[data.index(b"IDAT") + 4 : data.index(b"IEND") - 8]
    raw = zlib.decompress(idat)
    assert len(raw) == height * (1 + 3 * width)
    assert b"\x1d\x4e\xd8" in raw  # bars drawn


@pytest.mark.django_db
def test_weekly_report_from_draft_to_archive(county, zhou_min):
    make_event(county.office, "城关镇某小区停水三天无人管", posts=4, grade="3", agency=county.housing)
    now = timezone.now()
    report = actions.create_report(zhou_min, county.office, kind="weekly", period_start=now - timedelta(days=7),
                                   period_end=now + timedelta(minutes=1))  # fmt: skip
    assert "共监测到相关信息4条，涉及舆情事件1起" in report.overview
    assert "论坛社区4条（100%）" in report.spread
    assert "负面4条（100%）" in report.content
    assert report.advice
    report = actions.update_report(zhou_min, report, advice="建议县住建局当日发布停水原因和恢复时间。")
    report = actions.issue_report(zhou_min, report)
    assert report.state == ReportState.ISSUED and report.file.name.endswith(".docx")
    doc = Document(io.BytesIO(report.file.read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    for heading in ("一、舆情概况", "二、传播情况", "三、内容分析", "四、研判与处置建议"):
        assert heading in text
    assert "建议县住建局当日发布停水原因和恢复时间。" in text
    assert len(doc.inline_shapes) == 1  # the trend chart
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    with pytest.raises(ActionRefused, match="报告已印发，不能再修改"):
        actions.update_report(zhou_min, report, advice="改")
    assert AuditEntry.objects.filter(action__startswith="opinion.report.").count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "special"}, "专报请选择一个舆情事件"),
        ({"kind": "daily", "swap": True}, "截止时间应晚于起始时间"),
        ({"kind": "monthly"}, "请选择报告类型"),
    ],
)
def test_report_refusals(county, zhou_min, kwargs, message):
    now = timezone.now()
    start, end = now - timedelta(days=1), now
    if kwargs.pop("swap", False):
        start, end = end, start
    with pytest.raises(ActionRefused, match=message):
        actions.create_report(zhou_min, county.office, period_start=start, period_end=end, **kwargs)
