"""Forms of 通报, 整改 and 特邀监督员 (validation of shape only; the actions decide the rules)."""

from __future__ import annotations

from django import forms

from gongkai.common.forms import ActionForm

from .models import BulletinEntry, Feedback


class ReasonForm(ActionForm):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class BulletinForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    number = forms.CharField(label="文号", max_length=60, required=False, help_text="如：示政办发〔2026〕3号")
    issued_on = forms.DateField(
        label="成文日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    preface = forms.CharField(
        label="开头（主送机关和通报缘由）", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    closing = forms.CharField(label="整改要求", widget=forms.Textarea(attrs={"rows": 4}), required=False)


class EntryForm(forms.Form):
    agency = forms.ModelChoiceField(label="被通报单位", queryset=None)
    kind = forms.ChoiceField(label="类别", choices=BulletinEntry.Kind.choices)
    finding = forms.CharField(label="通报内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class RectificationForm(forms.Form):
    measures = forms.CharField(label="整改措施", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    done_on = forms.DateField(label="整改完成日期", widget=forms.DateInput(attrs={"type": "date"}))
    attachment = forms.FileField(label="附件（可选，PDF、Word或图片）", required=False)


class SupervisorForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    unit = forms.CharField(label="工作单位", max_length=100, required=False)
    consents_to_publish = forms.BooleanField(label="本人同意公开姓名", required=False)


class FeedbackForm(forms.Form):
    agency = forms.ModelChoiceField(label="被评议单位", queryset=None)
    rating = forms.ChoiceField(label="总体评价", choices=Feedback.Rating.choices)
    text = forms.CharField(label="意见建议", widget=forms.Textarea(attrs={"rows": 5}), max_length=3000)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class PaperFeedbackForm(FeedbackForm):
    supervisor = forms.ModelChoiceField(label="监督员", queryset=None)
    received_on = forms.DateField(label="收到日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, supervisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors


class AnswerForm(forms.Form):
    answer = forms.CharField(label="答复", widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
