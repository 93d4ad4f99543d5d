"""Forms of 政策解读 and 解读专家."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import BodyWidget, body_html
from ..models import Document, Expert, Interpretation


class InterpretationForm(forms.ModelForm):
    documents = forms.ModelMultipleChoiceField(label=_("解读的文件"), queryset=Document.objects.none())
    experts = forms.ModelMultipleChoiceField(
        label=_("解读专家"), queryset=Expert.objects.none(), required=False
    )

    class Meta:
        model = Interpretation
        fields = ["title", "kind", "documents", "experts", "body"]
        widgets = {"body": BodyWidget(attrs={"rows": 12})}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = Document.objects.filter(agency=agency).order_by("-pk")
        self.fields["experts"].queryset = Expert.objects.filter(agency=agency)

    def clean_body(self):
        return body_html(self.cleaned_data.get("body", ""))


TOO_LONG = _("不能超过%(limit_value)d个字（现有%(show_value)d个字）")


class ExpertForm(forms.Form):
    name = forms.CharField(
        label=_("姓名"),
        max_length=50,
        error_messages={"required": _("请填写专家姓名"), "max_length": TOO_LONG},
    )
    field = forms.CharField(
        label=_("研究领域"),
        max_length=100,
        error_messages={"required": _("请填写专家的研究领域"), "max_length": TOO_LONG},
    )
    affiliation = forms.CharField(
        label=_("工作单位"), max_length=100, required=False, error_messages={"max_length": TOO_LONG}
    )
