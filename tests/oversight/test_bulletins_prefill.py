"""A bulletin's entries picked from the latest inspection's open findings: offered once per agency
of the issuer's subtree, added through the page, then no longer offered."""

from __future__ import annotations

from django.urls import reverse

from gongkai.oversight import bulletins_actions as ba
from gongkai.oversight.bulletins_prefill import candidates
from tests.oversight.bulletins_fixtures import TITLE, zhou_min
from tests.scope_registry import _finance_inspection


def test_open_findings_are_offered_and_picked(client, county):
    _site, _inspection, finding = _finance_inspection(county)
    clerk = zhou_min(county)
    bulletin = ba.create_bulletin(clerk, agency=county.office, title=TITLE)
    [pick] = candidates(bulletin)
    assert (pick["agency"], pick["kind"], pick["key"]) == (
        county.finance,
        "criticism",
        f"criticism-{county.finance.pk}",
    )
    assert finding.title in pick["finding"]
    client.force_login(clerk)
    url = reverse("oversight_staff:bulletin", args=[bulletin.pk])
    assert finding.title in client.get(url).content.decode()
    client.post(url, {"op": "prefill", "pick": [pick["key"]]})
    entry = bulletin.entries.get()
    assert (entry.agency, entry.kind) == (county.finance, "criticism") and finding.title in entry.finding
    assert candidates(bulletin) == []
    other = ba.create_bulletin(None, agency=county.neighbour, title="邻县通报")
    assert candidates(other) == []  # 邻县 does not see 示范县's findings
