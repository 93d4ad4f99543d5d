from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import VALID_DAYS
from .scopes import SCOPES


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("令牌名称"),
        max_length=60,
        help_text=_("写明对接的系统，如：市12345平台对接、本局OA系统；便于日后识别和吊销"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("权限范围"),
        choices=[(code, f"{code}：{label}") for code, label in SCOPES.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一项权限范围")},
        help_text=_("只选对接系统需要的；公开数据无需令牌"),
    )
    valid_days = forms.TypedChoiceField(
        label=_("有效期"),
        choices=[(d, _("%(n)s天") % {"n": d}) for d in VALID_DAYS],
        coerce=int,
        initial=365,
        error_messages={"invalid_choice": _("有效期应为30、90、180或365天")},
    )
