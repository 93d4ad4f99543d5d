"""The inspection demo on a small hand-made county portal (not the whole demo): four inspections over
three weeks through the real runner; the second finds the page the demo defaced (a veto), the
agency marks it fixed, the third clears it; running the demo again adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest

from gongkai.demo import oversight_inspection as demo
from gongkai.oversight.models import Inspection
from gongkai.portal.actions import create_site, update_site
from gongkai.portal.models import Site
from gongkai.publishing import actions as publishing
from gongkai.publishing.models import UpdateClass
from tests.publishing.builders import published, team  # noqa: F401 — fixture


@pytest.fixture
def portal(county, team):  # noqa: F811
    site = Site.objects.filter(is_default=True).first()  # the data migration's default site
    if site is None:
        site = create_site(
            None, name="示范县人民政府", code="3709990001", hosts=["www.sfx.gov.cn"], is_default=True
        )
    site = update_site(None, site, hosts=["www.sfx.gov.cn"], agency=county.government)
    news = publishing.create_column(None, name="工作动态", slug="gzdt", update_class=UpdateClass.NEWS)
    published(team, column=news, title="示范县财政局召开预算公开工作会议")
    return site


def test_history_with_a_defaced_page_found_fixed_and_cleared(portal, county, zhao_qiang, settings):
    settings.GONGKAI_PAGECACHE = True  # as deployed: the served copy is the page cache's
    out = StringIO()
    demo.build(None, out)
    history = list(Inspection.objects.filter(site=portal).order_by("started_at"))
    assert len(history) == 4 and all(i.state == Inspection.State.DONE for i in history)
    first, second, third, today = history
    defaced = second.findings.get(check_code="pages.defaced")
    assert second.vetoed and not first.vetoed and not third.vetoed and not today.vetoed
    assert defaced.agency == county.government and defaced.fixed_by == zhao_qiang and defaced.fix_note
    assert defaced.cleared_by == third
    assert "近三周检查4次" in out.getvalue() and "（单项否决）" in out.getvalue()
    demo.build(None, StringIO())  # again: nothing added
    assert Inspection.objects.filter(site=portal).count() == 4
