"""The workbench forms of 网上调查 (the public answering form is built from the questions in
`portal_views`, checked by `answers.check_answers`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.scope import visible_agencies
from gongkai.common.forms import ActionForm

from .models import QuestionKind, Rule


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveyForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("发起机关"), queryset=None, error_messages={"required": _("请选择发起机关")}
    )
    title = forms.CharField(
        label=_("调查标题"), max_length=100, error_messages={"required": _("请填写调查标题")}
    )
    intro = forms.CharField(
        label=_("调查说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("向公众说明调查的目的、结果如何使用。"),
    )
    opens_at = forms.DateTimeField(
        label=_("开始时间"),
        widget=DateTimeInput(),
        error_messages={"required": _("请填写开始时间"), "invalid": _("请填写正确的日期和时间")},
    )
    closes_at = forms.DateTimeField(
        label=_("截止时间"),
        widget=DateTimeInput(),
        error_messages={"required": _("请填写截止时间"), "invalid": _("请填写正确的日期和时间")},
    )
    rule = forms.ChoiceField(
        label=_("答卷限制"),
        choices=Rule.choices,
        widget=forms.RadioSelect,
        help_text=_("手机号码验证更可靠；每个浏览器限答一次无需填写手机号码，但同一人换用浏览器可再答。"),
    )

    def __init__(self, *args, user, rule_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = visible_agencies(user).filter(is_active=True).order_by("path")
        if rule_locked:
            del self.fields["rule"]
            self.fields["agency"].disabled = True


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("题型"), choices=QuestionKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("题目"), max_length=300, error_messages={"required": _("请填写题目")})
    required = forms.BooleanField(label=_("必答"), required=False, initial=True)
    options = forms.CharField(
        label=_("选项（每行一个，仅单选题、多选题需要）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    order = forms.IntegerField(label=_("序号"), required=False, min_value=1)

    def option_lines(self) -> list[str]:
        return [line for line in self.cleaned_data.get("options", "").splitlines() if line.strip()]


class ConfirmForm(ActionForm):
    """Open, close, publish: nothing to type; the page says what the action does."""


class ReviewForm(forms.Form):
    text_public = forms.CharField(
        label=_("公开文本（已自动遮盖个人信息，可再遮盖）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
