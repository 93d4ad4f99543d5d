"""registry.column_activity: what the website self-inspection knows of a site's columns — the
newest publication and the number of public documents per column the site shows, of the site's
agencies only."""

from __future__ import annotations

from tests.publishing.builders import draft, published, team  # noqa: F401 — fixture

from gongkai.common import registry
from gongkai.portal.actions import create_site
from gongkai.publishing import actions
from gongkai.publishing.models import UpdateClass


def test_each_shown_column_with_its_newest_public_document(team, county):  # noqa: F811
    news = actions.create_column(None, name="工作动态", slug="gzdt", update_class=UpdateClass.NEWS)
    actions.create_column(None, name="通知公告", slug="tzgg", update_class=UpdateClass.NOTICE)
    actions.create_column(None, name="人事信息", slug="rsxx", update_class=UpdateClass.YEARLY)
    first = published(team, column=news, title="示范县财政局召开预算公开工作会议")
    second = published(team, column=news, title="示范县财政局召开决算公开工作会议")
    draft(team.clerk, column=news, title="示范县财政局尚未发布的草稿")
    county_site = create_site(
        None, name="示范县人民政府网站", code="3709000001", hosts=["www.sfx.gov.cn"], agency=county.government,
        columns=["gzdt", "tzgg"],
    )  # fmt: skip
    other = create_site(
        None, name="邻县人民政府网站", code="3709000002", hosts=["www.lx.gov.cn"], agency=county.neighbour
    )

    rows = {row.slug: row for row in registry.column_activity(county_site)}
    assert set(rows) == {"gzdt", "tzgg"}  # the site does not show 人事信息
    assert (rows["gzdt"].items, rows["gzdt"].latest) == (2, max(first.published_at, second.published_at))
    assert (rows["gzdt"].update_class, rows["gzdt"].url) == ("news", "/catalog/?column=gzdt")
    assert (rows["tzgg"].items, rows["tzgg"].latest, rows["tzgg"].name) == (0, None, "通知公告")

    neighbour = {row.slug: row for row in registry.column_activity(other)}
    assert neighbour["gzdt"].items == 0  # 财政局's documents are not the neighbour county's
