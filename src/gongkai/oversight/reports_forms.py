"""Forms of the annual report's staff pages (the actions validate again; these only collect input)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.forms import ActionForm


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
