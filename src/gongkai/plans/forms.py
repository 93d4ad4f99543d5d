"""Forms of 政务公开工作要点: they validate the shape of the input; the rules live in the actions."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.forms import ActionForm
from gongkai.publishing.queries import citable_documents

from .rules import agencies_for_tasks

MAX_UPLOAD = 10 * 1024 * 1024


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class PublishForm(ActionForm):
    document = forms.TypedChoiceField(
        label=_("发布的政府信息"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("工作要点已作为政府信息在门户网站发布的，请选择该信息，公开页面将链接到它"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        docs = citable_documents(self.actor, title_contains="要点", limit=50)
        self.fields["document"].choices = [("", _("（不关联）"))] + [(d.pk, d.title) for d in docs]

    def action_kwargs(self) -> dict[str, Any]:
        from gongkai.publishing.models import Document

        pk = self.cleaned_data.get("document")
        return {"document": Document.objects.get(pk=pk) if pk else None}


class PlanForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("制定机关"), coerce=int)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=200, required=False)
    deadline = forms.DateField(
        label=_("发布期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("留空则为当年2月的最后一天"),
    )

    def __init__(self, *args: Any, agencies=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]
        self.fields["year"].initial = timezone.localdate().year


class ImportForm(PlanForm):
    file = forms.FileField(label=_("工作要点Word文件（.docx）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("文件不能超过10MB"))
        return upload


class PlanEditForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    deadline = forms.DateField(label=_("发布期限"), widget=forms.DateInput(attrs={"type": "date"}))


class TaskForm(forms.Form):
    section = forms.CharField(label=_("所属部分"), max_length=200, required=False)
    content = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    agency = forms.TypedChoiceField(label=_("责任单位"), coerce=int)
    partners = forms.CharField(label=_("配合单位"), max_length=300, required=False)
    person = forms.CharField(
        label=_("责任人"), max_length=50, required=False, help_text=_("仅在工作台显示，不在门户网站公开")
    )
    deadline = forms.DateField(
        label=_("完成时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    criterion = forms.CharField(
        label=_("完成标准"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )

    def __init__(self, *args: Any, plan=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("请选择"))] + [
            (a.pk, a.name) for a in agencies_for_tasks(plan)
        ]

    def action_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["agency_id"] = data.pop("agency")
        return data


class ReportForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    percent = forms.IntegerField(
        label=_("完成进度（%）"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("完成进度须为0至100之间的整数")},
    )
    criterion_confirmed = forms.BooleanField(
        label=_("确认已达到完成标准（进度为100%时必须勾选）"), required=False
    )
    documents = forms.TypedMultipleChoiceField(
        label=_("佐证材料（本单位已公开的政府信息）"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    links = forms.CharField(
        label=_("佐证链接"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("本网站页面的网址，每行一个"),
    )
    form_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, actor=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(d.pk, d.title) for d in citable_documents(actor)]
        self.fields["form_key"].initial = uuid.uuid4().hex

    def action_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["links"] = data["links"].splitlines()
        return data


class SummaryForm(forms.Form):
    text = forms.CharField(label=_("年终总结"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
