"""特邀监督员: a personal link carries one feedback (resent: no duplicate); paper feedback typed twice
is kept once; the agency answers it from its 待办; the metric counts it; public pages show no
personal data."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.oversight import bulletins_actions as ba
from gongkai.oversight.bulletins_queries import todo_items
from gongkai.oversight.models import Feedback
from tests.oversight.bulletins_fixtures import (
    FINANCE_FINDING,
    external_supervisor,
    finance_feedback,
    published_bulletin,
)


@pytest.fixture(autouse=True)
def _today():
    """Monday 2 February 2026, 10:00 in Asia/Shanghai."""
    with time_machine.travel("2026-02-02 10:00 +08:00", tick=False):
        yield


def test_a_link_carries_one_feedback(client, county):
    sup = external_supervisor(county)
    _link, token = ba.issue_feedback_link(None, sup)
    url = reverse("oversight:feedback_form", args=[token])
    form = client.get(url).content.decode()
    assert "示范县财政局" in form and "邻县" not in form
    data = {"agency": county.finance.pk, "rating": "unsatisfied", "text": "依申请公开答复不及时。"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)  # Back + resubmit
    assert "本链接只能提交一次" in again.content.decode()
    assert Feedback.objects.count() == 1
    fb = Feedback.objects.get()
    assert (fb.source, fb.received_on, fb.agency) == ("link", date(2026, 2, 2), county.finance)
    feedback, created = ba.submit_feedback_by_link(token, agency=county.housing, rating="fair", text="另一条")
    assert feedback == fb and not created
    assert client.get(reverse("oversight:feedback_form", args=["not-a-token"])).status_code == 404


def test_an_expired_link_and_an_agency_outside_are_refused(county):
    sup = external_supervisor(county)
    _link, token = ba.issue_feedback_link(None, sup)
    with pytest.raises(ActionRefused, match="请选择被评议的单位"):
        ba.submit_feedback_by_link(token, agency=county.neighbour, rating="fair", text="x")
    with time_machine.travel("2026-06-01 10:00 +08:00"), pytest.raises(ActionRefused, match="评议链接已过期"):
        ba.submit_feedback_by_link(token, agency=county.finance, rating="fair", text="x")
    assert not Feedback.objects.exists()


def test_paper_feedback_typed_twice_is_kept_once_and_answered(client, county, li_ming, zhao_qiang):
    fb = finance_feedback(county)
    again, created = ba.enter_paper_feedback(
        zhao_qiang, supervisor=fb.supervisor, agency=county.finance, rating="fair",
        text=" " + fb.text + "\n", received_on=fb.received_on,
    )  # fmt: skip
    assert again == fb and not created and Feedback.objects.count() == 1
    assert [i.status for i in todo_items(li_ming)] == ["待答复"]
    client.force_login(li_ming)
    client.post(reverse("oversight_staff:feedback_item", args=[fb.pk]), {"answer": "已改为每月更新。"})
    fb.refresh_from_db()
    assert fb.answer == "已改为每月更新。" and todo_items(li_ming) == []
    with pytest.raises(ActionRefused, match="这条意见已经答复过了"):
        ba.answer_feedback(li_ming, fb, answer="再答")


def test_the_metric_counts_feedback_per_agency(county):
    finance_feedback(county)
    sup = external_supervisor(county)
    ba.enter_paper_feedback(
        None,
        supervisor=sup,
        agency=county.housing,
        rating="satisfied",
        text="好",
        received_on=date(2025, 12, 30),
    )
    metric = registry.metrics()["oversight.feedback.received"]
    assert metric.fn(date(2026, 1, 1), date(2026, 12, 31)) == {county.finance.pk: 1}
    assert metric.fn(date(2025, 1, 1), date(2026, 12, 31), [county.housing.pk]) == {county.housing.pk: 1}
    assert metric.records(date(2026, 1, 1), date(2026, 12, 31), None).startswith(
        "/workbench/oversight/feedback/"
    )


def test_public_pages_show_no_personal_data(client, county, li_ming, zhao_qiang):
    bulletin = published_bulletin(county, zhao_qiang)
    rect = bulletin.entries.get(agency=county.finance).rectification
    ba.record_rectification(li_ming, rect, measures="已补发年度报告。", done_on=date(2026, 2, 1))
    ba.accept_rectification(zhao_qiang, rect)
    finance_feedback(county)
    for url in (reverse("oversight:bulletins"), reverse("oversight:bulletin", args=[bulletin.pk])):
        page = client.get(url).content.decode()
        for personal in ("李明", "赵强", "周敏", "吴刚", "钱进"):
            assert personal not in page, (url, personal)
    page = client.get(reverse("oversight:bulletin", args=[bulletin.pk])).content.decode()
    assert FINANCE_FINDING in page and "已完成整改" in page and "已补发年度报告。" in page
