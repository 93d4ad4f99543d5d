"""The demo 网站群: the county portal plus three sites on *.localhost, built once however often it runs."""

from __future__ import annotations

from gongkai.audit.models import AuditEntry
from gongkai.demo.county import build_county
from gongkai.demo.sites import build_sites
from gongkai.portal.models import Site
from gongkai.portal.sites import site_for_host


def test_the_demo_builds_the_sites_once(db):
    agencies = build_county()
    build_sites(agencies)
    audited = AuditEntry.objects.filter(action__startswith="portal.site.").count()
    build_sites(agencies)
    assert AuditEntry.objects.filter(action__startswith="portal.site.").count() == audited
    assert Site.objects.count() == 4
    portal = Site.objects.get(is_default=True)
    assert portal.agency == agencies["xzf"] and portal.include_subagencies
    assert site_for_host("czj.localhost:8000").agency == agencies["czj"]
    assert site_for_host("127.0.0.1") == portal == site_for_host("www.localhost")
    assert "示范县人民政府办公室" == portal.organizer and portal.icp == "示ICP备20260001号"
