"""Forms of 舆情 collection: every error shown at once, in Chinese; the actions decide the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .collect.fetching import FIELD_LABELS, FIELDS
from .models import OwnChannel, Sentiment, SourceCategory, SourceKind

URL_ERROR = _("请输入以 http:// 或 https:// 开头的完整网址")


class SourceForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("所属单位"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=SourceKind.choices)
    category = forms.ChoiceField(
        label=_("来源类别"),
        choices=SourceCategory.choices,
        help_text=_("决定默认权重：央媒3、省级媒体2、市县媒体和政务号1.5、自媒体1、论坛社区0.8"),
    )
    weight = forms.FloatField(
        label=_("权重"),
        required=False,
        min_value=0.1,
        max_value=10,
        help_text=_("不填则按来源类别取默认权重"),
    )
    url = forms.URLField(
        assume_scheme="https",
        label=_("订阅地址"),
        required=False,
        max_length=500,
        error_messages={"invalid": URL_ERROR},
        help_text=_("RSS/Atom订阅必填"),
    )
    schedule_minutes = forms.IntegerField(
        label=_("抓取间隔（分钟）"), min_value=5, max_value=7 * 24 * 60, initial=30
    )
    own_channel = forms.ChoiceField(
        label=_("本系统栏目"),
        choices=[("", "—")] + list(OwnChannel.choices),
        required=False,
        help_text=_("“本系统互动栏目”类型必选"),
    )

    def __init__(self, *args, agencies, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = agencies
        for name in FIELDS:
            self.fields[f"map_{name}"] = forms.CharField(
                label=_("“%(field)s”所在列") % {"field": FIELD_LABELS[name]}, max_length=60, required=False
            )
        if editing:
            del self.fields["owner"]
            self.fields["kind"].disabled = True

    def mapping_fields(self):
        return [self[f"map_{name}"] for name in FIELDS]

    def main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith("map_")]

    def values(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("map_")}
        data["column_mapping"] = {name: self.cleaned_data.get(f"map_{name}") or "" for name in FIELDS}
        return data

    @staticmethod
    def initial_for(source) -> dict:
        initial = {
            k: getattr(source, k)
            for k in ("name", "kind", "category", "weight", "url", "schedule_minutes", "own_channel")
        }
        initial.update({f"map_{k}": v for k, v in (source.column_mapping or {}).items()})
        return initial


class ExportUploadForm(forms.Form):
    file = forms.FileField(label=_("导出文件（CSV、XLSX或JSON）"))


class PostFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=50)
    source = forms.TypedChoiceField(label=_("来源"), required=False, coerce=int, empty_value=None)
    sentiment = forms.ChoiceField(
        label=_("情感倾向"), required=False, choices=[("", _("全部"))] + list(Sentiment.choices)
    )
    since = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    originals = forms.BooleanField(label=_("只看原创（不含相似信息）"), required=False)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("全部"))] + [(s.pk, s.name) for s in sources]
