"""Highlighted titles and snippets are escaped first, then the matches wrapped in <mark>."""

from gongkai.search.highlight import highlight, snippet
from gongkai.search.index import search


def test_html_is_escaped_and_matches_marked():
    assert (
        highlight("<b>政府信息公开</b>", ["政府信息公开"]) == "&lt;b&gt;<mark>政府信息公开</mark>&lt;/b&gt;"
    )
    assert highlight("a & b", []) == "a &amp; b"


def test_matching_ignores_width_and_case_but_shows_the_original_characters():
    assert highlight("政务ＡＰＰ上线", ["app"]) == "政务<mark>ＡＰＰ</mark>上线"


def test_adjacent_matches_make_one_mark():
    assert highlight("国办发2013", ["国办发", "2013"]) == "<mark>国办发2013</mark>"


def test_snippet_is_a_window_around_the_first_match():
    text = "前言" * 100 + "三公经费" + "结语" * 100
    html = snippet(text, ["三公经费"], width=60)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>三公经费</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 62


def test_a_script_in_a_title_is_shown_escaped(index, county, client):
    index(
        county.finance, '<script>alert("x")</script>三公经费公开', body="<img src=x onerror=alert(1)>三公经费"
    )

    hit = search("三公经费").hits[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<img" not in hit.snippet_html

    page = client.get("/search/", {"q": "三公经费"}).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<mark>三公经费</mark>" in page
