"""The review of a dataset: a clerk prepares, a reviewer approves, the secrecy reviewer releases."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.opendata import actions
from gongkai.opendata.models import DatasetState
from tests.opendata.conftest import budget_dataset, published_budget


def test_review_releases_the_dataset_and_its_latest_version(li_ming, wang_fang, sun_li):
    dataset = published_budget(li_ming, wang_fang, sun_li)
    assert dataset.state == DatasetState.PUBLISHED and dataset.published_at
    resource = dataset.resources.get()
    assert resource.published_version == resource.latest_version()
    codes = list(
        AuditEntry.objects.filter(action__startswith="opendata.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert codes == [
        "opendata.dataset.create",
        "opendata.dataset.fields",
        "opendata.resource.upload",
        "opendata.dataset.submit",
        "opendata.dataset.approve",
        "opendata.dataset.publish",
    ]


@pytest.mark.parametrize(
    ("who", "action", "state", "message"),
    [
        ("wang_fang", "submit", "draft", "提交审核需要以下角色之一：信息公开工作人员"),
        ("li_ming", "approve", "reviewing", "审核通过需要以下角色之一：审核人、审发人"),
        ("wang_fang", "publish", "secrecy", "保密审查通过并发布需要以下角色之一：保密审查员"),
        ("sun_li", "approve", "reviewing", "审核通过需要以下角色之一：审核人、审发人"),
        ("chen_jing", "approve", "reviewing", "只有示范县财政局的工作人员可以审核通过"),
        ("li_ming", "publish", "reviewing", "数据集当前状态为“待审核”，不能保密审查通过并发布"),
    ],
)
def test_who_may_take_each_step(request, li_ming, wang_fang, sun_li, chen_jing, who, action, state, message):
    dataset = budget_dataset(li_ming)
    if state in ("reviewing", "secrecy"):
        actions.submit_dataset(li_ming, dataset)
    if state == "secrecy":
        actions.approve_dataset(wang_fang, dataset)
    run = {
        "submit": actions.submit_dataset,
        "approve": actions.approve_dataset,
        "publish": actions.publish_dataset,
    }
    with pytest.raises(ActionRefused, match=message):
        run[action](request.getfixturevalue(who), dataset)
    dataset.refresh_from_db()
    assert dataset.state == state


def test_return_needs_a_reason_and_sends_back_to_draft(li_ming, wang_fang):
    dataset = budget_dataset(li_ming)
    actions.submit_dataset(li_ming, dataset)
    with pytest.raises(ActionRefused, match="请填写退回理由"):
        actions.return_dataset(wang_fang, dataset, reason=" ")
    dataset = actions.return_dataset(wang_fang, dataset, reason="摘要太短")
    assert dataset.state == DatasetState.DRAFT and dataset.return_reason == "摘要太短"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no_resource", "请至少上传一个数据资源"),
        ("fields_changed", "资源“预算支出明细”的字段与当前字段列表不一致，请重新上传"),
        ("conditional_without_reason", "有条件开放或不予开放的数据集须说明理由"),
    ],
)
def test_submission_is_refused_until_the_dataset_is_complete(li_ming, change, message):
    if change == "no_resource":
        dataset = actions.create_dataset(li_ming, agency=li_ming.agency, **{**_meta(), "title": "空数据集"})
        actions.set_fields(li_ming, dataset, actions.parse_fields("a|甲"))
    else:
        dataset = budget_dataset(li_ming)
    if change == "fields_changed":
        actions.set_fields(li_ming, dataset, actions.parse_fields("code|科目编码"))
    if change == "conditional_without_reason":
        dataset.openness = "conditional"
        dataset.save()
    with pytest.raises(ActionRefused, match=message):
        actions.submit_dataset(li_ming, dataset)


def test_a_published_dataset_is_not_edited_in_place(li_ming, wang_fang, sun_li):
    dataset = published_budget(li_ming, wang_fang, sun_li)
    with pytest.raises(ActionRefused, match="只有草稿可以修改"):
        actions.update_dataset(li_ming, dataset, **_meta())
    dataset = actions.revise_dataset(li_ming, dataset, reason="增加2026年调整预算")
    assert dataset.state == DatasetState.DRAFT
    actions.update_dataset(li_ming, dataset, **{**_meta(), "title": "2026年部门预算（调整）"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请至少填写一个字段"),
        ("a|甲\na|乙", "第2行字段名“a”重复"),
        ("a|甲|小数", "第1行类型“小数”无效"),
        ("|甲\nb|乙|金额", "第1行缺少字段名；第2行类型“金额”无效"),
    ],
)
def test_field_list_refusals(text, message):
    with pytest.raises(ActionRefused, match=message):
        actions.parse_fields(text)


def test_field_list_types_by_label_or_code():
    fields = actions.parse_fields("a|甲|整数|人\nb||date\nc")
    assert [(f["name"], f["label"], f["type"], f["unit"]) for f in fields] == [
        ("a", "甲", "integer", "人"),
        ("b", "b", "date", ""),
        ("c", "c", "text", ""),
    ]


def test_clerk_makes_datasets_only_for_own_agency(li_ming, county):
    with pytest.raises(ActionRefused, match="您只能为示范县财政局新建数据集"):
        actions.create_dataset(li_ming, agency=county.housing, **_meta())


def _meta():
    from tests.opendata.conftest import BUDGET_META

    return dict(BUDGET_META)


def test_each_step_is_in_the_todo_of_who_takes_it(li_ming, wang_fang, sun_li, chen_jing):
    from gongkai.opendata.queries import todo_items

    dataset = budget_dataset(li_ming)
    actions.submit_dataset(li_ming, dataset)
    assert [i.title for i in todo_items(wang_fang)] == ["审核数据集：2026年部门预算"]
    assert todo_items(sun_li) == [] and todo_items(chen_jing) == []
    actions.approve_dataset(wang_fang, dataset)
    assert [i.title for i in todo_items(sun_li)] == ["保密审查数据集：2026年部门预算"]
    actions.return_dataset(sun_li, dataset, reason="请说明数据来源")
    assert [i.status for i in todo_items(li_ming)] == ["已退回"]
