from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency

from .index import KIND_LABELS


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("检索词"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("检索词太长，请不超过 %(limit_value)d 个字。")},
    )
    agency = forms.ModelChoiceField(
        label=_("发布机构"),
        queryset=Agency.objects.filter(is_active=True).order_by("path"),
        required=False,
        empty_label=_("全部机构"),
        error_messages={"invalid_choice": _("所选机构不存在，请重新选择。")},
    )
    year = forms.RegexField(
        label=_("年份"),
        regex=r"^(19|20)\d{2}$",
        required=False,
        max_length=4,
        error_messages={"invalid": _("年份应为四位数字，例如 2024。")},
    )
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=[("", _("全部类别")), *KIND_LABELS.items()],
        required=False,
        error_messages={"invalid_choice": _("所选类别不存在，请重新选择。")},
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if site is not None:  # 网站群: only the agencies the site shows
            self.fields["agency"].queryset = site.agencies()

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "agency": data["agency"].pk if data.get("agency") else None,
            "year": data.get("year") or None,
            "kind": data.get("kind") or None,
        }
