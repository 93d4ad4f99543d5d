"""The figures of an adoption report add up to the records (pure)."""

from __future__ import annotations

import pytest

from gongkai.consultation.figures import figures

CHANNELS = [("online", "网上提交"), ("letter", "信函"), ("hearing", "听证会")]
DISPOSITIONS = [("adopted", "采纳"), ("partly", "部分采纳"), ("not_adopted", "不采纳")]


def make(rows):
    return figures(rows, channels=CHANNELS, dispositions=DISPOSITIONS)


def test_own_disposition_first_then_the_groups():
    f = make(
        [
            ("online", "adopted", None, 3),
            ("online", "", "not_adopted", 4),  # in a group: the group's disposition
            ("online", "partly", "not_adopted", 1),  # its own overrides the group's
            ("letter", "", None, 2),  # none yet
        ]
    )
    assert f.total == 10
    assert f.count(disposition="not_adopted") == 4
    assert f.count(disposition="partly") == 1
    assert f.missing == 2
    assert f.rows() == [("网上提交", [3, 1, 4], 8), ("信函", [0, 0, 0], 2)]  # 听证会 received none
    assert f.totals() == [3, 1, 4]


@pytest.mark.parametrize(
    ("adopted", "total", "share"),
    [(0, 0, "0%"), (1, 3, "33.3%"), (1, 2, "50%"), (2, 2, "100%")],
)
def test_share(adopted, total, share):
    rows = [("online", "adopted", None, adopted), ("online", "not_adopted", None, total - adopted)]
    assert make(rows).share("adopted") == share
