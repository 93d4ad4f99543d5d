"""网站群: one installation answers several host names, each with its own site; unknown hosts get a
Chinese page; site settings change only through the audited actions."""

from __future__ import annotations

import pytest
from django.test import override_settings

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.portal.actions import create_site, update_site
from gongkai.portal.models import Site
from gongkai.portal.sites import normalise_host, site_for_host


@pytest.fixture
def finance_site(county, zhao_qiang) -> Site:
    return create_site(
        zhao_qiang,
        name="示范县财政局网站",
        code="3709990002",
        hosts=["czj.localhost", "CZJ.example.gov.cn:8443"],
        agency=county.finance,
        organizer="示范县财政局",
        icp="鲁ICP备12345678号-2",
        psr="鲁公网安备 37099902000002号",
    )


@pytest.mark.parametrize(
    ("raw", "host"),
    [
        ("www.Example.gov.cn", "www.example.gov.cn"),
        ("www.example.gov.cn:8080", "www.example.gov.cn"),
        ("www.example.gov.cn.", "www.example.gov.cn"),
        ("127.0.0.1:8000", "127.0.0.1"),
        ("[::1]:8000", "[::1]"),
        ("bad host", None),
        ("evil.com/path", None),
        ("", None),
    ],
)
def test_host_names_are_normalised(raw, host):
    assert normalise_host(raw) == host


def test_the_migration_made_a_default_site(db):
    site = Site.objects.get(is_default=True)
    assert site.name == "示范县人民政府" and site.code == "3709990001"


def test_each_host_gets_its_own_site(client, finance_site):
    finance = client.get("/", HTTP_HOST="czj.localhost").content.decode()
    assert "示范县财政局网站" in finance and "3709990002" in finance and "鲁ICP备12345678号-2" in finance
    assert "鲁公网安备 37099902000002号" in finance and "beian.mps.gov.cn" in finance
    county = client.get("/", HTTP_HOST="localhost:8000").content.decode()
    assert "示范县财政局网站" not in county and "3709990001" in county


def test_any_case_and_port_reach_the_site(client, finance_site):
    assert site_for_host("Czj.Example.Gov.Cn:443") == finance_site
    response = client.get("/", HTTP_HOST="CZJ.LOCALHOST:8110")
    assert response.status_code == 200 and "示范县财政局网站" in response.content.decode()


def test_unknown_host_gets_a_chinese_404(client, finance_site):
    response = client.get("/", HTTP_HOST="nosuch.example.com")
    assert response.status_code == 404
    assert "本系统中没有域名为“nosuch.example.com”的网站" in response.content.decode()


@override_settings(DEBUG=False)
def test_malformed_host_gets_a_chinese_400(client, db):
    response = client.get("/", HTTP_HOST="bad host!")
    assert response.status_code == 400 and "格式不正确" in response.content.decode()


@override_settings(GONGKAI_ALLOWED_HOSTS=[".example.gov.cn"])
def test_allowed_hosts_reach_the_default_site(client, finance_site):
    response = client.get("/", HTTP_HOST="www.example.gov.cn")
    assert response.status_code == 200 and "3709990001" in response.content.decode()
    assert client.get("/", HTTP_HOST="localhost").status_code == 404


def test_site_title_names_the_site(client, finance_site):
    assert "<title>示范县财政局网站" in client.get("/", HTTP_HOST="czj.localhost").content.decode()


def test_a_change_is_seen_at_once_and_audited(client, finance_site, zhao_qiang):
    client.get("/", HTTP_HOST="czj.localhost")  # the table is now cached
    update_site(zhao_qiang, finance_site, name="示范县财政局门户", hosts=["czj.localhost", "cz.localhost"])
    assert "示范县财政局门户" in client.get("/", HTTP_HOST="cz.localhost").content.decode()
    assert client.get("/", HTTP_HOST="czj.example.gov.cn").status_code == 404
    entry = AuditEntry.objects.filter(action="portal.site.update").get()
    assert entry.before["name"] == "示范县财政局网站" and entry.after["hosts"] == [
        "czj.localhost",
        "cz.localhost",
    ]
    assert AuditEntry.objects.filter(action="portal.site.create").count() == 1


def test_one_default_site(finance_site, zhao_qiang):
    old = Site.objects.get(is_default=True)
    update_site(zhao_qiang, finance_site, is_default=True)
    assert list(Site.objects.filter(is_default=True)) == [finance_site]
    old.refresh_from_db()
    assert not old.is_default
    with pytest.raises(ActionRefused, match="请把另一个网站设为默认网站"):
        update_site(zhao_qiang, finance_site, is_default=False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "网站名称不能为空"),
        ({"code": "12345"}, "网站标识码应为10位数字"),
        ({"icp": "ICP备123号"}, "ICP备案号格式应如"),
        ({"psr": "鲁公网安备 123号"}, "公安机关备案号格式应如"),
        ({"hosts": []}, "请至少填写一个域名"),
        ({"hosts": ["http://czj.localhost/"]}, "不要带 http://"),
        ({"hosts": ["bad host"]}, "“bad host”不是有效的域名"),
        ({"home_blocks": ["nosuch"]}, "没有这些首页版块：nosuch"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(finance_site, zhao_qiang, changes, message):
    with pytest.raises(ActionRefused, match=message):
        update_site(zhao_qiang, finance_site, **changes)
    finance_site.refresh_from_db()
    assert finance_site.name == "示范县财政局网站" and finance_site.hosts.count() == 2
    assert not AuditEntry.objects.filter(action="portal.site.update").exists()


def test_a_host_belongs_to_one_site(finance_site, zhao_qiang, county):
    with pytest.raises(ActionRefused, match="域名 czj.localhost 已属于网站“示范县财政局网站”"):
        create_site(
            zhao_qiang, name="住建局网站", code="3709990003", hosts=["CZJ.localhost"], agency=county.housing
        )
    assert not Site.objects.filter(name="住建局网站").exists()


def test_the_unknown_site_page_has_its_stylesheet(client, finance_site):
    from django.templatetags.static import static

    page = client.get("/", HTTP_HOST="nosuch.example.com").content.decode()
    assert static("gongkai/site.css") in page
    assert client.get(static("gongkai/site.css"), HTTP_HOST="nosuch.example.com").status_code == 200
