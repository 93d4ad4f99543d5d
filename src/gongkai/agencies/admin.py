"""System administrators manage agencies and staff here. Saves go through the actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.common.admin import ActionAdmin
from gongkai.common.errors import ActionRefused

from . import actions as agency_actions
from .models import Agency, Role, Staff

# django-otp's own screens would edit secrets without an action or an audit entry; staff enrol on
# the workbench and a system administrator resets a device with the action on the staff list.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


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
            "address",
            "phone",
            "notice_number_pattern",
            "sort_order",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["doc_prefixes_text"].initial = "，".join(self.instance.doc_prefixes)

    def clean(self):
        data = super().clean()
        text = data.pop("doc_prefixes_text", "").replace("，", ",").replace(" ", ",")
        data["doc_prefixes"] = [p for p in text.split(",") if p.strip()]
        return data


@admin.register(Agency)
class AgencyAdmin(ActionAdmin):
    form = AgencyForm
    create_action = "gongkai.agencies.actions.create_agency"
    update_action = "gongkai.agencies.actions.update_agency"
    list_display = ["indented_name", "level", "kind", "credit_code", "is_active"]
    list_filter = ["level", "kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code"]

    @admin.display(description="机关")
    def indented_name(self, obj):
        return "　" * max(obj.depth - 1, 0) + obj.name


class _StaffForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("角色"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("确认密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password") != data.pop("password2", None):
            self.add_error("password2", _("两次输入的密码不一致"))
        return data


class StaffCreateForm(_StaffForm):
    class Meta:
        model = Staff
        fields = ["username", "full_name", "title", "agency", "email"]


class StaffChangeForm(_StaffForm):
    class Meta:
        model = Staff
        fields = ["full_name", "title", "agency", "email", "is_active", "is_superuser"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].initial = sorted(self.instance.roles.values_list("role", flat=True))
        for name, label in (("password", _("新密码")), ("password2", _("确认新密码"))):
            self.fields[name].required = False
            self.fields[name].label = label
        self.fields["password"].help_text = _("留空则不修改密码。") + self.fields["password"].help_text


@admin.register(Staff)
class StaffAdmin(ActionAdmin):
    create_action = "gongkai.agencies.actions.create_staff"
    update_action = "gongkai.agencies.actions.update_staff"
    list_display = ["username", "full_name", "agency", "is_active", "last_login"]
    list_filter = ["agency__level", "roles__role", "is_active"]
    list_select_related = ["agency"]
    search_fields = ["username", "full_name", "agency__name"]
    ordering = ["username"]
    readonly_fields = ["username", "last_login", "date_joined"]
    actions = ["reset_two_factor"]
    fieldsets = [
        (None, {"fields": ["username"]}),
        ("基本信息", {"fields": ["full_name", "title", "agency", "email"]}),
        ("角色与状态", {"fields": ["roles", "is_active", "is_superuser", "last_login", "date_joined"]}),
        ("修改密码", {"fields": ["password", "password2"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "title", "agency", "email"]}),
        ("角色", {"fields": ["roles"]}),
        ("密码", {"fields": ["password", "password2"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets if obj is not None else self.add_fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = StaffChangeForm if obj is not None else StaffCreateForm
        kwargs["fields"] = None  # the form's own: the fieldsets also name the password fields
        return super().get_form(request, obj, change, **kwargs)

    def update_with(self, action, request, obj, form):
        staff = action(request.user, obj, **form.cleaned_data)
        if staff.pk == request.user.pk and form.cleaned_data.get("password"):
            update_session_auth_hash(request, staff)  # changing one's own password keeps one signed in
        return staff

    @admin.action(description="重置双因素认证（手机丢失时；下次登录重新绑定）")
    def reset_two_factor(self, request, queryset):
        done = []
        for staff in queryset:
            try:
                agency_actions.reset_two_factor(request.user, staff)
            except ActionRefused as exc:
                self.message_user(request, exc.message, messages.WARNING)
            else:
                done.append(str(staff))
        if done:
            self.message_user(request, f"已重置双因素认证：{'、'.join(done)}", messages.SUCCESS)
