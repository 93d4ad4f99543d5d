"""`gongkai inspect`: the Chinese summary, --json, exit status 1 on a veto and 2 on an error, the
daily job. The crawl itself is the runner's (tests/oversight/test_inspection_checks*.py); here the
runner is replaced by hand-made inspections so each exit status can be produced on purpose."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.common import registry
from gongkai.oversight.management.commands import inspect as command
from gongkai.oversight.models import Inspection

from .inspection_fixtures import inspect_with, make_site


@pytest.fixture
def sites(county):
    return (
        make_site("示范县人民政府门户网站", county.government, host="www.sfx.gov.cn", code="3700000001"),
        make_site("示范县财政局网站", county.finance, host="czj.sfx.gov.cn", code="3700000002"),
    )


@pytest.fixture
def found(monkeypatch, county):
    """What the (replaced) runner finds per site name."""
    plan: dict[str, list] = {}
    calls = []

    def fake(actor, site, *, base_url=None):
        calls.append((site.name, base_url))
        return inspect_with(site, plan.get(site.name, []))

    monkeypatch.setattr(command, "start_inspection", fake)
    return plan, calls


def _run(*args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("inspect", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def test_all_sites_clean_exit_0(sites, found, county):
    plan, calls = found
    plan["示范县财政局网站"] = [("links.broken", "a", county.finance, 2)]
    status, out = _run()
    assert status == 0
    assert "示范县人民政府门户网站：100.0分，合格（达到加分线）" in out
    assert "示范县财政局网站：98.0分，合格（达到加分线）；检查页面12个，发现问题1项" in out
    assert {"示范县人民政府门户网站", "示范县财政局网站"} <= {c[0] for c in calls}  # every site


def test_a_veto_exits_1_and_json_lists_findings(sites, found, county):
    plan, calls = found
    plan["示范县财政局网站"] = [("pages.defaced", "/doc/1/", county.finance, 1, "/doc/1/")]
    status, out = _run("--site", "czj.sfx.gov.cn", "--json", "--base-url", "https://czj.sfx.gov.cn")
    assert status == 1 and "以下网站触发单项否决：示范县财政局网站" in out
    assert calls == [("示范县财政局网站", "https://czj.sfx.gov.cn")]
    data = json.loads(out[: out.rindex("]") + 1])
    assert data[0]["vetoed"] is True and data[0]["conclusion"] == "单项否决，不合格"
    assert data[0]["findings"][0] | {"fix_by": None} == {
        "check": "pages.defaced",
        "title": "pages.defaced /doc/1/",
        "url": "/doc/1/",
        "agency": "示范县财政局",
        "count": 1,
        "vetoes": True,
        "deduction": 0.0,
        "fix_by": None,
    }


def test_unknown_site_exits_2(sites, found):
    status, out = _run("--site", "不存在的网站")
    assert status == 2 and "找不到网站“不存在的网站”" in out and "示范县财政局网站" in out
    assert found[1] == []


def test_a_failed_inspection_exits_2(sites, monkeypatch):
    def failing(actor, site, *, base_url=None):
        from django.utils import timezone

        return Inspection.objects.create(
            site=site, started_at=timezone.now(), state=Inspection.State.FAILED, error="无法连接"
        )

    monkeypatch.setattr(command, "start_inspection", failing)
    status, out = _run("--site", "3700000001")
    assert status == 2 and "示范县人民政府门户网站：检查出错（无法连接）" in out


def test_registered_as_a_daily_job_that_a_veto_does_not_fail():
    (job,) = [j for j in registry.jobs() if j.command == "inspect"]
    assert job.group == "daily" and not job.read_only and job.args == ("--report-only",)


def test_report_only_exits_0_on_a_veto_but_2_on_an_error(sites, found, county, monkeypatch):
    plan, _calls = found
    plan["示范县财政局网站"] = [("pages.defaced", "/doc/1/", county.finance, 1, "/doc/1/")]
    status, out = _run("--site", "czj.sfx.gov.cn", "--report-only")
    assert status == 0 and "示范县财政局网站" in out and "单项否决" in out

    def failing(actor, site, *, base_url=None):
        raise OSError("无法连接")

    monkeypatch.setattr(command, "start_inspection", failing)
    assert _run("--site", "czj.sfx.gov.cn", "--report-only")[0] == 2


def test_dry_run_inspects_nothing(sites, found):
    status, out = _run("--dry-run")
    assert status == 0 and "将检查：示范县财政局网站" in out and found[1] == []
