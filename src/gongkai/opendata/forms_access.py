"""Forms of 有条件开放, the opening plan and 需求征集. Forms check shapes and show every error at once;
the rules live in the actions, whose refusals the views put back on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency

from .models import Dataset, Openness, RequestOutcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HONEYPOT = "website"


class _PublicForm(forms.Form):
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("使用期限的结束日期不能早于开始日期"))
        return data


class ApplicationForm(_PublicForm):
    applicant_name = forms.CharField(
        label=_("申请人姓名"), max_length=100, error_messages={"required": _("请填写申请人姓名")}
    )
    organisation = forms.CharField(label=_("单位名称（个人申请可留空）"), max_length=100, required=False)
    contact = forms.CharField(
        label=_("联系方式（电话或电子邮箱）"),
        max_length=100,
        help_text=_("仅供审核单位联系您，不会公开"),
        error_messages={"required": _("请填写联系方式")},
    )
    purpose = forms.CharField(
        label=_("使用目的和场景"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请填写使用目的和场景")},
    )
    period_from = forms.DateField(
        label=_("使用期限自"), widget=DATE, error_messages={"required": _("请填写使用期限的开始日期")}
    )
    period_to = forms.DateField(
        label=_("使用期限至"), widget=DATE, error_messages={"required": _("请填写使用期限的结束日期")}
    )
    field_order = ["applicant_name", "organisation", "contact", "purpose", "period_from", "period_to"]


class RequestForm(_PublicForm):
    agency = forms.ModelChoiceField(
        label=_("数据提供单位"),
        queryset=Agency.objects.none(),
        empty_label=_("请选择"),
        error_messages={"required": _("请选择数据提供单位")},
    )
    title = forms.CharField(
        label=_("需要开放的数据"), max_length=200, error_messages={"required": _("请填写需求的数据")}
    )
    description = forms.CharField(
        label=_("需求说明（用途、字段、更新频率等）"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请填写需求说明")},
    )
    requester_name = forms.CharField(
        label=_("姓名或单位名称"),
        max_length=100,
        help_text=_("不会公开"),
        error_messages={"required": _("请填写姓名或单位名称")},
    )
    contact = forms.CharField(
        label=_("联系方式（电话或电子邮箱）"),
        max_length=100,
        help_text=_("不会公开"),
        error_messages={"required": _("请填写联系方式")},
    )
    field_order = ["agency", "title", "description", "requester_name", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("path")


# ---------------------------------------------------------------- staff


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核结果"),
        choices=[("approve", _("批准，签发访问令牌")), ("refuse", _("不予批准"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择审核结果")},
    )
    reason = forms.CharField(
        label=_("审核意见（不予批准时必填，将告知申请人）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    daily_rows = forms.IntegerField(label=_("每日行数上限"), min_value=1, required=False)
    daily_calls = forms.IntegerField(label=_("每日调用次数上限"), min_value=1, required=False)
    expires_on = forms.DateField(label=_("令牌有效期至（默认为申请的使用期限）"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("请填写不予批准的理由"))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("撤销理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写撤销理由")},
    )


class PlanItemForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("拟开放数据集名称"), max_length=200, error_messages={"required": _("请填写拟开放数据集名称")}
    )
    agency = forms.ModelChoiceField(
        label=_("责任单位"), queryset=Agency.objects.none(), empty_label=_("请选择")
    )
    planned_on = forms.DateField(
        label=_("计划开放日期"), widget=DATE, error_messages={"required": _("请填写计划开放日期")}
    )
    openness = forms.ChoiceField(
        label=_("拟开放属性"),
        choices=[(Openness.OPEN, Openness.OPEN.label), (Openness.CONDITIONAL, Openness.CONDITIONAL.label)],
    )
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class OpenItemForm(forms.Form):
    dataset = forms.ModelChoiceField(
        label=_("已开放的数据集"),
        queryset=Dataset.objects.none(),
        required=False,
        empty_label=_("（不关联）"),
    )
    opened_on = forms.DateField(
        label=_("实际开放日期"), widget=DATE, error_messages={"required": _("请填写实际开放日期")}
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, datasets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = datasets


class CancelItemForm(forms.Form):
    note = forms.CharField(
        label=_("取消理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写取消理由")},
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("答复结果"),
        choices=RequestOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择答复结果")},
    )
    answer = forms.CharField(
        label=_("答复内容（将在网站公开）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请填写答复内容")},
    )
    dataset = forms.ModelChoiceField(
        label=_("相关数据集"), queryset=Dataset.objects.none(), required=False, empty_label=_("（不关联）")
    )

    def __init__(self, *args, datasets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = datasets
