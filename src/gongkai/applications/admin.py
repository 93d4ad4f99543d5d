"""Read-only admin: applications change only through `actions`; personal data is never shown here.

The one editable screen is the notice templates (告知书模板), kept by system administrators; its
saves are the notice-template actions, which check the template and audit.
"""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from gongkai.agencies.models import Role
from gongkai.common.admin import ActionAdmin, ReadOnlyAdmin

from . import notices
from .models import Application, Notice, NoticeKind, NoticeTemplate


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["receipt_code", "agency", "channel", "state", "received_on", "outcome", "closed_on"]
    list_filter = ["state", "channel", "outcome"]
    search_fields = ["receipt_code"]
    fields = list_display + ["description", "doc_number", "handler"]
    readonly_fields = fields


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "number", "sent_on"]
    list_select_related = ["application"]
    fields = ["case", "kind", "outcome", "number", "title", "text", "file", "sent_on", "sender"]
    readonly_fields = fields

    # The two relations have no Chinese verbose_name; labelled here rather than by a migration.
    @admin.display(description="申请", ordering="application")
    def case(self, notice):
        return notice.application

    @admin.display(description="发送人")
    def sender(self, notice):
        return notice.sent_by or "—"


def _placeholder_help() -> str:
    common = format_html_join("、", "<code>{{{{ {} }}}}</code>（{}）", notices.COMMON_PLACEHOLDERS)
    rows = format_html_join(
        "",
        "<li>{}：{}</li>",
        (
            (
                kind.label,
                format_html_join("、", "<code>{{{{ {} }}}}</code>（{}）", notices.PLACEHOLDERS[kind])
                if notices.PLACEHOLDERS[kind]
                else "无其他占位符",
            )
            for kind in NoticeKind
        ),
    )
    return format_html(
        "使用 Django 模板语法，占位符写作 <code>{{{{ 名称 }}}}</code>；保存前会用示例数据试生成正文。"
        "<br>各类文书通用：{}<br>各类文书另有：<ul>{}</ul>"
        "留空的文书正文以系统内置模板为准；起草后工作人员仍可修改正文再发出。",
        common,
        rows,
    )


class NoticeTemplateForm(forms.ModelForm):
    class Meta:
        model = NoticeTemplate
        fields = ["kind", "agency", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16, "cols": 90})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _placeholder_help()
        kind = self.initial.get("kind") or NoticeKind.ACCEPTANCE
        if not self.instance.pk and not self.initial.get("body") and kind in NoticeKind.values:
            self.initial.setdefault("kind", kind)
            self.initial["title"] = self.initial.get("title") or notices.TITLES[kind]
            self.initial["body"] = notices.shipped_text(kind)


def _is_sysadmin(request) -> bool:
    user = request.user
    return user.is_active and (
        user.is_superuser or (hasattr(user, "has_role") and user.has_role(Role.SYSADMIN))
    )


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(ActionAdmin):
    form = NoticeTemplateForm
    create_action = "gongkai.applications.actions.create_notice_template"
    update_action = "gongkai.applications.actions.update_notice_template"
    delete_action = "gongkai.applications.actions.delete_notice_template"
    list_display = ["kind", "where", "title", "updated_at", "updated_by"]
    list_filter = ["kind"]
    list_select_related = ["agency", "updated_by"]
    search_fields = ["title", "agency__name"]
    readonly_fields = ["updated_at", "updated_by"]
    fields = ["kind", "agency", "title", "body", "updated_at", "updated_by"]

    @admin.display(description="适用范围")
    def where(self, obj):
        return obj.agency.name if obj.agency_id else "全系统默认"

    def allows(self, request, operation, obj=None):
        return _is_sysadmin(request)

    def has_module_permission(self, request):
        return _is_sysadmin(request)

    def has_view_permission(self, request, obj=None):
        return _is_sysadmin(request)
