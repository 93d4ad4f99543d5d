# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""The home page: blocks registered by the domains, chosen and ordered per site, each showing only
the site's agencies, in a flat number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.common import registry
from gongkai.portal.actions import create_site, update_site
from gongkai.publishing import actions
from gongkai.publishing.models import UpdateClass
from tests.publishing.builders import published, team  # noqa: F401


@pytest.fixture
def key_area(db):
    return actions.create_column(
        None, name="财政预决算", slug="czyjs", update_class=UpdateClass.NOTICE, is_key_area=True
    )


@pytest.fixture
def finance_site(county, zhao_qiang):
    return create_site(
        zhao_qiang, name="示范县财政局网站", code="3709990002", hosts=["czj.localhost"], agency=county.finance
    )


def home(client, host="localhost") -> str:
    response = client.get(reverse("portal:home"), HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_the_default_blocks_in_order(client, team, key_area):
    published(team, title="示范县财政局关于预算公开的通知", doc_number="示财发〔2026〕3号")
    published(team, title="示范县财政局2025年政府信息公开工作年度报告")
    page = home(client)
    headings = [
        "站内检索",
        "最新公开",
        "政策文件",
        "重点领域信息公开",
        "依申请公开",
        "政府信息公开工作年度报告",
    ]
    headings.append("机构导航")
    positions = [page.index(f">{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    assert 'href="/catalog/?column=czyjs">财政预决算</a>' in page
    assert "/applications/apply/" in page and "/applications/status/" in page


def test_empty_blocks_are_hidden(client, county):
    page = home(client)
    assert (
        ">最新公开</h2>" not in page and ">政策解读</h2>" not in page and ">重点领域信息公开</h2>" not in page
    )
    assert ">依申请公开</h2>" in page and ">机构导航</h2>" in page


def test_a_site_chooses_and_orders_its_blocks(client, finance_site, zhao_qiang, team):
    published(team, title="示范县财政局关于预算公开的通知")
    update_site(zhao_qiang, finance_site, home_blocks=["latest", "search"])
    page = home(client, "czj.localhost")
    assert page.index(">最新公开</h2>") < page.index(">站内检索</h2>")
    assert ">依申请公开</h2>" not in page and ">机构导航</h2>" not in page


def test_blocks_show_only_the_sites_agencies(client, finance_site, county, team):
    published(team, title="示范县财政局关于预算公开的通知")
    assert "示范县财政局关于预算公开的通知" in home(client, "czj.localhost")
    housing_site = create_site(
        None, name="住建局网站", code="3709990003", hosts=["zjj.localhost"], agency=county.housing
    )
    page = home(client, "zjj.localhost")
    assert "示范县财政局关于预算公开的通知" not in page and housing_site.name in page


def test_a_block_of_a_removed_domain_is_skipped(client, finance_site, zhao_qiang):
    with registry.restoring():
        registry.register_portal_block(
            "extra",
            "临时版块",
            template="portal/blocks/search.html",
            context=lambda r, s: {"action": "/"},
            order=1,
        )
        update_site(zhao_qiang, finance_site, home_blocks=["extra", "applications"])
        assert ">临时版块</h2>" in home(client, "czj.localhost")
    from gongkai.portal.sites import clear_site_cache

    clear_site_cache()
    page = home(client, "czj.localhost")
    assert ">临时版块</h2>" not in page and ">依申请公开</h2>" in page


def test_the_home_page_makes_a_flat_number_of_queries(client, team, key_area):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            home(client)
        return len(captured)

    published(team, title="示范县财政局第0号通知", doc_number="示财发〔2026〕1号")
    home(client)  # what a running server has cached already
    few = queries()
    for n in range(1, 12):
        published(team, title=f"示范县财政局第{n}号通知", doc_number=f"示财发〔2026〕{n + 1}号")
    assert queries() == few <= len(registry.portal_blocks())  # at most one a block, whatever their length


def test_a_site_shows_the_columns_it_chose(client, finance_site, zhao_qiang, key_area):
    actions.create_column(
        None, name="重大建设项目", slug="zdjsxm", update_class=UpdateClass.NOTICE, is_key_area=True
    )
    update_site(zhao_qiang, finance_site, columns=["czyjs"])
    page = home(client, "czj.localhost")
    assert "财政预决算" in page and "重大建设项目" not in page
    catalog = client.get(reverse("publishing:catalog"), HTTP_HOST="czj.localhost").content.decode()
    assert 'value="czyjs"' in catalog and 'value="zdjsxm"' not in catalog
    assert "重大建设项目" in home(client)  # the default site chose none: every column


def test_an_unknown_column_is_refused(finance_site, zhao_qiang):
    from gongkai.common.errors import ActionRefused

    with pytest.raises(ActionRefused, match="没有这些栏目：nosuch"):
        update_site(zhao_qiang, finance_site, columns=["nosuch"])
