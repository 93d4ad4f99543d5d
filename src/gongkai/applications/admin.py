"""Read-only admin: applications change only through `actions.py`; personal data is never shown here."""

from django.contrib import admin

from .models import Application, Notice


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["receipt_code", "agency", "channel", "state", "received_on", "outcome", "closed_on"]
    list_filter = ["state", "channel", "outcome"]
    search_fields = ["receipt_code"]
    fields = list_display + ["description", "doc_number", "handler"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["application", "kind", "number", "sent_on"]
    readonly_fields = [
        "application",
        "kind",
        "outcome",
        "number",
        "title",
        "text",
        "file",
        "sent_on",
        "sent_by",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
