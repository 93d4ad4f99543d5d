"""The workbench pages: the queues in a constant number of queries, every action through the
generic workflow view, the assisting agency's view of the case."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.interaction import actions
from gongkai.interaction.models import Message, State

from .conftest import write


def act(client, message, action, data=None):
    return client.post(reverse("interaction_staff:act", args=[message.pk, action]), data or {})


def test_the_office_dispatches_through_the_generic_view(client, message, zhou_min, county):
    client.force_login(zhou_min)
    page = client.get(reverse("interaction_staff:home")).content.decode()
    assert message.receipt_code in page and "待交办" in page
    response = act(client, message, "dispatch", {"lead_agency": county.finance.pk, "note": "请办理"})
    assert response.status_code == 302
    assert Message.objects.get(pk=message.pk).state == State.DISPATCHED


def test_a_refusal_is_shown_and_changes_nothing(client, message, zhou_min, county, li_ming, monday):
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    monday.shift(5 * 86400)
    client.force_login(li_ming)
    response = act(client, message, "return", {"reason": "不属本局职责"})
    assert response.status_code == 200
    assert "退回期限已于2026年3月4日届满" in response.content.decode()
    assert Message.objects.get(pk=message.pk).state == State.DISPATCHED


def test_an_agency_that_returns_a_message_lands_on_its_list(client, message, zhou_min, county, liu_yang):
    actions.dispatch_message(zhou_min, message, lead_agency=county.housing)
    client.force_login(liu_yang)
    response = act(client, message, "return", {"reason": "不属本局职责"})
    assert response.status_code == 302
    assert response.url == reverse("interaction_staff:home")  # the case is no longer in its sight
    assert Message.objects.get(pk=message.pk).state == State.RETURNED
    assert "已退回交办单位" in client.get(response.url).content.decode()


def test_responder_and_reviewer_through_the_pages(
    client, message, zhou_min, county, li_ming, wu_lei, wang_fang
):
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    client.force_login(li_ming)
    assert act(client, message, "assign", {"responder": wu_lei.pk}).status_code == 302
    client.force_login(wu_lei)
    assert (
        act(client, message, "submit_reply", {"body": "已联系张三（13812345678）处理。"}).status_code == 302
    )
    client.force_login(wang_fang)
    review = client.get(reverse("interaction_staff:act", args=[message.pk, "approve_reply"])).content.decode()
    assert "138****5678" in review and "13812345678（" not in review.split("公开文本")[1]
    assert act(client, message, "approve_reply", {"masked_body": "", "note": ""}).status_code == 302
    assert Message.objects.get(pk=message.pk).state == State.APPROVED


def test_assisting_agency_sees_the_case_and_gives_its_opinion(client, message, zhou_min, county, liu_yang):
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance, assist_agencies=[county.housing])
    client.force_login(liu_yang)
    assert client.get(reverse("interaction_staff:detail", args=[message.pk])).status_code == 200
    assert act(client, message, "add_assist_opinion", {"text": "道路属城关镇管养"}).status_code == 302
    assert message.assist_opinions.get().agency == county.housing


@pytest.mark.parametrize("view", ["all", "dispatch", "due_soon", "overdue", "veto"])
def test_queues_take_a_constant_number_of_queries(client, county_box, monday, zhao_qiang, view):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("interaction_staff:home"), {"view": view}).status_code == 200
        return len(ctx)

    client.force_login(zhao_qiang)
    write(county_box, key="a")
    count()  # the first request also loads the session and builds the calendar
    few = count()
    for i in range(6):
        write(county_box, key=f"more-{i}")
    assert count() == few


def test_the_office_is_not_offered_as_its_own_assisting_agency(client, message, zhou_min, county):
    client.force_login(zhou_min)
    form = client.get(reverse("interaction_staff:act", args=[message.pk, "dispatch"])).context["form"]
    assisting = set(form.fields["assist_agencies"].queryset)
    assert county.office not in assisting
    assert county.finance in assisting
    assert county.office in set(form.fields["lead_agency"].queryset)
