"""The watch-plan editor's form: every field checked at once, the expression error with its position."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import WatchPlan
from .planquery import GROUPS, PlanError, parse_group, parse_plan


class WatchPlanForm(forms.ModelForm):
    class Meta:
        model = WatchPlan
        fields = ["name", "region", "subject", "event", "exclude", "expression"]
        widgets = {
            "region": forms.Textarea(attrs={"rows": 2}),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "event": forms.Textarea(attrs={"rows": 2}),
            "exclude": forms.Textarea(attrs={"rows": 2}),
            "expression": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        }
        labels = {"region": _("地域"), "subject": _("主体"), "event": _("事件"), "exclude": _("排除")}

    def clean(self):
        data = super().clean()
        group_ok = True
        for key, _label in GROUPS:
            try:
                parse_group(data.get(key) or "", key)
            except PlanError as error:
                self.add_error(key, str(error))
                group_ok = False
        if group_ok:
            try:
                parse_plan({k: data.get(k) or "" for k, _l in GROUPS}, data.get("expression") or "")
            except PlanError as error:
                self.add_error(error.field if error.field in self.fields else None, str(error))
        return data

    def plan_values(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in self.Meta.fields}
