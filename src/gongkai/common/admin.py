"""Admin screens write through actions where one exists; the rest are audited by this mixin."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from gongkai.audit.actions import record_audit


class AuditedAdminMixin:
    """Records every admin save and delete in the audit trail, with the fields that changed."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = {name: form.initial.get(name) for name in form.changed_data} if change else None
            super().save_model(request, obj, form, change)
            after = {
                name: str(form.cleaned_data.get(name)) for name in form.changed_data if "password" not in name
            }
            record_audit(
                actor=request.user,
                action=f"admin.{'change' if change else 'add'}.{obj._meta.model_name}",
                target=obj,
                agency=getattr(obj, "agency", None),
                before={k: str(v) for k, v in (before or {}).items() if "password" not in k} or None,
                after=after,
            )

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            changed = [str(f.model._meta.verbose_name) for f in formsets if f.has_changed()]
            if changed:
                record_audit(
                    actor=request.user,
                    action=f"admin.related.{form.instance._meta.model_name}",
                    target=form.instance,
                    agency=getattr(form.instance, "agency", None),
                    note="修改了：" + "、".join(changed),
                )

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_audit(
                actor=request.user,
                action=f"admin.delete.{obj._meta.model_name}",
                target=obj,
                agency=getattr(obj, "agency", None),
            )
            super().delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through actions (which validate and audit): view, never edit."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
