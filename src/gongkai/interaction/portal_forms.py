"""Forms of the public message pages (写留言、查询、评价) and of the hotline operator and the
12345 platform tokens in the workbench. Limits come from settings and are stated on the form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.scope import agency_filter
from gongkai.common.forms import MultipleFileField
from gongkai.common.identifiers import clean_text, normalise_phone, phone_problem

from .attachments import ALLOWED_HINT, attachment_problem
from .models import Kind, Mailbox, RatingValue

HONEYPOT = "website"  # a field people never see; software that fills every field fills it


def _count(text: str) -> int:
    return len(text.strip())


class WriterFields(forms.Form):
    writer_name = forms.CharField(
        label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名")}
    )
    writer_phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        error_messages={"required": _("请填写联系电话")},
        help_text=_("手机号码或带区号的固定电话；凭查询码和电话后四位查询办理情况，答复将以短信告知手机号码"),
    )

    def clean_writer_name(self):
        name = clean_text(self.cleaned_data["writer_name"]).strip()
        if not name:
            raise forms.ValidationError(_("请填写姓名"))
        return name

    def clean_writer_phone(self):
        phone = normalise_phone(self.cleaned_data["writer_phone"])
        problem = phone_problem(phone)
        if problem:
            raise forms.ValidationError(problem)
        return phone


def _mailboxes():
    return Mailbox.objects.filter(is_active=True).select_related("agency").order_by("order", "pk")


class MessageForm(WriterFields):
    mailbox = forms.ModelChoiceField(
        label=_("写给"),
        queryset=Mailbox.objects.none(),
        empty_label=_("请选择信箱"),
        error_messages={"required": _("请选择信箱"), "invalid_choice": _("请选择信箱")},
    )
    kind = forms.ChoiceField(
        label=_("留言类型"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择留言类型"), "invalid_choice": _("请选择咨询、建议、投诉或求助")},
    )
    subject = forms.CharField(label=_("主题"), error_messages={"required": _("请填写主题")})
    body = forms.CharField(
        label=_("留言内容"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("请填写留言内容")},
    )
    attachments = MultipleFileField(label=_("附件（可选）"), required=False)
    writer_email = forms.EmailField(label=_("电子邮箱（可选）"), required=False, max_length=254)
    public_consent = forms.BooleanField(
        label=_(
            "同意公开：答复后，在网站上公开我的留言和答复（姓名、电话、证件号码、住址等个人信息自动隐去）"
        ),
        required=False,
    )
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    field_order = [
        "mailbox",
        "kind",
        "subject",
        "body",
        "attachments",
        "writer_name",
        "writer_phone",
        "writer_email",
        "public_consent",
        "website",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailbox"].queryset = _mailboxes()
        subject_max = settings.GONGKAI_MESSAGE_SUBJECT_MAX
        body_min, body_max = settings.GONGKAI_MESSAGE_BODY_MIN, settings.GONGKAI_MESSAGE_BODY_MAX
        self.fields["subject"].max_length = None  # counted in clean_subject, with the count in the message
        self.fields["subject"].widget.attrs["maxlength"] = subject_max
        self.fields["subject"].help_text = _("不超过%(n)d个字") % {"n": subject_max}
        self.fields["body"].widget.attrs["maxlength"] = body_max
        self.fields["body"].help_text = _(
            "%(min)d至%(max)d个字；请写明事情发生的时间、地点和经过、您的诉求"
        ) % {
            "min": body_min,
            "max": body_max,
        }
        n, mb = settings.GONGKAI_MESSAGE_MAX_FILES, settings.GONGKAI_MESSAGE_ATTACHMENT_MAX_MB
        self.fields["attachments"].help_text = _("最多%(n)d个，每个不超过%(mb)dMB；只接受%(types)s") % {
            "n": n,
            "mb": mb,
            "types": ALLOWED_HINT,
        }
        self.fields["attachments"].widget.attrs["accept"] = ".jpg,.jpeg,.png,.pdf,.doc,.docx,.txt"
        honeypot = self.fields[HONEYPOT].widget.attrs
        honeypot.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_subject(self):
        subject = clean_text(self.cleaned_data["subject"]).strip()
        limit = settings.GONGKAI_MESSAGE_SUBJECT_MAX
        if not subject:
            raise forms.ValidationError(_("请填写主题"))
        if _count(subject) > limit:
            raise forms.ValidationError(
                _("主题不能超过%(limit)d个字（现有%(n)d个字）") % {"limit": limit, "n": _count(subject)}
            )
        return subject

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"]).strip()
        low, high = settings.GONGKAI_MESSAGE_BODY_MIN, settings.GONGKAI_MESSAGE_BODY_MAX
        n = _count(body)
        if n < low:
            raise forms.ValidationError(
                _("留言内容至少%(low)d个字（现有%(n)d个字），请写明具体情况") % {"low": low, "n": n}
            )
        if n > high:
            raise forms.ValidationError(
                _("留言内容不能超过%(high)d个字（现有%(n)d个字），请精简后提交，或分为几条留言")
                % {"high": high, "n": n}
            )
        return body

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        most = settings.GONGKAI_MESSAGE_MAX_FILES
        if len(files) > most:
            raise forms.ValidationError(
                _("最多上传%(n)d个附件（现选择了%(m)d个）") % {"n": most, "m": len(files)}
            )
        limit_mb = settings.GONGKAI_MESSAGE_ATTACHMENT_MAX_MB
        problems = []
        for f in files:
            f.name = clean_text(f.name, compatibility=True).strip() or "附件"
            if f.size > limit_mb * 1024 * 1024:
                problems.append(
                    _("附件“%(name)s”超过%(mb)dMB，请压缩后再上传") % {"name": f.name, "mb": limit_mb}
                )
                continue
            data = f.read()
            f.seek(0)
            if problem := attachment_problem(f.name, data):
                problems.append(problem)
        if problems:
            raise forms.ValidationError(problems)
        return files

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())


class StatusForm(forms.Form):
    receipt_code = forms.CharField(label=_("查询码"), max_length=30)
    phone_last4 = forms.RegexField(
        label=_("联系电话后四位"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": _("请填写联系电话的后四位数字")},
    )


class RatingForm(forms.Form):
    value = forms.ChoiceField(
        label=_("您对答复是否满意"), choices=RatingValue.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见（可选）"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    reopen = forms.BooleanField(label=_("不满意，要求重新办理（重办，仅限一次）"), required=False)

    def __init__(self, *args, can_reopen: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_reopen:
            del self.fields["reopen"]

    def clean(self):
        data = super().clean()
        if data.get("reopen") and data.get("value") != RatingValue.DISSATISFIED:
            self.add_error("reopen", _("只有对答复不满意时可以要求重办"))
        return data


class HotlineForm(WriterFields):
    """A call to the hotline as the operator enters it."""

    mailbox = forms.ModelChoiceField(
        label=_("转入信箱"), queryset=Mailbox.objects.none(), empty_label=_("请选择信箱")
    )
    kind = forms.ChoiceField(label=_("诉求类型"), choices=Kind.choices, widget=forms.RadioSelect)
    caller_number = forms.CharField(label=_("来电号码"), max_length=30)
    call_time = forms.DateTimeField(
        label=_("来电时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    subject = forms.CharField(label=_("主题"))
    summary = forms.CharField(label=_("来电内容摘要"), widget=forms.Textarea(attrs={"rows": 8}))
    public_consent = forms.BooleanField(label=_("来电人同意公开（个人信息自动隐去）"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    field_order = [
        "mailbox",
        "kind",
        "caller_number",
        "call_time",
        "writer_name",
        "writer_phone",
        "subject",
        "summary",
        "public_consent",
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The mailboxes of the agencies the operator works for (a supervisor: the whole subtree).
        self.fields["mailbox"].queryset = _mailboxes().filter(agency_filter(user, "agency"))
        self.fields["writer_name"].label = _("来电人姓名")
        self.fields["writer_phone"].label = _("回复电话")
        self.fields["writer_phone"].required = False
        self.fields["writer_phone"].help_text = _("来电人希望接到答复的号码；不填则为来电号码")
        subject_max = settings.GONGKAI_MESSAGE_SUBJECT_MAX
        self.fields["subject"].max_length = subject_max
        self.fields["subject"].widget.attrs["maxlength"] = subject_max
        self.fields["subject"].help_text = _("不超过%(n)d个字") % {"n": subject_max}
        self.fields["summary"].help_text = _("话务员记录的来电诉求，不超过%(n)d个字") % {
            "n": settings.GONGKAI_MESSAGE_BODY_MAX
        }
        if not self.is_bound:
            self.initial.setdefault("call_time", timezone.localtime().replace(second=0, microsecond=0))

    def clean_writer_phone(self):
        if not (self.cleaned_data.get("writer_phone") or "").strip():
            return ""
        return super().clean_writer_phone()

    def clean_caller_number(self):
        number = normalise_phone(self.cleaned_data["caller_number"])
        if not number.replace("-", "").replace("+", "").isdigit() or len(number) < 3:
            raise forms.ValidationError(_("来电号码只能包含数字"))
        return number

    def clean_summary(self):
        text = clean_text(self.cleaned_data["summary"]).strip()
        high = settings.GONGKAI_MESSAGE_BODY_MAX
        if len(text) > high:
            raise forms.ValidationError(
                _("来电内容摘要不能超过%(high)d个字（现有%(n)d个字）") % {"high": high, "n": len(text)}
            )
        return text

    def clean_call_time(self):
        moment = self.cleaned_data["call_time"]
        if moment > timezone.now():
            raise forms.ValidationError(_("来电时间不能晚于现在"))
        return moment


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("用途"), max_length=60, help_text=_("如：市12345平台对接；便于日后识别和吊销")
    )
