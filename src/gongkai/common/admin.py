"""The one admin rule: a screen is read-only unless its save calls an action.

`ReadOnlyAdmin` shows records that change only through actions elsewhere. `ActionAdmin` edits, but
every save and delete runs the action it names (`create_action`, `update_action`, `delete_action`,
dotted paths; None switches that operation off), so the admin checks and audits exactly as the
workbench and the commands do. An `ActionRefused` becomes the form's error (or, for a delete, an
error message) and nothing is written. `tests/common/test_admin_rule.py` walks the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from .errors import ActionRefused
from .models import ScheduledRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through actions (which validate and audit): view, never edit."""

    actions = None

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class _Refused(Exception):
    """Raised out of the admin's transaction so that a refused save leaves nothing behind."""


class ActionAdmin(admin.ModelAdmin):
    """An editable screen whose saves and deletes are the named actions.

    The actions are called as `create(actor, **kwargs)`, `update(actor, obj, **kwargs)` and
    `delete(actor, obj)`, the kwargs being the form's cleaned data (`action_kwargs`); a screen whose
    action takes other arguments overrides `create_with` / `update_with` / `delete_with`, which
    receive the declared action and must call it. Saving never touches the model directly:
    `save_model`, `save_related` and `delete_model` are final, inlines are read-only, and there is
    no bulk delete and no `list_editable`.
    """

    create_action: str | None = None
    update_action: str | None = None
    delete_action: str | None = None

    def action(self, operation: str) -> Callable[..., Any]:
        path = getattr(self, f"{operation}_action")
        if not path:
            raise PermissionError(f"{type(self).__name__} has no {operation}_action")
        return import_string(path)

    # --- who may do what: an operation without an action is off for everyone -------------------

    def allows(self, request, operation: str, obj=None) -> bool:
        """Whether the user may use an enabled operation; by default Django's model permissions."""
        if operation == "create":
            return super().has_add_permission(request)
        if operation == "update":
            return super().has_change_permission(request, obj)
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return bool(self.create_action) and self.allows(request, "create")

    def has_change_permission(self, request, obj=None) -> bool:
        return bool(self.update_action) and self.allows(request, "update", obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return bool(self.delete_action) and self.allows(request, "delete", obj)

    def get_actions(self, request):
        found = super().get_actions(request)
        found.pop("delete_selected", None)  # it would delete rows without the delete action
        return found

    # --- calling the actions ---------------------------------------------------------------------

    def action_kwargs(self, request, form, obj=None) -> dict[str, Any]:
        """The keyword arguments the create or update action gets: the form's cleaned data."""
        return dict(form.cleaned_data)

    def create_with(self, action: Callable[..., Any], request, form):
        return action(request.user, **self.action_kwargs(request, form))

    def update_with(self, action: Callable[..., Any], request, obj, form):
        return action(request.user, obj, **self.action_kwargs(request, form, obj))

    def delete_with(self, action: Callable[..., Any], request, obj) -> None:
        action(request.user, obj)

    def save_model(self, request, obj, form, change):
        try:
            if change:
                saved = self.update_with(self.action("update"), request, obj, form)
            else:
                saved = self.create_with(self.action("create"), request, form)
        except ActionRefused as exc:
            request._gongkai_refused = exc
            raise _Refused from exc
        if saved is not None:
            # What the admin shows and logs next (the redirect, "已添加……") is the saved row.
            for field in obj._meta.concrete_fields:
                setattr(obj, field.attname, getattr(saved, field.attname))

    def save_related(self, request, form, formsets, change):
        """The action has written everything the form holds; inlines are read-only."""

    def delete_model(self, request, obj):
        try:
            self.delete_with(self.action("delete"), request, obj)
        except ActionRefused as exc:
            request._gongkai_refused = exc
            raise _Refused from exc

    def delete_queryset(self, request, queryset):
        raise PermissionError("ActionAdmin deletes one record at a time, through its delete action")

    # --- a refusal: the transaction is rolled back and the form shown again with the message ------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refused: ActionRefused | None = getattr(request, "_gongkai_refused", None)
        if refused is None:
            return form

        class RefusedForm(form):
            def clean(self):
                data = super().clean()
                field = refused.field if refused.field in self.fields else None
                self.add_error(field, refused.message)
                return data

        RefusedForm.__name__ = form.__name__
        return RefusedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused:
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except _Refused:
            messages.error(request, request._gongkai_refused.message)
            opts = self.opts
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[object_id],
                    current_app=self.admin_site.name,
                )
            )


# --- the third-party screens follow the same rule, in Chinese ------------------------------------
# Login records are evidence (等保: 审计记录不可删除): listed, never edited or deleted here; a
# locked-out account is released with `gongkai axes_reset_username`. The task queue is listed for
# operators. The rows' own names are English (the packages'), so the lists link to no detail page;
# the field names are translated in gongkai/locale. Permission groups are unused: what staff may do
# comes from their roles.


class LoginFailureCountAdmin(ReadOnlyAdmin):
    list_display = ["attempt_time", "username", "ip_address", "path_info", "failures_since_start"]
    list_display_links = None
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]


class LoginLogAdmin(ReadOnlyAdmin):
    list_display = ["attempt_time", "logout_time", "username", "ip_address", "path_info"]
    list_display_links = None
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]


class LoginFailureAdmin(ReadOnlyAdmin):
    list_display = ["attempt_time", "username", "ip_address", "path_info", "locked_out"]
    list_display_links = None
    list_filter = ["attempt_time", "locked_out"]
    search_fields = ["username", "ip_address"]


class TaskResultAdmin(ReadOnlyAdmin):
    list_display = ["task_path", "status", "enqueued_at", "started_at", "finished_at", "queue_name"]
    list_display_links = None
    list_filter = ["status", "queue_name"]
    ordering = ["-enqueued_at"]


THIRD_PARTY = {
    AccessAttempt: LoginFailureCountAdmin,
    AccessLog: LoginLogAdmin,
    AccessFailureLog: LoginFailureAdmin,
    DBTaskResult: TaskResultAdmin,
}
APP_NAMES = {"axes": "登录记录", "django_tasks_database": "后台任务"}

for _model, _admin in THIRD_PARTY.items():
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
for _label, _name in APP_NAMES.items():
    apps.get_app_config(_label).verbose_name = _name
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    """Which machine ran which scheduled job in which slot, and how it ended (common/leases.py)."""

    list_display = ["job", "slot", "host", "outcome", "started_at", "finished_at", "attempts"]
    list_filter = ["outcome", "job"]
    search_fields = ["job", "slot", "host"]
    ordering = ["-started_at"]
