# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""The shared pager: previous, page numbers with gaps, next, and a jump form that keeps the filters."""

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from tests.publishing.builders import published, team  # noqa: F401


def pager(number: int, pages: int, query_string: str = "") -> str:
    page_obj = Paginator(range(pages * 20), 20).page(number)
    return render_to_string("gongkai/pagination.html", {"page_obj": page_obj, "query_string": query_string})


def links(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<li>(.*?)</li>", html)]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, ["第1页（当前页）", "第2页", "第3页", "…", "第15页", "下一页"]),
        (
            8,
            [
                "上一页",
                "第1页",
                "…",
                "第6页",
                "第7页",
                "第8页（当前页）",
                "第9页",
                "第10页",
                "…",
                "第15页",
                "下一页",
            ],
        ),
        (15, ["上一页", "第1页", "…", "第13页", "第14页", "第15页（当前页）"]),
    ],
)
def test_numbers_around_the_current_page_with_gaps(number, expected):
    assert links(pager(number, 15)) == expected


def test_current_page_is_marked_and_links_keep_the_filters():
    html = pager(8, 15, "column=zcwj&year=2025")
    assert '<nav class="pagination" aria-label="分页">' in html
    assert re.findall(r'page=(\d+)" aria-current="page"', html) == ["8"]
    assert 'href="?column=zcwj&amp;year=2025&amp;page=7" rel="prev"' in html
    assert 'href="?column=zcwj&amp;year=2025&amp;page=9" rel="next"' in html


def test_jump_form_carries_the_filters_and_bounds_the_page():
    html = pager(2, 15, "column=zcwj&year=2025")
    jump = re.search(r'<form class="pager-jump" method="get">(.*?)</form>', html, re.S).group(1)
    assert re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', jump) == [
        ("column", "zcwj"),
        ("year", "2025"),
    ]
    assert '<label for="pager-page">跳转到第</label>' in jump
    assert 'name="page" min="1" max="15"' in jump


def test_a_single_page_has_no_pager():
    assert pager(1, 1).strip() == ""


@pytest.mark.django_db
def test_the_catalog_uses_the_pager_and_jumps(team, client):
    for i in range(21):
        published(team, title=f"第{i}号通知")
    first = client.get(reverse("publishing:catalog")).content.decode()
    assert re.findall(r'page=(\d+)" aria-current="page"', first) == ["1"] and 'class="pager-jump"' in first
    second = client.get(reverse("publishing:catalog"), {"page": "2"}).content.decode()
    assert "第 2 / 2 页（共 21 条）" in second and "第0号通知" in second and "第20号通知" not in second
