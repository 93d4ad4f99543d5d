"""Forms of 在线访谈 (staff and portal); every error of a form shows at once."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import visible_agencies
from gongkai.common.forms import ActionForm
from gongkai.common.identifiers import normalise_phone, phone_problem

from .models import Guest, Moderation, Question

HONEYPOT = "website"


class EmptyForm(ActionForm):
    pass


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class InterviewForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("主办机关"), queryset=Agency.objects.none(), error_messages={"required": _("请选择主办机关")}
    )
    topic = forms.CharField(
        label=_("访谈主题"), max_length=120, error_messages={"required": _("请填写访谈主题")}
    )
    summary = forms.CharField(
        label=_("内容简介"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(
        label=_("开始时间"),
        widget=_DateTimeInput(),
        error_messages={"required": _("请填写开始时间"), "invalid": _("请填写正确的开始时间")},
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"),
        widget=_DateTimeInput(),
        error_messages={"required": _("请填写结束时间"), "invalid": _("请填写正确的结束时间")},
    )
    host_name = forms.CharField(label=_("主持人"), max_length=40, initial="主持人")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = visible_agencies(user).filter(is_active=True).order_by("path")
        if user.agency_id:
            self.fields["agency"].initial = user.agency_id


class GuestForm(forms.Form):
    name = forms.CharField(
        label=_("嘉宾姓名"), max_length=40, error_messages={"required": _("请填写嘉宾姓名")}
    )
    title = forms.CharField(label=_("职务"), max_length=60, error_messages={"required": _("请填写嘉宾职务")})
    agency = forms.ModelChoiceField(
        label=_("所在机关"),
        queryset=Agency.objects.filter(is_active=True).order_by("path"),
        error_messages={"required": _("请选择嘉宾所在机关")},
    )


class EntryForm(forms.Form):
    speaker = forms.ChoiceField(label=_("发言人"))
    answers = forms.ModelChoiceField(
        label=_("回答网友提问（可选）"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("不回答具体问题"),
    )
    body = forms.CharField(
        label=_("发言内容"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请填写发言内容")},
    )
    image = forms.FileField(label=_("图片（可选，JPEG或PNG）"), required=False)

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview
        guests = list(interview.guests.all())
        self.guests = {str(g.pk): g for g in guests}
        self.fields["speaker"].choices = [("host", f"{interview.host_name}（主持人）")] + [
            (str(g.pk), f"{g.name}（{g.title}）") for g in guests
        ]
        self.fields["answers"].queryset = interview.questions.filter(moderation=Moderation.APPROVED)
        self.fields["answers"].label_from_instance = lambda q: f"{q.public_name}：{q.masked_body[:40]}"

    def guest(self) -> Guest | None:
        return self.guests.get(self.cleaned_data["speaker"])


class MediaForm(forms.Form):
    title = forms.CharField(
        label=_("文件说明"), max_length=100, error_messages={"required": _("请填写文件说明")}
    )
    upload = forms.FileField(
        label=_("文件（JPEG、PNG图片，MP3音频或MP4视频）"), error_messages={"required": _("请选择文件")}
    )


class QuestionForm(forms.Form):
    """The public's question; the phone is required and never shown."""

    display_name = forms.CharField(
        label=_("显示名称（可不填，默认显示“网友”）"), max_length=20, required=False
    )
    phone = forms.CharField(
        label=_("联系电话（不公开）"),
        max_length=30,
        error_messages={"required": _("请填写联系电话")},
        help_text=_("仅供工作人员联系您；访谈中未能回答的问题将转为留言办理，答复通过此电话告知"),
    )
    body = forms.CharField(
        label=_("您的问题"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写问题内容"), "max_length": _("问题不能超过500个字")},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The honeypot (HONEYPOT) is rendered by the template, outside the form's fields.

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        problem = phone_problem(phone)
        if problem:
            raise forms.ValidationError(problem)
        return phone

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT))
