"""Forms of handling: every error shown at once, in Chinese; the actions decide the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.common.forms import ActionForm

from .models import Grade, Report, ReportKind


class GradeForm(ActionForm):
    grade = forms.ChoiceField(label=_("等级"), choices=Grade.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("定级理由"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("与建议等级不同时必填"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.obj
        if event is not None:
            self.fields["grade"].initial = event.grade or event.proposed_grade or Grade.GENERAL


class AssignForm(ActionForm):
    agency = forms.ModelChoiceField(label=_("责任单位"), queryset=Agency.objects.none())
    note = forms.CharField(
        label=_("交办意见"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None:
            from .actions_handling import assignable_agencies
            from .queries_handling import suggest_agencies

            self.fields["agency"].queryset = assignable_agencies(self.obj)
            self.suggestions = suggest_agencies(self.obj)
            if self.obj.agency_id:
                self.fields["agency"].initial = self.obj.agency_id
            elif self.suggestions:
                self.fields["agency"].initial = self.suggestions[0][0].pk
            if self.suggestions:
                self.fields["agency"].help_text = "建议：" + "；".join(
                    f"{a.display_name}（{why}）" for a, why in self.suggestions
                )


class AssessmentForm(ActionForm):
    held_at = forms.DateTimeField(
        label=_("会商时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("参加单位"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    conclusion = forms.CharField(
        label=_("会商结论"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None:
            from .actions_handling import assignable_agencies

            self.fields["participants"].queryset = assignable_agencies(self.obj)
            self.fields["held_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class ResponseForm(ActionForm):
    key = forms.ChoiceField(label=_("回应内容"), widget=forms.RadioSelect, choices=())
    note = forms.CharField(
        label=_("说明"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None:
            from .responses import candidates

            self.candidates = candidates(self.obj)
            self.fields["key"].choices = [
                (
                    c.key,
                    f"{c.kind_label}｜{c.agency_name}｜{timezone.localtime(c.published_at):%Y-%m-%d %H:%M}｜{c.title}",
                )
                for c in self.candidates
            ]
            self.fields["key"].help_text = (
                "责任单位或其上级政府在事件首次出现后发布的文件、政策解读，召开的新闻发布会，公开的留言答复和政务新媒体发布的信息"
                if self.candidates
                else "尚无可选内容：发布文件或政策解读、召开新闻发布会、公开留言答复或在政务新媒体登记发布信息后，再来登记回应"
            )


class CloseForm(ActionForm):
    note = forms.CharField(
        label=_("办结说明"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AgencyRuleForm(forms.Form):
    region = forms.CharField(label=_("属地关键词"), required=False, max_length=40)
    topic = forms.CharField(label=_("主题关键词"), required=False, max_length=40)
    agency = forms.ModelChoiceField(label=_("责任单位"), queryset=Agency.objects.none())

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies


class ReportNewForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ReportKind.choices, initial=ReportKind.WEEKLY)
    period_start = forms.DateTimeField(
        label=_("起始时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    period_end = forms.DateTimeField(
        label=_("截止时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    event = forms.ModelChoiceField(
        label=_("专报事件"), queryset=None, required=False, help_text=_("仅专报需要")
    )

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        self.fields["period_end"].initial = now
        self.fields["period_start"].initial = now - timezone.timedelta(days=7)


class ReportEditForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title", "number", "overview", "spread", "content", "advice"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6}) for name in ("overview", "spread", "content", "advice")
        }
