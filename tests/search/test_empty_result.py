"""No result offers 申请公开 with the query carried into the form; the header box keeps the query."""

import re
from html import unescape

from django.urls import reverse


def test_no_result_links_to_the_apply_form_with_the_query(client, index, county):
    index(county.finance, "三公经费预算公开")
    page = client.get(reverse("search:search"), {"q": "保障房轮候名单"}).content.decode()
    assert "没有找到与“保障房轮候名单”相关的政府信息" in page
    link = unescape(re.search(r'<a href="([^"]*)">申请公开</a>', page).group(1))
    assert (
        link
        == "/applications/apply/?description=%E4%BF%9D%E9%9A%9C%E6%88%BF%E8%BD%AE%E5%80%99%E5%90%8D%E5%8D%95"
    )

    form = client.get(link).content.decode()
    textarea = re.search(r'<textarea name="description"[^>]*>(.*?)</textarea>', form, re.S).group(1)
    assert textarea.strip() == "保障房轮候名单"


def test_a_result_does_not_offer_the_apply_form(client, index, county):
    index(county.finance, "三公经费预算公开")
    page = client.get(reverse("search:search"), {"q": "三公经费"}).content.decode()
    assert "共找到 <strong>1</strong> 条" in page and "description=" not in page


def test_the_header_search_box_keeps_the_query(client, db):
    page = client.get(reverse("search:search"), {"q": "保障房 <公示>"}).content.decode()
    assert re.search(r'<input type="search" id="header-q" name="q" value="保障房 &lt;公示&gt;"', page)
    home = client.get("/").content.decode()
    assert re.search(r'<input type="search" id="header-q" name="q" value=""', home)
