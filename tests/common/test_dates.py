"""Chinese dates, written one way everywhere: 2026年3月2日."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from gongkai.common.dates import zh_date

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "weekday", "text"),
    [
        (dt.date(2026, 3, 2), False, "2026年3月2日"),
        (dt.date(2026, 3, 2), True, "2026年3月2日（星期一）"),
        (dt.date(2026, 11, 29), True, "2026年11月29日（星期日）"),
        # 16:30 UTC on 1 March is already 2 March in Shanghai
        (dt.datetime(2026, 3, 1, 16, 30, tzinfo=dt.UTC), False, "2026年3月2日"),
        (dt.datetime(2026, 3, 2, 8, 0, tzinfo=SHANGHAI), False, "2026年3月2日"),
        (None, False, ""),
    ],
)
def test_zh_date(value, weekday, text):
    assert zh_date(value, weekday=weekday) == text


def test_the_template_filter_is_the_same_function():
    template = Template(
        '{% load zh_dates %}{{ d|zh_date }} {{ d|zh_date:"weekday" }} [{{ none|zh_date|default:"—" }}]'
    )
    page = template.render(Context({"d": dt.date(2026, 10, 1), "none": None}))
    assert page == "2026年10月1日 2026年10月1日（星期四） [—]"
