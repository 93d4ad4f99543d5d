"""Forms of 培训."""

from __future__ import annotations

from django import forms

from .models import TrainingSession


class SessionForm(forms.Form):
    title = forms.CharField(label="培训主题", max_length=200)
    held_on = forms.DateField(label="培训日期", widget=forms.DateInput(attrs={"type": "date"}))
    organiser = forms.ModelChoiceField(label="主办机关", queryset=None)
    hours = forms.DecimalField(label="学时", max_digits=4, decimal_places=1, min_value=0.5)
    kind = forms.ChoiceField(label="形式", choices=TrainingSession.Kind.choices)
    agencies = forms.ModelMultipleChoiceField(
        label="参训单位", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    materials = forms.CharField(
        label="培训材料（目录或说明）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = agencies
        self.fields["agencies"].queryset = agencies
