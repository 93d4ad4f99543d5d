# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""The government's 政府信息公开指南 (/openness/guide/), put together from the data of each domain: who
discloses (with addresses and telephones), how information is published, how to apply and in what
time, what it may cost, how to complain — and, on a department's site, only that department."""

import re

import pytest
from django.urls import reverse

from gongkai.agencies.actions import update_agency
from gongkai.common import registry
from gongkai.portal.actions import create_site
from gongkai.publishing import actions as publishing
from tests.publishing.builders import team  # noqa: F401

pytestmark = pytest.mark.django_db


def _headings(page: str) -> list[str]:
    return re.findall(r'<h2 id="guide-[a-z_]+">([^<]+)</h2>', page)


def test_the_government_guide_from_the_data(client, county, team):
    update_agency(None, county.office, address="示范县人民路1号", phone="0539-8100002")
    update_agency(None, county.finance, address="示范县财政大楼", phone="0539-8100003")
    publishing.update_guide(team.clerk, county.finance, body="<p>县财政局公开指南正文。</p>")
    page = client.get(reverse("portal:guide")).content.decode()

    assert "<h1" in page and "示范县人民政府政府信息公开指南</h1>" in page
    assert _headings(page) == ["一、公开主体", "二、主动公开", "三、依申请公开", "四、收费", "五、监督和救济"]
    assert (
        "政府信息公开工作主管部门：<strong>示范县人民政府办公室</strong>，地址：示范县人民路1号，电话：0539-8100002"
        in page
    )
    assert re.search(
        r"<td[^>]*>示范县财政局</td><td[^>]*>示范县财政大楼</td><td[^>]*>0539-8100003</td>", page
    )
    assert f'href="{reverse("publishing:openness", args=[county.finance.pk])}#guide"' in page
    assert "20个工作日内予以公开" in page  # GONGKAI_PUBLISH_LIMIT_DAYS
    assert "自收到申请之日起20个工作日内答复" in page and "最长不超过20个工作日" in page
    assert "7个工作日内一次性告知" in page
    assert "11—30件（含30件）100元/件" in page and "31—100页（含100页）10元/页" in page  # the fee tiers
    assert (
        f'href="{reverse("applications:apply")}"' in page
        and f'href="{reverse("applications:status")}"' in page
    )


def test_a_department_site_guides_for_its_own_agency_only(client, county, zhao_qiang):
    create_site(
        zhao_qiang, name="示范县财政局网站", code="3709990002", hosts=["czj.localhost"], agency=county.finance
    )
    page = client.get(reverse("portal:guide"), HTTP_HOST="czj.localhost").content.decode()
    assert "示范县财政局政府信息公开指南</h1>" in page
    assert '<td data-label="机关">示范县财政局</td>' in page
    assert "示范县住房和城乡建设局" not in page and "邻县人民政府" not in page


def test_a_domain_adds_its_own_section(client, county):
    with registry.restoring():
        registry.register_guide_section(
            "appeals",
            "行政复议专栏",
            template="portal/guide/supervision.html",
            context=lambda r, s: {},
            order=85,
        )
        registry.register_guide_section(
            "hidden",
            "没有数据的栏目",
            template="portal/guide/supervision.html",
            context=lambda r, s: None,
            order=86,
        )
        page = client.get(reverse("portal:guide")).content.decode()
    assert _headings(page)[-2:] == ["五、行政复议专栏", "六、监督和救济"]
    assert "没有数据的栏目" not in page


def test_the_menu_and_the_openness_page_lead_to_the_guide(client, county):
    page = client.get(reverse("portal:agencies")).content.decode()
    assert page.count(f'href="{reverse("portal:guide")}"') >= 2  # the menu and the paragraph
