"""The body of an imported document does not repeat the title and 文号 shown above it."""

import pytest

from gongkai.publishing.bodies import strip_heading

TITLE = "国务院办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的意见"


@pytest.mark.parametrize(
    "text, expected_first_line",
    [
        (f"{TITLE}\n\n国办发〔2013〕100号\n\n各省人民政府：\n正文", "各省人民政府："),
        # the title wrapped over three lines, the 文号 with wrong brackets
        (
            "国务院办公厅关于进一步\n加强政府信息公开回应社会关切\n提升政府公信力的意见\n国办发[2013]100号\n各省：",
            "各省：",
        ),
        # no 文号 line
        (f"{TITLE}\n各省：", "各省："),
        # the head is not the title: nothing is dropped
        ("各县区人民政府：\n为深入贯彻落实", "各县区人民政府："),
    ],
)
def test_heading_lines_are_dropped(text, expected_first_line):
    body = strip_heading(text, title=TITLE, doc_number="国办发〔2013〕100号")
    assert body.lstrip().splitlines()[0] == expected_first_line


def test_a_body_that_only_mentions_the_title_later_is_kept():
    text = f"前言\n{TITLE}\n正文"
    assert strip_heading(text, title=TITLE, doc_number=None) == text


def test_missing_title_keeps_everything():
    assert strip_heading("甲\n乙", title=None, doc_number=None) == "甲\n乙"
