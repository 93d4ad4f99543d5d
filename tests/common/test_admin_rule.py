"""One admin rule: a screen is read-only unless its save calls an action.

The registry walk checks every registered screen; the behaviour tests drive a few of them through
the test client as the county's system administrator (周敏).
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils.module_loading import import_string

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role, Staff
from gongkai.audit.models import AuditEntry
from gongkai.common.admin import ActionAdmin, ReadOnlyAdmin
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions as publishing
from gongkai.publishing.models import Column, ForbiddenWord, Subject, UpdateClass
from tests.conftest import PASSWORD

OPERATIONS = [
    ("create", "has_add_permission"),
    ("update", "has_change_permission"),
    ("delete", "has_delete_permission"),
]
FINAL = ["save_model", "save_related", "delete_model", "delete_queryset", "changeform_view", "delete_view"]
REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = Staff(username="root", is_superuser=True, is_staff=True, is_active=True)
    return request


def _may(model_admin, method: str, request) -> bool:
    check = getattr(model_admin, method)
    return check(request) if method == "has_add_permission" else check(request, None)


# --- the walk -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=[m._meta.label for m, _ in REGISTRY])
def test_every_screen_is_read_only_or_saves_through_actions(model, model_admin):
    request = _superuser_request()
    assert isinstance(model_admin, ReadOnlyAdmin | ActionAdmin), (
        f"{model._meta.label}: a plain ModelAdmin writes"
    )
    if isinstance(model_admin, ReadOnlyAdmin):
        assert not any(_may(model_admin, method, request) for _, method in OPERATIONS)
        return
    for operation, method in OPERATIONS:
        path = getattr(model_admin, f"{operation}_action")
        if not path:
            assert not _may(model_admin, method, request), (
                f"{model._meta.label}: {operation} without an action"
            )
            continue
        action = import_string(path)
        assert callable(action) and ".actions" in action.__module__, path
        assert _may(model_admin, method, request), f"{model._meta.label}: {path} is declared but unreachable"
    for name in FINAL:
        assert getattr(type(model_admin), name) is getattr(ActionAdmin, name), (
            f"{model._meta.label} overrides {name}"
        )
    assert not model_admin.list_editable
    assert "delete_selected" not in model_admin.get_actions(request)
    for inline in model_admin.inlines:
        instance = inline(model, model_admin.admin_site)
        assert not any(
            getattr(instance, m)(request, None)
            for m in ("has_add_permission", "has_change_permission", "has_delete_permission")
        ), f"{model._meta.label}: inline {inline.__name__} edits"


def test_the_editable_screens():
    editable = {m._meta.label for m, a in REGISTRY if isinstance(a, ActionAdmin)}
    assert editable == {
        "agencies.Agency", "agencies.Staff", "applications.NoticeTemplate", "publishing.Column",
        "publishing.Expert", "publishing.ForbiddenWord", "publishing.PublishingPolicy",
        "publishing.Subject", "publishing.Topic", "portal.Site", "interaction.Mailbox", "interaction.DeadlineRule",
    }  # fmt: skip
    assert not admin.site.is_registered(Group)  # what staff may do comes from their roles


# --- behaviour through the admin pages --------------------------------------------------------


@pytest.fixture
def zhou_min(county) -> Staff:
    """周敏, the county's system administrator."""
    return create_staff(
        None, username="zhoumin", password=PASSWORD, agency=county.government, full_name="周敏",
        roles=[Role.SYSADMIN], is_superuser=True,
    )  # fmt: skip


@pytest.fixture
def admin_client(client, zhou_min):
    client.force_login(zhou_min)
    return client


def _new_rows(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(seq__gt=since).order_by("seq"))


def _last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


COLUMN = {"name": "政策文件", "slug": "zcwj", "update_class": UpdateClass.NOTICE, "sort_order": 3}


@pytest.mark.django_db
def test_saving_a_column_is_one_audited_update(admin_client, zhou_min):
    column = publishing.create_column(None, **COLUMN)
    since = _last_seq()
    data = COLUMN | {"name": "政策文件库", "is_key_area": "on"}
    response = admin_client.post(f"/admin/publishing/column/{column.pk}/change/", data)
    assert response.status_code == 302
    (entry,) = _new_rows(since)
    assert entry.action == "publishing.column.update" and entry.actor == zhou_min
    assert entry.before["name"] == "政策文件" and entry.after["name"] == "政策文件库"
    assert entry.before["is_key_area"] is False and entry.after["is_key_area"] is True
    assert Column.objects.get().name == "政策文件库"


@pytest.mark.django_db
def test_a_refused_save_shows_the_reason_and_changes_nothing(admin_client):
    top = publishing.create_subject(None, name="乡村振兴")
    publishing.create_subject(None, name="驻村帮扶", parent=top)
    other = publishing.create_subject(None, name="县域经济")
    since = _last_seq()
    response = admin_client.post(
        f"/admin/publishing/subject/{top.pk}/change/",
        {"name": "乡村振兴", "parent": other.pk, "sort_order": 0},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "本分类下有二级分类，不能再归入其他分类" in page
    assert Subject.objects.get(pk=top.pk).parent is None and _new_rows(since) == []


@pytest.mark.django_db
def test_deleting_goes_through_the_delete_action(admin_client, monkeypatch):
    word = publishing.add_forbidden_word(None, "测试禁用词甲")
    kept = publishing.add_forbidden_word(None, "测试禁用词乙")
    since = _last_seq()
    response = admin_client.post(f"/admin/publishing/forbiddenword/{word.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    (entry,) = _new_rows(since)
    assert entry.action == "publishing.forbidden_word.remove" and entry.before["word"] == "测试禁用词甲"

    def refuse(actor, item):
        raise ActionRefused("该禁用词正在使用，不能删除")

    monkeypatch.setattr(publishing, "remove_forbidden_word", refuse)
    response = admin_client.post(
        f"/admin/publishing/forbiddenword/{kept.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert "该禁用词正在使用，不能删除" in response.content.decode()
    assert list(
        ForbiddenWord.objects.filter(word__startswith="测试禁用词").values_list("word", flat=True)
    ) == ["测试禁用词乙"]


@pytest.mark.django_db
def test_no_bulk_delete(admin_client):
    publishing.add_forbidden_word(None, "测试禁用词甲")
    page = admin_client.get("/admin/publishing/forbiddenword/").content.decode()
    assert "delete_selected" not in page


@pytest.mark.django_db
def test_staff_are_created_with_roles_and_their_password_changed_through_actions(admin_client, county):
    response = admin_client.post(
        "/admin/agencies/staff/add/",
        {
            "username": "qianjun", "full_name": "钱军", "title": "科员", "agency": county.finance.pk,
            "email": "", "roles": [Role.CLERK, Role.REVIEWER], "password": PASSWORD, "password2": PASSWORD,
        },
    )  # fmt: skip
    assert response.status_code == 302
    staff = Staff.objects.get(username="qianjun")
    assert staff.role_set == {Role.CLERK, Role.REVIEWER} and staff.check_password(PASSWORD)
    assert AuditEntry.objects.filter(action="agencies.staff.create", object_id=str(staff.pk)).count() == 1

    change = {
        "full_name": "钱军", "title": "科员", "agency": county.finance.pk, "email": "",
        "is_active": "on", "roles": [Role.CLERK],
    }  # fmt: skip
    weak = admin_client.post(
        f"/admin/agencies/staff/{staff.pk}/change/", change | {"password": "short1", "password2": "short1"}
    )
    assert weak.status_code == 200 and "密码太短" in weak.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD) and staff.role_set == {Role.CLERK, Role.REVIEWER}

    since = _last_seq()
    new = "Finance2027pass"
    response = admin_client.post(
        f"/admin/agencies/staff/{staff.pk}/change/", change | {"password": new, "password2": new}
    )
    assert response.status_code == 302
    staff = Staff.objects.get(pk=staff.pk)
    assert staff.check_password(new) and staff.role_set == {Role.CLERK}
    assert [e.action for e in _new_rows(since)] == ["agencies.staff.update", "agencies.staff.set_password"]
    assert all(new not in str(e.after) + e.note for e in _new_rows(since))


PAGES = [
    "/admin/",
    "/admin/axes/accessattempt/",
    "/admin/axes/accesslog/",
    "/admin/axes/accessfailurelog/",
    "/admin/django_tasks_database/dbtaskresult/",
    "/admin/agencies/staff/add/",
    "/admin/publishing/forbiddenword/",
    "/admin/publishing/column/add/",
]
# What an untranslated name would look like: the packages' model, field and app names, Django's own.
ENGLISH = [
    "Add link", "Model name", "ccess attempt", "ccess log", "ccess failure", "Axes", "Task Result",
    "Tasks Database", "Attempt Time", "User Agent", "Created at", "Password", "Username", "Save",
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_are_chinese(admin_client, url):
    page = admin_client.get(url).content.decode()
    assert "系统管理" in page
    assert [word for word in ENGLISH if word in page] == []
