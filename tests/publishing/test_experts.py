# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""解读专家: the registry pages are scoped to the agency, writes go through audited actions."""

import pytest
from django.urls import reverse
from tests.conftest import _person
from tests.publishing.builders import draft, team  # noqa: F401

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.interpretations.forms import InterpretationForm
from gongkai.publishing.models import Expert, Interpretation

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing_clerk(county):
    return _person("zhujian", "周建", county.housing, Role.CLERK)


def test_the_list_shows_only_the_agencys_experts(
    client, county, li_ming, housing_clerk, zhao_qiang, django_assert_max_num_queries
):
    for i in range(25):
        actions.create_expert(li_ming, name=f"财政专家{i:02d}", field="财政预算")
    actions.create_expert(housing_clerk, name="住建专家", field="城乡规划", affiliation="示范县规划院")
    client.force_login(li_ming)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("publishing:experts")).content.decode()
    assert "财政专家00" in page and "住建专家" not in page and "第 1 / 2 页" in page
    assert 'aria-current="page">解读专家' in page
    client.force_login(zhao_qiang)  # 主管部门 sees the county, but edits nothing it did not register
    page = client.get(reverse("publishing:experts"), {"page": 2}).content.decode()
    assert "住建专家" in page and "示范县规划院" in page
    assert reverse("publishing:expert_edit", args=[Expert.objects.get(name="住建专家").pk]) not in page


def test_the_tabs_link_to_the_registry(client, li_ming):
    client.force_login(li_ming)
    page = client.get(reverse("publishing:drafts")).content.decode()
    assert reverse("publishing:experts") in page and "解读专家" in page


def test_register_through_the_page(client, li_ming):
    client.force_login(li_ming)
    data = {"name": " 赵教授 ", "field": "公共财政", "affiliation": "示范大学"}
    response = client.post(reverse("publishing:expert_create"), data)
    assert response.status_code == 302 and response["Location"] == reverse("publishing:experts")
    expert = Expert.objects.get()
    assert (expert.name, expert.agency, expert.affiliation) == ("赵教授", li_ming.agency, "示范大学")
    entry = AuditEntry.objects.get(action="publishing.expert.create")
    assert entry.object_id == str(expert.pk) and entry.after["name"] == "赵教授"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "field": "公共财政"}, "请填写专家姓名"),
        ({"name": "   ", "field": "公共财政"}, "请填写专家姓名"),
        ({"name": "赵教授", "field": ""}, "请填写专家的研究领域"),
        ({"name": "赵" * 51, "field": "公共财政"}, "不能超过50个字"),
    ],
)
def test_bad_input_is_refused_in_chinese(client, li_ming, data, message):
    client.force_login(li_ming)
    response = client.post(reverse("publishing:expert_create"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert (
        not Expert.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="publishing.expert.").exists()
    )


@pytest.mark.parametrize(
    ("name", "field", "wrong", "message"),
    [
        ("  ", "财政", "name", "请填写专家姓名"),
        ("赵教授", " ", "field", "请填写专家的研究领域"),
        ("赵" * 51, "财政", "name", "不能超过50个字"),
    ],
)
def test_the_action_checks_too(li_ming, name, field, wrong, message):
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.create_expert(li_ming, name=name, field=field)
    assert refused.value.field == wrong and not Expert.objects.exists()


def test_edit_is_audited(client, li_ming):
    expert = actions.create_expert(li_ming, name="赵教授", field="公共财政")
    client.force_login(li_ming)
    url = reverse("publishing:expert_edit", args=[expert.pk])
    assert 'value="赵教授"' in client.get(url).content.decode()
    response = client.post(url, {"name": "赵教授", "field": "财税体制", "affiliation": ""})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.field == "财税体制"
    entry = AuditEntry.objects.get(action="publishing.expert.update")
    assert entry.before["field"] == "公共财政" and entry.after["field"] == "财税体制"
    client.post(url, {"name": "赵教授", "field": "财税体制", "affiliation": ""})  # unchanged: no new row
    assert AuditEntry.objects.filter(action="publishing.expert.update").count() == 1


def test_edit_by_an_empty_name_changes_nothing(client, li_ming):
    expert = actions.create_expert(li_ming, name="赵教授", field="公共财政")
    client.force_login(li_ming)
    response = client.post(reverse("publishing:expert_edit", args=[expert.pk]), {"name": "", "field": "x"})
    assert "请填写专家姓名" in response.content.decode()
    expert.refresh_from_db()
    assert (
        expert.field == "公共财政"
        and not AuditEntry.objects.filter(action="publishing.expert.update").exists()
    )


def test_only_a_clerk_or_signer_of_the_agency_edits(client, li_ming, wang_fang, zhao_qiang, housing_clerk):
    expert = actions.create_expert(li_ming, name="赵教授", field="公共财政")
    url = reverse("publishing:expert_edit", args=[expert.pk])
    data = {"name": "赵教授", "field": "改了", "affiliation": ""}
    for person, message in [(wang_fang, "需要以下角色之一"), (zhao_qiang, "只有示范县财政局的工作人员")]:
        client.force_login(person)
        assert message in client.post(url, data).content.decode()
    client.force_login(housing_clerk)
    assert client.post(url, data).status_code == 404
    expert.refresh_from_db()
    assert expert.field == "公共财政"


def test_interpretations_choose_only_the_agencys_experts(team, housing_clerk):
    mine = actions.create_expert(team.clerk, name="赵教授", field="公共财政")
    theirs = actions.create_expert(housing_clerk, name="钱工", field="城乡规划")
    form = InterpretationForm(agency=team.clerk.agency)
    assert list(form.fields["experts"].queryset) == [mine]
    doc = draft(team.clerk)
    with pytest.raises(ActionRefused, match="本机关登记的解读专家"):
        actions.create_interpretation(
            team.clerk, title="解读", documents=[doc], kind=Interpretation.Kind.EXPERT, experts=[theirs]
        )
    item = actions.create_interpretation(
        team.clerk, title="解读", documents=[doc], kind=Interpretation.Kind.EXPERT, experts=[mine]
    )
    assert list(item.experts.all()) == [mine]
