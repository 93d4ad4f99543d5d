"""Forms of the data resource catalog: they validate the shape of the input; rules live in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.forms import ActionForm
from gongkai.publishing.queries import citable_documents

from .classification import FREQUENCIES, INDUSTRIES, LICENCES, THEMES
from .models import Openness


def _choices(values, blank: str | None = None):
    return ([("", blank)] if blank is not None else []) + [(v, v) for v in values]


class DatasetForm(forms.Form):
    title = forms.CharField(label=_("数据集名称"), max_length=200)
    summary = forms.CharField(label=_("摘要"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    theme = forms.ChoiceField(label=_("主题分类"), choices=_choices(THEMES, "（请选择）"))
    industry = forms.ChoiceField(
        label=_("行业分类"), choices=_choices(INDUSTRIES, "（不选）"), required=False
    )
    frequency = forms.ChoiceField(label=_("更新频率"), choices=_choices(FREQUENCIES, "（请选择）"))
    openness = forms.ChoiceField(label=_("开放属性"), choices=Openness.choices, initial=Openness.OPEN)
    openness_reason = forms.CharField(
        label=_("有条件开放或不予开放的理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("无条件开放的数据集不必填写"),
    )
    licence = forms.ChoiceField(label=_("开放许可"), choices=_choices(LICENCES), required=False)
    contact = forms.CharField(
        label=_("联系方式"), max_length=100, required=False, help_text=_("如：县财政局预算股 0000-1234567")
    )
    documents = forms.TypedMultipleChoiceField(
        label=_("相关政府信息"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("本单位已主动公开的、与数据集相关的政府信息（如预算公开文件）"),
    )

    def __init__(self, *args: Any, actor=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(d.pk, d.title) for d in citable_documents(actor, limit=100)]


class FieldsForm(forms.Form):
    fields_text = forms.CharField(
        label=_("字段列表"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("每行一个字段：字段名|中文名称|类型|计量单位；类型为 文本、整数、数值、日期、日期时间，"
                    "如：amount|预算金额|数值|万元。文件的表头可用字段名或中文名称。"),
    )  # fmt: skip


class ResourceForm(forms.Form):
    title = forms.CharField(
        label=_("资源名称"), max_length=200, required=False, help_text=_("不填则用文件名")
    )
    file = forms.FileField(
        label=_("数据文件"), help_text=_("CSV、XLSX或JSON；编码自动识别（UTF-8、GBK均可）")
    )


class VersionForm(forms.Form):
    file = forms.FileField(label=_("新版本文件"), help_text=_("CSV、XLSX或JSON，字段与字段列表一致"))
    note = forms.CharField(label=_("版本说明"), max_length=200, required=False)


class DecideForm(forms.Form):
    reason = forms.CharField(
        label=_("决定公开的理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("例如：所列为单位办公电话，依法应当公开"),
    )


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
