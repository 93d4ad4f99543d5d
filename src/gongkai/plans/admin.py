"""Plans, tasks and reports change only through the actions (and the workbench): read-only here."""

from django.contrib import admin

from gongkai.common.admin import ReadOnlyAdmin

from .models import AnnualPlan, PlanTask, ProgressReport


@admin.register(AnnualPlan)
class AnnualPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "agency", "year", "state", "deadline", "published_on"]
    list_filter = ["state", "year"]


@admin.register(PlanTask)
class PlanTaskAdmin(ReadOnlyAdmin):
    list_display = ["plan", "position", "agency", "deadline", "percent", "done_on"]
    list_select_related = ["plan", "agency"]
    search_fields = ["content"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["task", "percent", "reported_by", "reported_at"]
    list_select_related = ["task", "reported_by"]
