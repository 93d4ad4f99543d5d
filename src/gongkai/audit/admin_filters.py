"""The audit admin's filter by app, in Chinese (the raw `action` filter would list codes)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import vocabulary


class AppFilter(admin.SimpleListFilter):
    title = _("业务")
    parameter_name = "app"

    def lookups(self, request, model_admin):
        return vocabulary.app_choices()

    def queryset(self, request, queryset):
        if self.value() in dict(vocabulary.app_choices()):
            return queryset.filter(vocabulary.app_filter(self.value()))
        return queryset
