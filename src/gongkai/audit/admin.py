from django.apps import apps
from django.contrib import admin
from django.utils.html import format_html

from gongkai.common.admin import ReadOnlyAdmin

from .admin_filters import AppFilter
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "agency", "action_label", "object_repr"]
    list_filter = [AppFilter]
    search_fields = ["object_repr", "actor_name", "action"]

    # The detail page: the Chinese label instead of the code, the object's kind by its model name,
    # and the stored values and hashes as code (they are data, shown exactly as hashed).
    fields = [
        "seq", "at", "actor_name", "agency", "action_label", "object_kind", "object_repr", "object_id",
        "before_data", "after_data", "note", "prev_hash_code", "hash_code",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="对象类型")
    def object_kind(self, entry):
        try:
            return apps.get_model(entry.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            return entry.object_type or "—"

    @admin.display(description="修改前")
    def before_data(self, entry):
        return format_html("<code>{}</code>", entry.before) if entry.before is not None else "—"

    @admin.display(description="修改后")
    def after_data(self, entry):
        return format_html("<code>{}</code>", entry.after) if entry.after is not None else "—"

    @admin.display(description="上一条记录的哈希")
    def prev_hash_code(self, entry):
        return format_html("<code>{}</code>", entry.prev_hash)

    @admin.display(description="本条记录的哈希")
    def hash_code(self, entry):
        return format_html("<code>{}</code>", entry.hash)
