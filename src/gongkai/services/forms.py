"""Forms of 办事服务: they validate the shape of the input; the rules live in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.forms import ActionForm

from .models import DecisionKind, PartyKind, PowerKind

MAX_UPLOAD = 5 * 1024 * 1024

TEXTAREA = {"rows": 3}


class AgencyChoiceForm(forms.Form):
    """A form whose first field is one of the agencies the user may act for."""

    agency = forms.TypedChoiceField(label=_("机关"), coerce=int)

    def __init__(self, *args: Any, agencies=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]
        if len(self.fields["agency"].choices) == 1:
            self.fields["agency"].initial = self.fields["agency"].choices[0][0]

    def clean_agency(self):
        return self.agencies.get(pk=self.cleaned_data["agency"])


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs=TEXTAREA), max_length=1000)


class PowerListStartForm(AgencyChoiceForm):
    note = forms.CharField(
        label=_("调整说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("如：根据某法规修订，取消一项行政许可、新增两项行政检查"),
    )


class PowerItemForm(forms.Form):
    name = forms.CharField(label=_("事项名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=PowerKind.choices)
    code = forms.CharField(label=_("事项编码"), max_length=40, required=False)
    basis = forms.CharField(label=_("设定依据"), widget=forms.Textarea(attrs=TEXTAREA), max_length=5000)
    implementer = forms.CharField(label=_("实施主体"), max_length=200)
    duties = forms.CharField(
        label=_("责任事项"), widget=forms.Textarea(attrs=TEXTAREA), max_length=5000, required=False
    )
    accountability = forms.CharField(
        label=_("追责情形"), widget=forms.Textarea(attrs=TEXTAREA), max_length=5000, required=False
    )


class DecisionForm(AgencyChoiceForm):
    kind = forms.ChoiceField(label=_("决定类型"), choices=DecisionKind.choices)
    number = forms.CharField(label=_("决定文书号"), max_length=100)
    party_kind = forms.ChoiceField(
        label=_("当事人类型"),
        choices=PartyKind.choices,
        widget=forms.RadioSelect,
        help_text=_("自然人的姓名在门户网站上隐去名字，只显示姓氏"),
    )
    party = forms.CharField(label=_("当事人"), max_length=200)
    decided_on = forms.DateField(label=_("决定日期"), widget=forms.DateInput(attrs={"type": "date"}))
    facts = forms.CharField(
        label=_("主要事实"), widget=forms.Textarea(attrs=TEXTAREA), required=False, max_length=5000
    )
    basis = forms.CharField(label=_("执法依据"), widget=forms.Textarea(attrs=TEXTAREA), max_length=5000)
    result = forms.CharField(label=_("决定内容"), widget=forms.Textarea(attrs=TEXTAREA), max_length=5000)
    publish = forms.BooleanField(label=_("保存后立即公示"), required=False)


def _text(label, *, long: bool = True, max_length: int = 5000):
    widget = forms.Textarea(attrs=TEXTAREA) if long else None
    return forms.CharField(label=label, required=False, max_length=max_length, widget=widget)


class GuideForm(forms.Form):
    name = forms.CharField(label=_("事项名称"), max_length=200)
    theme = forms.CharField(
        label=_("服务主题"), max_length=40, required=False, help_text=_("如：社会保障、教育、住房")
    )
    power_kind = forms.ChoiceField(
        label=_("事项类型"), choices=[("", "—")] + PowerKind.choices, required=False
    )
    basis = _text(_("设定依据"))
    conditions = _text(_("申请条件"))
    materials = _text(_("办理材料"))
    location = _text(_("办理地点"))
    hours = _text(_("办理时间"), long=False, max_length=200)
    phone = _text(_("联系电话"), long=False, max_length=100)
    procedure = _text(_("办理流程"))
    fees = _text(_("收费标准"))
    time_limit = _text(_("办理时限"), long=False, max_length=200)
    faq = _text(_("常见问题"))


class GuideCreateForm(AgencyChoiceForm, GuideForm):
    pass


class CaseImportForm(AgencyChoiceForm):
    file = forms.FileField(
        label=_("办件进度文件（CSV）"),
        help_text=_("列：办件编号、事项名称、手机号（或后四位）、环节、状态、办理时间，可选：说明、受理日期"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("文件不能超过5 MB"))
        return upload


class CaseLookupForm(forms.Form):
    number = forms.CharField(label=_("办件编号"), max_length=60)
    phone_tail = forms.RegexField(
        label=_("申请人手机号后四位"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": _("请输入4位数字")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
