"""The website inspection's checks on a hand-made site of 示范县 (国办秘函〔2019〕19号, RULES.md §8):
each finds what it should on pages built to violate it and nothing on a clean site; the runner
stores findings and clears the fixed ones on the next run."""

from __future__ import annotations

import datetime as dt
import urllib.request

import pytest
from django.core.cache import caches
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.common import pagecache, registry
from gongkai.oversight.inspection.context import InspectionContext
from gongkai.oversight.inspection.runner import run_inspection
from gongkai.oversight.models import Finding, Inspection
from gongkai.portal.actions import create_site
from gongkai.publishing import actions
from gongkai.publishing.models import Document, UpdateClass
from tests.publishing.builders import published, team  # noqa: F401 — fixture

HOST = "www.sfx.gov.cn"
LINKED = '<p>详见<a href="https://www.gov.cn/zhengce/">中国政府网</a>。</p>'


@pytest.fixture
def site(county):
    return create_site(
        None, name="示范县人民政府网站", code="3709000001", hosts=[HOST], agency=county.government
    )


@pytest.fixture
def columns(db):
    news = actions.create_column(None, name="工作动态", slug="gzdt", update_class=UpdateClass.NEWS)
    notices = actions.create_column(None, name="通知公告", slug="tzgg", update_class=UpdateClass.NOTICE)
    return news, notices


def _age(doc: Document, days: int) -> None:
    """Hand-made history: the document appeared `days` ago."""
    Document.objects.filter(pk=doc.pk).update(published_at=timezone.now() - dt.timedelta(days=days))
    pagecache.bump_now()


def _codes(inspection: Inspection) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in inspection.findings.all():
        out.setdefault(finding.check_code, []).append(finding)
    return out


@pytest.fixture
def clean_site(site, columns, team):  # noqa: F811
    news, notices = columns
    published(team, column=news, title="示范县财政局召开预算公开工作会议")
    published(
        team, column=notices, title="示范县财政局关于做好预算公开工作的通知", body="<p>请各单位按时公开。</p>"
    )
    return site


def test_a_clean_site_has_no_findings(clean_site, monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen", _no_outbound)
    inspection = run_inspection(clean_site)
    assert inspection.state == Inspection.State.DONE, inspection.error
    assert _codes(inspection) == {}
    assert inspection.pages_checked >= 5  # the home page, the columns, the documents, the menus' pages
    assert inspection.links_checked > inspection.pages_checked
    assert inspection.summary["crawl"]["host"] == HOST
    entry = AuditEntry.objects.filter(action="oversight.inspection.run").latest("seq")
    assert entry.after["state"] == "done"


def _no_outbound(*args, **kwargs):
    raise AssertionError("outbound request while GONGKAI_INSPECTION_OUTBOUND is off")


def test_stale_and_empty_columns_and_home(site, columns, team, settings):  # noqa: F811
    news, notices = columns
    _age(published(team, column=news, title="示范县财政局召开预算公开工作会议"), 20)
    _age(published(team, column=notices, title="示范县财政局关于预算公开的通知"), 200)
    actions.create_column(None, name="人事信息", slug="rsxx", update_class=UpdateClass.YEARLY)
    found = _codes(run_inspection(site))
    assert [f.key for f in found["home.stale"]] == ["home"]
    assert sorted(f.key for f in found["columns.stale"]) == ["column:gzdt", "column:tzgg"]
    assert "2周" in next(f.title for f in found["columns.stale"] if f.key == "column:gzdt")
    assert [f.key for f in found["columns.empty"]] == ["column:rsxx"]
    assert found["columns.empty"][0].url == "/catalog/?column=rsxx"

    # configured: news columns may wait 30 days, notices 1 year
    settings.GONGKAI_INSPECTION_COLUMN_CLASSES = {"news": 30, "tzgg": "1y"}
    found = _codes(run_inspection(site))
    assert "columns.stale" not in found


def test_news_within_two_weeks_and_notice_within_six_months_pass(site, columns, team):  # noqa: F811
    news, notices = columns
    _age(published(team, column=news, title="示范县财政局召开预算公开工作会议"), 10)
    _age(published(team, column=notices, title="示范县财政局关于预算公开的通知"), 150)
    found = _codes(run_inspection(site))
    assert "home.stale" not in found and "columns.stale" not in found and "columns.empty" not in found


def test_a_malformed_threshold_fails_the_check_in_chinese(clean_site, settings):
    settings.GONGKAI_INSPECTION_COLUMN_CLASSES = {"news": "两周"}
    inspection = run_inspection(clean_site)
    assert inspection.state == Inspection.State.FAILED
    assert "columns.stale" in inspection.error and "“两周”无法识别" in inspection.error
    assert inspection.pages_checked > 0  # the other checks ran


def test_broken_links_are_found_with_the_agency_of_the_page(site, columns, team, county):  # noqa: F811
    news, _notices = columns
    body = '<p>附件见<a href="/documents/no-such-document/">预算表</a>，另见<a href="/catalog/">公开目录</a>。</p>'
    doc = published(team, column=news, title="示范县财政局预算公开说明", body=body)
    found = _codes(run_inspection(site))
    broken = found["links.broken"]
    assert [f.key for f in broken] == ["internal:/documents/no-such-document/"]
    assert broken[0].agency_id == county.finance.pk  # the page's ContentSource, not the site's agency
    assert broken[0].url == f"/documents/{doc.public_key()}/"
    assert "HTTP 404" in broken[0].detail


def test_outbound_off_lists_external_links_unchecked(site, columns, team, monkeypatch):  # noqa: F811
    monkeypatch.setattr(urllib.request, "urlopen", _no_outbound)
    published(team, column=columns[0], title="示范县财政局转发国务院文件", body=LINKED)
    inspection = run_inspection(site)
    notes = inspection.summary["notes"]["links.broken"]
    assert notes["external_checked"] is False
    assert "https://www.gov.cn/zhengce/" in notes["external_unchecked"]
    assert "links.broken" not in _codes(inspection)


def test_outbound_on_reports_a_dead_external_link(site, columns, team, monkeypatch, settings):  # noqa: F811
    settings.GONGKAI_INSPECTION_OUTBOUND = True
    published(team, column=columns[0], title="示范县财政局转发国务院文件", body=LINKED)

    def urlopen(request, timeout=None):
        raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    found = _codes(run_inspection(site))
    assert [f.key for f in found["links.broken"]] == ["external:https://www.gov.cn/zhengce/"]


def _tamper(host: str, path: str, replace: bytes, with_: bytes) -> None:
    """What an attacker on the server does: change the served copy in the page cache."""
    key = pagecache.key_for(host, path, "", pagecache.generation.current())
    status, headers, content = caches[pagecache.ALIAS].get(key)
    assert replace in content
    caches[pagecache.ALIAS].set(key, (status, headers, content.replace(replace, with_, 1)), 600)


def test_a_defaced_page_with_injected_content_is_found(clean_site, county, settings):
    settings.GONGKAI_PAGECACHE = True  # as deployed: the served copy is the page cache's
    first = run_inspection(clean_site)
    assert _codes(first) == {}
    doc = Document.objects.get(title="示范县财政局召开预算公开工作会议")
    path = f"/documents/{doc.public_key()}/"
    injected = (
        b'<div style="position:absolute;left:-9999px"><a href="http://casino.example.com/">'
        + "线上娱乐城，开户送彩金".encode()
        + b'</a></div><script src="http://evil.example.net/x.js"></script>'
        + b'<iframe src="https://ads.example.org/"></iframe></body>'
    )
    _tamper(HOST, path, b"</body>", injected)
    second = run_inspection(clean_site)
    found = _codes(second)
    assert [f.url for f in found["pages.defaced"]] == [path]
    injected_kinds = sorted(f.title for f in found["content.injected"])
    assert injected_kinds == [
        "页面含有隐藏链接（暗链）",
        "页面嵌入了外部网站的框架",
        "页面引用了外部网站的脚本",
    ]
    assert all(f.url == path and f.agency_id == county.finance.pk for f in found["content.injected"])
    forbidden = found["content.forbidden"][0]
    assert "开户送彩金" in forbidden.detail and "线上娱乐城" in forbidden.detail
    assert set(found) == {"pages.defaced", "content.injected", "content.forbidden"}
    assert second.summary["notes"]["pages.defaced"]["checked"] >= 5


def test_the_next_run_clears_what_was_fixed(site, columns, team):  # noqa: F811
    news, notices = columns
    published(team, column=news, title="示范县财政局召开预算公开工作会议")
    first = run_inspection(site)
    empty = Finding.objects.get(inspection=first, check_code="columns.empty")
    assert empty.key == "column:tzgg" and empty.cleared_by is None

    published(team, column=notices, title="示范县财政局关于预算公开的通知")
    second = run_inspection(site)
    empty.refresh_from_db()
    assert empty.cleared_by == second
    assert not second.findings.exists()


def test_a_problem_still_there_is_not_cleared(site, columns, team):  # noqa: F811
    published(team, column=columns[0], title="示范县财政局召开预算公开工作会议")
    first = run_inspection(site)
    second = run_inspection(site)
    assert Finding.objects.get(inspection=first, check_code="columns.empty").cleared_by is None
    assert Finding.objects.filter(inspection=second, check_code="columns.empty", key="column:tzgg").exists()


def test_metric_checks_report_each_agency_over_its_limit(clean_site, county):
    def longest(start, end, agency_ids=None):
        return {county.finance.pk: 120, county.housing.pk: 80, county.neighbour.pk: 400}

    def guides(start, end, agency_ids=None):
        return {county.housing.pk: 2, county.finance.pk: 0}

    def breach(start, end, agency_ids=None):
        return {county.township.pk: 1}

    with registry.restoring():
        registry.register_metric(
            "interaction.messages.longest_unanswered_days",
            "最长未答复留言（天）",
            longest,
            records=lambda start, end, ids: f"/workbench/messages/?agency={ids[0]}",
        )
        registry.register_metric("services.guides.missing_elements", "缺少必备要素的办事指南数", guides)
        registry.register_metric("newmedia.accounts.in_breach", "未达要求的账号数", breach)
        found = _codes(run_inspection(clean_site))
    # 400 days is 邻县's: its figure would be outside the site, but a metric is trusted to scope
    messages = {f.agency_id: f for f in found["messages.unanswered"]}
    assert set(messages) == {county.finance.pk, county.neighbour.pk}
    assert messages[county.finance.pk].url == f"/workbench/messages/?agency={county.finance.pk}"
    assert [(f.agency_id, f.count) for f in found["guides.missing_elements"]] == [(county.housing.pk, 2)]
    assert [(f.agency_id, f.count) for f in found["newmedia.breach"]] == [(county.township.pk, 1)]


def test_a_check_that_raises_fails_the_run_and_keeps_the_others(clean_site):
    def broken(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    with registry.restoring():
        from gongkai.oversight.inspection import registry as checks

        saved = dict(checks._checks)
        checks.register_check("test.boom", "测试", "测试", broken)
        try:
            inspection = run_inspection(clean_site)
        finally:
            checks._checks.clear()
            checks._checks.update(saved)
    assert inspection.state == Inspection.State.FAILED
    assert "test.boom" in inspection.error and "boom" in inspection.error
    assert inspection.summary["crawl"]["pages"] > 0


def test_the_crawl_stops_at_the_page_limit(clean_site, settings):
    settings.GONGKAI_INSPECTION_MAX_PAGES = 2
    ctx = InspectionContext(clean_site)
    assert ctx.crawl.pages == 2 and ctx.crawl.truncated
