"""Read-only admin pages: calendar data and clocks change only through the actions
(`gongkai calendar load/override`, the case workflows), which audit and recompute."""

from django.contrib import admin

from gongkai.common.admin import ReadOnlyAdmin

from .models import CalendarDay, CalendarYear, Clock, ClockEvent


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "source", "loaded_at", "loaded_by", "note"]
    list_filter = ["source"]


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "name", "source", "changed_at", "changed_by"]
    list_filter = ["source", "kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


class ClockEventInline(admin.TabularInline):
    model = ClockEvent
    fields = ["on", "kind", "actor", "note", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Clock)
class ClockAdmin(ReadOnlyAdmin):
    list_display = [
        "label",
        "agency",
        "state",
        "started_on",
        "limit_days",
        "extension_days",
        "due_on",
        "provisional",
    ]
    list_filter = ["state", "provisional"]
    search_fields = ["label"]
    list_select_related = ["agency"]
    inlines = [ClockEventInline]
