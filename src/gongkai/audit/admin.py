from django.contrib import admin

from gongkai.common.admin import ReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "agency", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "action"]
