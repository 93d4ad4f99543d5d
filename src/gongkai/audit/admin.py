from django.contrib import admin

from gongkai.common.admin import ReadOnlyAdmin

from .admin_filters import AppFilter
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "agency", "action_label", "object_repr"]
    list_filter = [AppFilter]
    search_fields = ["object_repr", "actor_name", "action"]
