"""Forms of the prompt-letter workflow and of the routing keywords page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.common.forms import ActionForm

TEXT_MAX = 5000


class IssueForm(ActionForm):
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(
        label=_("正文"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("按模板生成，签发前可修改；发文字号和成文日期在签发时生成。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None and not self.is_bound:
            self.fields["title"].initial = self.obj.title
            self.fields["body"].initial = self.obj.body


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))


class FeedbackForm(ActionForm):
    text = forms.CharField(
        label=_("反馈意见"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("写明诉求集中的原因分析、已采取和将要采取的整改措施。公开时自动遮盖个人信息。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None and not self.is_bound and self.obj.feedback:
            self.fields["text"].initial = self.obj.feedback


class KeywordForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("承办单位"), queryset=Agency.objects.none())
    word = forms.CharField(
        label=_("关键词"), max_length=20, help_text=_("留言主题或内容含有该词时，建议交办给该单位")
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies


class LetterTemplateForm(forms.Form):
    body = forms.CharField(
        label=_("模板正文"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("每行一段；用 {{ 占位符 }} 引用提示函的内容，可用的占位符见下方说明。"),
    )
