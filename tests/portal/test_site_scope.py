# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""网站群 scoping: each site's catalog, document pages, feeds, sitemap and search show the documents of
its agency — and, by the site's rule, of the agencies below it — and nothing else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.portal.actions import create_site, update_site
from gongkai.portal.models import Site
from gongkai.publishing import actions
from gongkai.publishing.models import UpdateClass
from tests.conftest import _person
from tests.publishing.builders import Team, published, team  # noqa: F401

FINANCE_TITLE = "示范县财政局关于公开部门预算的通知"
HOUSING_TITLE = "示范县住房和城乡建设局关于老旧小区改造的通知"


@pytest.fixture
def housing_team(county) -> Team:
    """县住建局's own four reviewers: 周杰 drafts, 吴静 reviews, 郑磊 signs, 冯雪 checks secrecy."""
    return Team(
        _person("zhoujie", "周杰", county.housing, Role.CLERK),
        _person("wujing", "吴静", county.housing, Role.REVIEWER),
        _person("zhenglei", "郑磊", county.housing, Role.SIGNER),
        _person("fengxue", "冯雪", county.housing, Role.SECRECY_REVIEWER),
    )


@pytest.fixture
def sites(county, zhao_qiang):
    portal = Site.objects.get(is_default=True)
    update_site(zhao_qiang, portal, agency=county.government, hosts=["www.localhost"])
    create_site(
        zhao_qiang, name="示范县财政局网站", code="3709990002", hosts=["czj.localhost"], agency=county.finance
    )
    create_site(
        zhao_qiang, name="示范县住建局网站", code="3709990003", hosts=["zjj.localhost"], agency=county.housing
    )
    return portal


@pytest.fixture
def column(db):
    return actions.create_column(None, name="政策文件", slug="zcwj", update_class=UpdateClass.NOTICE)


@pytest.fixture
def docs(team, housing_team, column, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written on commit
        finance = published(team, title=FINANCE_TITLE, column=column)
        housing = published(housing_team, title=HOUSING_TITLE, column=column)
    return finance, housing


def page(client, host: str, url: str) -> str:
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, (host, url, response.status_code)
    return response.content.decode()


def test_each_catalog_shows_its_own_agencys_documents(client, sites, docs):
    catalog = reverse("publishing:catalog")
    finance = page(client, "czj.localhost", catalog)
    assert FINANCE_TITLE in finance and HOUSING_TITLE not in finance
    housing = page(client, "zjj.localhost", catalog)
    assert HOUSING_TITLE in housing and FINANCE_TITLE not in housing


def test_the_government_portal_includes_its_departments_documents(client, sites, docs):
    county = page(client, "www.localhost", reverse("publishing:catalog"))
    assert FINANCE_TITLE in county and HOUSING_TITLE in county
    assert FINANCE_TITLE in page(client, "localhost", reverse("publishing:catalog"))  # the default site


def test_without_the_rule_the_portal_shows_only_its_own(client, sites, docs, zhao_qiang):
    update_site(zhao_qiang, sites, include_subagencies=False)
    county = page(client, "www.localhost", reverse("publishing:catalog"))
    assert FINANCE_TITLE not in county and HOUSING_TITLE not in county


def test_a_document_of_another_site_is_not_found(client, sites, docs):
    finance, housing = docs
    assert client.get(housing.get_absolute_url(), HTTP_HOST="czj.localhost").status_code == 404
    assert client.get(finance.get_absolute_url(), HTTP_HOST="czj.localhost").status_code == 200
    assert client.get(housing.get_absolute_url(), HTTP_HOST="www.localhost").status_code == 200


def test_agency_pages_of_another_site_are_not_found(client, sites, county):
    url = reverse("publishing:openness", args=[county.housing.pk])
    assert client.get(url, HTTP_HOST="czj.localhost").status_code == 404
    assert client.get(url, HTTP_HOST="zjj.localhost").status_code == 200
    directory = page(client, "czj.localhost", reverse("portal:agencies"))
    assert "示范县财政局" in directory and "示范县住房和城乡建设局" not in directory


def test_feeds_and_sitemap_are_the_sites(client, sites, docs):
    finance, housing = docs
    feed = page(client, "czj.localhost", reverse("publishing:feed_rss", args=["zcwj"]))
    assert FINANCE_TITLE in feed and HOUSING_TITLE not in feed and "示范县财政局网站 - 政策文件" in feed
    assert "http://czj.localhost/sitemap-documents.xml" in page(
        client, "czj.localhost", reverse("publishing:sitemap")
    )
    sitemap = page(client, "czj.localhost", reverse("publishing:sitemap_section", args=["documents"]))
    assert f"http://czj.localhost{finance.get_absolute_url()}" in sitemap
    assert housing.get_absolute_url() not in sitemap


def test_search_finds_only_the_sites_documents(client, sites, docs):
    url = reverse("search:search") + "?q=通知"
    finance = page(client, "czj.localhost", url)
    assert "公开部门预算" in finance and "老旧小区改造" not in finance
    county = page(client, "www.localhost", url)
    assert "公开部门预算" in county and "老旧小区改造" in county


def test_a_moved_agency_keeps_its_site(client, sites, docs, county):
    from gongkai.agencies.actions import update_agency

    page(client, "czj.localhost", reverse("publishing:catalog"))  # the site table is cached
    update_agency(None, county.finance, parent=county.office)  # its tree path changes
    assert FINANCE_TITLE in page(client, "czj.localhost", reverse("publishing:catalog"))
    assert FINANCE_TITLE in page(client, "www.localhost", reverse("publishing:catalog"))
