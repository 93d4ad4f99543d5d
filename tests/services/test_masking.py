"""A natural person's name never reaches a public page; a company's name is shown."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.services import actions
from tests.services.helpers import finance_decision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("party_kind", "party", "shown", "hidden"),
    [
        ("person", "张三丰", "张某某", "张三丰"),
        ("person", "欧阳娜娜", "欧阳某某", "欧阳娜娜"),
        ("organisation", "示范县某某建材有限公司", "示范县某某建材有限公司", None),
    ],
)
def test_party_on_public_pages(client, li_ming, party_kind, party, shown, hidden):
    decision = finance_decision(
        li_ming,
        party_kind=party_kind,
        party=party,
        facts=f"{party}（身份证号110101199003074514，电话13912345678）提供虚假材料。",
        result=f"对{party}处以罚款五千元。",
        publish=True,
    )
    pages = [
        client.get(reverse("services:decisions")).content.decode(),
        client.get(reverse("services:decision", args=[decision.pk])).content.decode(),
    ]
    for page in pages:
        assert shown in page
        if hidden:
            assert hidden not in page
    detail = pages[1]
    assert "110101199003074514" not in detail and "13912345678" not in detail


def test_an_unpublished_decision_is_not_public(client, li_ming):
    decision = finance_decision(li_ming)
    assert client.get(reverse("services:decision", args=[decision.pk])).status_code == 404
    assert decision.number not in client.get(reverse("services:decisions")).content.decode()


def test_publishing_twice_is_refused(li_ming):
    decision = finance_decision(li_ming, publish=True)
    with pytest.raises(actions.ActionRefused, match="该决定已于.*公示"):
        actions.publish_enforcement_decision(li_ming, decision)


def test_another_agency_cannot_record_for_finance(liu_yang, li_ming, county):
    with pytest.raises(actions.ActionRefused, match="只有示范县财政局的经办人员"):
        actions.record_enforcement_decision(
            liu_yang,
            agency=county.finance,
            kind="penalty",
            number="X1",
            party_kind="person",
            party="李四",
            basis="某法",
            result="罚款",
            decided_on=date(2026, 3, 2),
        )
