from django import forms
from django.utils.translation import gettext_lazy as _


class DeadlineForm(forms.Form):
    start = forms.DateField(label=_("起算日（收到申请之日）"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=_("工作日数"), min_value=1, max_value=400, initial=20)

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start.year < 2004:
            raise forms.ValidationError(_("工作日历从2004年开始，请输入2004年以后的日期"))
        return start
