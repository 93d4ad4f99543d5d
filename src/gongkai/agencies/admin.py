"""System administrators manage agencies and staff here. Saves go through the actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from gongkai.common.admin import AuditedAdminMixin
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import credit_code_problem

from . import actions
from .models import Agency, Staff, StaffRole


class AgencyForm(forms.ModelForm):
    doc_prefixes_text = forms.CharField(
        label="发文机关代字", required=False, help_text="多个代字用逗号或空格分隔，如：示政发, 示政办发"
    )

    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "parent",
            "level",
            "kind",
            "credit_code",
            "site_code",
            "supervises",
            "sort_order",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["doc_prefixes_text"].initial = "，".join(self.instance.doc_prefixes)

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip().upper()
        problem = credit_code_problem(code)
        if problem:
            raise forms.ValidationError(problem)
        return code

    def clean(self):
        data = super().clean()
        text = data.get("doc_prefixes_text", "").replace("，", ",").replace(" ", ",")
        data["doc_prefixes"] = [p for p in text.split(",") if p.strip()]
        return data


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ["indented_name", "level", "kind", "credit_code", "is_active"]
    list_filter = ["level", "kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code"]

    @admin.display(description="机关")
    def indented_name(self, obj):
        return "　" * max(obj.depth - 1, 0) + obj.name

    def save_model(self, request, obj, form, change):
        fields = {k: form.cleaned_data[k] for k in actions.AGENCY_FIELDS if k in form.cleaned_data}
        fields["doc_prefixes"] = form.cleaned_data["doc_prefixes"]
        try:
            if change:
                extra = {k: form.cleaned_data[k] for k in ("sort_order", "is_active")}
                actions.update_agency(request.user, obj, **fields, **extra)
            else:
                created = actions.create_agency(
                    request.user, sort_order=form.cleaned_data["sort_order"], **fields
                )
                obj.pk = created.pk
        except ActionRefused as exc:
            messages.error(request, exc.message)
            raise

    def has_delete_permission(self, request, obj=None):
        return False


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 1


@admin.register(Staff)
class StaffAdmin(AuditedAdminMixin, UserAdmin):
    list_display = ["username", "full_name", "agency", "is_active", "last_login"]
    list_filter = ["agency__level", "roles__role", "is_active"]
    search_fields = ["username", "full_name", "agency__name"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("基本信息", {"fields": ["full_name", "title", "agency", "email"]}),
        ("状态", {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "full_name", "agency", "password1", "password2"]})]
    inlines = [StaffRoleInline]
    readonly_fields = ["last_login", "date_joined"]
