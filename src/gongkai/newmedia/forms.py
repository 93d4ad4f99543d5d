"""Forms of 政务新媒体: every error shown at once, in Chinese; the actions decide the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.forms import ActionForm

from .adapters import FIELD_LABELS
from .models import Delivery, MediaAccount, Platform, PostKind

ACCOUNT_FIELDS = (
    "platform",
    "name",
    "account_id",
    "page_url",
    "filed_on",
    "person_in_charge",
    "offers_interaction",
    "feed_url",
    "delivery",
    "webhook_url",
)
URL_ERROR = _("请输入以 http:// 或 https:// 开头的完整网址")


class AccountForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("主办单位"), queryset=None, empty_label=None)
    platform = forms.ChoiceField(label=_("平台"), choices=Platform.choices)
    name = forms.CharField(label=_("账号名称"), max_length=100)
    account_id = forms.CharField(label=_("账号ID"), max_length=100, required=False)
    page_url = forms.URLField(
        assume_scheme="https",
        label=_("账号主页链接"),
        required=False,
        max_length=500,
        error_messages={"invalid": URL_ERROR},
        help_text=_("门户网站的账号列表据此生成二维码"),
    )
    filed_on = forms.DateField(
        label=_("备案日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    person_in_charge = forms.CharField(label=_("负责人"), max_length=50)
    offers_interaction = forms.BooleanField(
        label=_("开通互动（留言、评论回复）功能"), required=False, initial=True
    )
    feed_url = forms.URLField(
        assume_scheme="https",
        label=_("RSS/Atom订阅地址"),
        required=False,
        max_length=500,
        error_messages={"invalid": URL_ERROR},
        help_text=_("没有订阅地址的账号，可导入平台后台导出的文件或人工登记发布信息"),
    )
    delivery = forms.ChoiceField(label=_("发布方式"), choices=Delivery.choices, initial=Delivery.PACKAGE)
    webhook_url = forms.URLField(
        assume_scheme="https",
        label=_("推送接口地址"),
        required=False,
        max_length=500,
        error_messages={"invalid": URL_ERROR},
    )
    webhook_secret = forms.CharField(
        label=_("推送签名密钥"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("接口推送时用于HMAC-SHA256签名；修改账号时留空表示不变"),
    )

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        else:
            del self.fields["agency"]

    def clean(self):
        data = super().clean()
        if data.get("delivery") == Delivery.WEBHOOK and not data.get("webhook_url"):
            self.add_error("webhook_url", _("选择接口推送时请填写推送接口地址"))
        return data


class AccountEditForm(ActionForm, AccountForm):
    def __init__(self, *args, obj=None, actor=None, **kwargs) -> None:
        kwargs.setdefault("initial", {f: getattr(obj, f) for f in ACCOUNT_FIELDS} if obj else None)
        super().__init__(*args, obj=obj, actor=actor, **kwargs)


class NoteForm(ActionForm):
    note = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(ActionForm):
    ended_on = forms.DateField(label=_("注销日期"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("注销原因"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()


class MergeForm(ActionForm):
    into = forms.ModelChoiceField(label=_("整合至账号"), queryset=MediaAccount.objects.none())
    ended_on = forms.DateField(label=_("整合日期"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("整合原因"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .queries import merge_targets

        self.fields["ended_on"].initial = timezone.localdate()
        if self.obj is not None and self.actor is not None:
            self.fields["into"].queryset = merge_targets(self.actor, self.obj)


class PostForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    published_at = forms.DateTimeField(
        label=_("发布时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    url = forms.URLField(
        assume_scheme="https",
        label=_("原文链接"),
        required=False,
        max_length=500,
        error_messages={"invalid": URL_ERROR},
    )
    kind = forms.ChoiceField(label=_("类型"), choices=PostKind.choices, initial=PostKind.POST)
    asked_at = forms.DateTimeField(
        label=_("网民提问时间"),
        required=False,
        help_text=_("互动回复时填写，用于检查是否超过3个月才答复"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("导出文件（CSV或XLSX）"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label in FIELD_LABELS.items():
            self.fields[f"col_{name}"] = forms.CharField(
                label=_("“%(field)s”所在列的列名") % {"field": label}, required=False, max_length=100
            )

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"col_{name}", "") for name in FIELD_LABELS}


class ReleaseForm(forms.Form):
    channels = forms.MultipleChoiceField(label=_("发布渠道"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, channels=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = [(c.key, c.label) for c in channels]
        self.fields["channels"].error_messages["required"] = _("请至少选择一个发布渠道")


class MarkPostedForm(forms.Form):
    remote_url = forms.URLField(
        assume_scheme="https", label=_("发布后的链接"), max_length=500, error_messages={"invalid": URL_ERROR}
    )
