"""Forms of the adoption report's staff pages: dispositions, groups, the final text, the decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.forms import ActionForm

from .models import Disposition

REASON_MAX = 2000
FINAL_TEXT_MAX_BYTES = 10 * 1024 * 1024


class EmptyForm(ActionForm):
    pass


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=1000)


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("处理意见"), choices=Disposition.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        error_messages={"required": _("请填写采纳或不采纳的理由")},
    )


class GroupForm(forms.Form):
    title = forms.CharField(
        label=_("归类名称"), max_length=200, error_messages={"required": _("请填写归类名称")}
    )


class FinalTextForm(forms.Form):
    text = forms.CharField(
        label=_("决策文本（采纳后）"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        help_text=_("粘贴正式通过的文本，每段一行；或上传 Word 文件"),
    )
    file = forms.FileField(label=_("或上传 .docx 文件"), required=False)
    summary = forms.CharField(
        label=_("采纳情况说明（可选）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_("在意见采纳情况开头说明总体情况"),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("请粘贴决策文本或上传 Word 文件"))
        upload = data.get("file")
        if upload is not None:
            if not upload.name.lower().endswith(".docx"):
                self.add_error("file", _("只能上传 .docx 格式的 Word 文件"))
            elif upload.size > FINAL_TEXT_MAX_BYTES:
                self.add_error("file", _("文件不能超过10MB"))
        return data


class LinkDecisionForm(forms.Form):
    document = forms.CharField(
        label=_("决策文件的索引号"),
        max_length=100,
        help_text=_("已在门户网站公布的决策文件，例如 11330000-2026-00001"),
    )
