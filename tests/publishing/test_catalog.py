"""Catalog setup — columns, topics, the subject tree, the forbidden list, experts — through the
actions the admin calls: checked, audited with before and after, refused in Chinese."""

from __future__ import annotations

import pytest
from tests.conftest import PASSWORD

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import Column, ForbiddenWord, Subject, Topic, UpdateClass

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhou_min(county):
    """周敏, the county's system administrator."""
    return create_staff(
        None, username="zhoumin", password=PASSWORD, agency=county.government, full_name="周敏",
        roles=[Role.SYSADMIN], is_superuser=True,
    )  # fmt: skip


def _column(**overrides) -> Column:
    fields = {"name": "政策文件", "slug": "zcwj", "update_class": UpdateClass.NOTICE} | overrides
    return actions.create_column(None, **fields)


def test_a_column_is_updated_with_its_before_and_after():
    column = _column()
    actions.update_column(None, column, name="政策文件库", is_key_area=True)
    entry = AuditEntry.objects.get(action="publishing.column.update")
    assert entry.before["name"] == "政策文件" and entry.after["name"] == "政策文件库"
    assert entry.after["is_key_area"] is True and Column.objects.get().is_key_area
    actions.update_column(None, column, name="政策文件库")  # nothing changed: no second entry
    assert AuditEntry.objects.filter(action="publishing.column.update").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "请填写栏目名称"),
        ({"name": "通知公告"}, "栏目“通知公告”已存在"),
        ({"slug": "tzgg"}, "栏目标识“tzgg”已被使用"),
        ({"slug": "政策"}, "栏目标识只能由字母、数字、下划线或连字符组成"),
        ({"update_class": "weekly"}, "未知的更新频率类别"),
    ],
)
def test_column_refusals(changes, message):
    column = _column()
    _column(name="通知公告", slug="tzgg")
    with pytest.raises(ActionRefused, match=message):
        actions.update_column(None, column, **changes)
    assert Column.objects.get(pk=column.pk).name == "政策文件"


def test_only_system_administrators_set_columns(li_ming):
    with pytest.raises(ActionRefused, match="只有系统管理员可以设置栏目"):
        actions.update_column(li_ming, _column(), name="别的名字")


def test_topics_are_checked_and_audited():
    topic = actions.create_topic(None, name="优化营商环境", slug="yhyshj")
    actions.create_topic(None, name="乡村振兴", slug="xczx")
    with pytest.raises(ActionRefused, match="专题“乡村振兴”已存在"):
        actions.create_topic(None, name="乡村振兴", slug="xczx2")
    with pytest.raises(ActionRefused, match="专题标识“xczx”已被使用"):
        actions.update_topic(None, topic, name="优化营商环境", slug="xczx")
    actions.update_topic(None, topic, name="营商环境", slug="yshj")
    entry = AuditEntry.objects.get(action="publishing.topic.update")
    assert entry.before == {"name": "优化营商环境", "slug": "yhyshj"}
    assert (
        entry.after == {"name": "营商环境", "slug": "yshj"} and Topic.objects.get(pk=topic.pk).slug == "yshj"
    )


def test_the_subject_tree_keeps_two_levels():
    top = actions.create_subject(None, name="乡村振兴")
    child = actions.create_subject(None, name="驻村帮扶", parent=top)
    assert AuditEntry.objects.filter(action="publishing.subject.create").count() == 2
    with pytest.raises(ActionRefused, match="“乡村振兴\\\\驻村帮扶”已是二级分类，不能作为上级分类"):
        actions.create_subject(None, name="第三级", parent=child)
    with pytest.raises(ActionRefused, match="“乡村振兴”下已有“驻村帮扶”"):
        actions.create_subject(None, name="驻村帮扶", parent=top)
    with pytest.raises(ActionRefused, match="上级分类不能是本分类自身"):
        actions.update_subject(None, top, parent=top)
    other = actions.create_subject(None, name="县域经济")
    actions.update_subject(None, child, parent=other, sort_order=2)
    entry = AuditEntry.objects.get(action="publishing.subject.update")
    assert entry.before["parent"] == top.pk and entry.after == {
        "name": "驻村帮扶",
        "parent": other.pk,
        "sort_order": 2,
    }
    assert Subject.objects.get(pk=child.pk).label == "县域经济\\驻村帮扶"


def test_forbidden_words_are_switched_off_corrected_and_removed(li_ming):
    word = actions.add_forbidden_word(None, "测试禁用词")
    with pytest.raises(ActionRefused, match="只有系统管理员可以维护禁用词表"):
        actions.update_forbidden_word(li_ming, word, is_active=False)
    actions.update_forbidden_word(None, word, is_active=False)
    assert "测试禁用词" not in actions.forbidden_words()
    entry = AuditEntry.objects.get(action="publishing.forbidden_word.update")
    assert entry.before["is_active"] is True and entry.after["is_active"] is False
    actions.add_forbidden_word(None, "另一个测试词")
    with pytest.raises(ActionRefused, match="“另一个测试词”已在禁用词表中"):
        actions.update_forbidden_word(None, word, word="另一个测试词")
    actions.remove_forbidden_word(None, word)
    assert not ForbiddenWord.objects.filter(word="测试禁用词").exists()
    assert AuditEntry.objects.get(action="publishing.forbidden_word.remove").before["word"] == "测试禁用词"


def test_a_system_administrator_registers_an_expert_for_another_agency(county, zhou_min):
    expert = actions.create_expert(zhou_min, name="赵教授", field="公共财政", agency=county.finance)
    assert expert.agency == county.finance
    assert AuditEntry.objects.get(action="publishing.expert.create").agency_id == county.finance.pk
