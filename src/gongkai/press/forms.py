"""The forms of 新闻发布: they validate and show every error at once; the actions decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.forms import ActionForm

from .models import PERIOD_MONTHS, Kind, PressClass

TOO_LONG = _("不能超过%(limit_value)d个字（现有%(show_value)d个字）")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def _required(label: str) -> dict:
    return {"required": _("请填写%(label)s") % {"label": label}, "max_length": TOO_LONG}


class ConferenceForm(forms.Form):
    topic = forms.CharField(label=_("发布主题"), max_length=200, error_messages=_required("发布主题"))
    kind = forms.ChoiceField(label=_("类别"), choices=Kind.choices, initial=Kind.REGULAR)
    starts_at = forms.DateTimeField(
        label=_("召开时间"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("请填写发布会的召开日期和时间"),
            "invalid": _("召开时间格式不对，请填写日期和时刻，如 2026-12-10 15:00"),
        },
    )
    place = forms.CharField(label=_("召开地点"), max_length=200, error_messages=_required("召开地点"))
    summary = forms.CharField(
        label=_("发布内容简介"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )


class SpeakerForm(forms.Form):
    name = forms.CharField(
        label=_("发布人姓名"), max_length=50, required=False, error_messages={"max_length": TOO_LONG}
    )
    title = forms.CharField(
        label=_("职务"), max_length=100, required=False, error_messages={"max_length": TOO_LONG}
    )
    is_head = forms.BooleanField(label=_("本机关主要负责同志"), required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("name")) != bool(data.get("title")):
            raise forms.ValidationError(_("请同时填写发布人的姓名和职务"))
        return data


SpeakerFormSet = forms.formset_factory(SpeakerForm, extra=0, min_num=4, max_num=12)


class CancelForm(ActionForm):
    reason = forms.CharField(
        label=_("取消原因"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("取消原因"),
        help_text=_("公开日程中显示为“已取消”，原因仅工作人员可见"),
    )


class SpokespersonForm(forms.Form):
    post = forms.CharField(
        label=_("岗位"), max_length=30, initial="新闻发言人", error_messages=_required("岗位")
    )
    name = forms.CharField(label=_("姓名"), max_length=50, error_messages=_required("姓名"))
    title = forms.CharField(label=_("职务"), max_length=100, error_messages=_required("职务"))
    phone = forms.CharField(
        label=_("办公电话"),
        max_length=30,
        error_messages=_required("办公电话"),
        help_text=_("新闻发言人办公室的固定电话，将在网站公开；请勿填写个人手机"),
    )
    appointed_on = forms.DateField(
        label=_("任职日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("请填写任职日期"), "invalid": _("日期格式不对，如 2026-03-01")},
        help_text=_("同一岗位的现任发言人自该日起离任"),
    )


class EndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("离任日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("请填写离任日期"), "invalid": _("日期格式不对，如 2026-03-01")},
    )


class TranscriptForm(forms.Form):
    transcript = forms.CharField(
        label=_("实录"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("每段一行；发言人姓名可写在段首，如“主持人：”"),
        error_messages={"max_length": TOO_LONG},
    )


class MediaForm(forms.Form):
    upload = forms.FileField(
        label=_("图片、音频或视频文件"),
        error_messages={"required": _("请选择文件"), "empty": _("文件为空")},
        help_text=_("图片 PNG、JPEG，音频 MP3，视频 MP4；由本网站直接播放"),
    )
    caption = forms.CharField(
        label=_("说明"), max_length=200, required=False, error_messages={"max_length": TOO_LONG}
    )


class ReleasesForm(forms.Form):
    documents = forms.ModelMultipleChoiceField(
        label=_("发布的文件"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    interpretations = forms.ModelMultipleChoiceField(
        label=_("发布的解读"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, documents, interpretations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents
        self.fields["interpretations"].queryset = interpretations


class SettingForm(forms.Form):
    press_class = forms.ModelChoiceField(
        label=_("考核类别"),
        queryset=PressClass.objects.all(),
        required=False,
        empty_label=_("不考核"),
    )
    since = forms.DateField(
        label=_("考核起始日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("请填写考核起始日期"), "invalid": _("日期格式不对，如 2026-03-01")},
        help_text=_("机关设立或纳入考核的日期；此前开始的周期不计未达要求"),
    )
    own_months = forms.TypedChoiceField(
        label=_("本机关单独规定的发布会周期"),
        choices=[("", _("按类别规定")), *PERIOD_MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("如当地要求每两个月至少召开一次，选“每两个月”"),
    )
    own_min_count = forms.IntegerField(
        label=_("每周期至少场次"),
        min_value=1,
        max_value=50,
        required=False,
        error_messages={"min_value": _("至少为1"), "max_value": _("不能超过50")},
    )


class LiveForm(forms.Form):
    speaker = forms.CharField(
        label=_("发言人"), max_length=50, required=False, help_text=_("如：主持人、县财政局局长钱江"),
        error_messages={"max_length": TOO_LONG},
    )  # fmt: skip
    body = forms.CharField(
        label=_("直播内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("直播内容"),
    )  # fmt: skip
