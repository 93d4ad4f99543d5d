"""The decision catalog (重大行政决策事项目录): entries, their derived stage, the public page."""

from datetime import date

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.consultation import actions
from gongkai.consultation.models import Stage

from .conftest import at, new_draft, opened


@pytest.fixture
def item(county, zhao_qiang):
    return actions.create_decision_item(
        zhao_qiang, government=county.government, year=2026, title="制定示范县政府性债务管理办法",
        lead_agency=county.finance, planned_on=date(2026, 9, 30), hearing_planned=True,
    )  # fmt: skip


def test_stage_follows_the_consultations_and_the_decision(item, li_ming, wang_fang):
    assert item.stage() == Stage.PLANNED
    draft = new_draft(li_ming, decision_item=item)
    assert item.stage() == Stage.PLANNED  # a draft not yet public
    draft = actions.open_consultation(
        li_ming, actions.approve_consultation(wang_fang, actions.submit_consultation(li_ming, draft))
    )
    assert item.stage() == Stage.CONSULTING
    with at(date(2026, 6, 5)):
        assert item.stage() == Stage.PROCESSING
    from tests.publishing.builders import Team, published

    team = Team(li_ming, wang_fang, *_signers(li_ming.agency))
    doc = published(team, title="示范县政府性债务管理办法")
    item = actions.update_decision_item(None, item, adopted_document=doc)
    assert item.stage() == Stage.DECIDED


def _signers(agency):
    from gongkai.agencies.models import Role
    from tests.conftest import _person

    return _person("zw2", "张伟", agency, Role.SIGNER), _person("sl2", "孙丽", agency, Role.SECRECY_REVIEWER)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "请填写决策事项名称"),
        ({"year": 1999}, "请填写正确的年度"),
        ({"planned_on": date(2027, 1, 1)}, "计划完成时间应在2026年内"),
    ],
)
def test_bad_entries_are_refused(item, zhao_qiang, changes, message):
    with pytest.raises(ActionRefused, match=message):
        actions.update_decision_item(zhao_qiang, item, **changes)


def test_lead_agency_must_belong_to_the_government(county, zhao_qiang):
    with pytest.raises(ActionRefused, match="承办单位须为示范县人民政府或其所属部门"):
        actions.create_decision_item(
            zhao_qiang, government=county.government, year=2026, title="x", lead_agency=county.neighbour
        )


def test_the_outsider_cannot_add_to_this_catalog(county, chen_jing):
    with pytest.raises(ActionRefused, match="该人民政府不在您的工作范围内"):
        actions.create_decision_item(
            chen_jing, government=county.government, year=2026, title="x", lead_agency=county.finance
        )


def test_public_catalog_page(client, item, li_ming, wang_fang):
    c = opened(li_ming, wang_fang, decision_item=item)
    page = client.get("/consultations/decisions/").content.decode()
    assert "示范县人民政府2026年度重大行政决策事项目录" in page
    assert "制定示范县政府性债务管理办法" in page and "征求意见中" in page
    assert f'href="/consultations/{c.pk}/"' in page
    assert client.get("/consultations/decisions/?year=abc&government=x").status_code == 200


def test_staff_register_an_entry(client, county, zhao_qiang):
    client.force_login(zhao_qiang)
    response = client.post(
        f"/workbench/consultations/decisions/?government={county.government.pk}",
        {
            "year": 2026,
            "title": "编制示范县国土空间总体规划",
            "lead_agency": county.housing.pk,
            "consultation_planned": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "编制示范县国土空间总体规划" in page and "计划中" in page
