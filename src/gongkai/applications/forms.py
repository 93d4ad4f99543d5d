"""Forms of the portal (申请、查询) and of the workbench (登记、办理各环节)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Staff
from gongkai.agencies.scope import visible_agencies
from gongkai.common.dates import zh_date
from gongkai.common.forms import ActionForm, MultipleFileField
from gongkai.common.identifiers import (
    ID_TYPE_LABELS,
    IdType,
    clean_text,
    credit_code_problem,
    identity_document_problem,
    normalise_identity,
    normalise_phone,
    phone_problem,
)

from . import filetypes
from .models import (
    Appeal,
    AppealKind,
    AppealResult,
    ApplicantKind,
    Channel,
    Delivery,
    FeeMethod,
    FormWanted,
    Outcome,
    PauseKind,
)

MAX_FILES = 5
# Executables are refused by what the file is, whatever it is called.
EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE (.exe, .dll, .scr)
    b"\x7fELF",  # Linux
    b"\xcf\xfa\xed\xfe",  # Mach-O 64
    b"\xce\xfa\xed\xfe",
    b"\xfe\xed\xfa\xcf",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # scripts
)
EXECUTABLE_SUFFIXES = (
    ".exe",
    ".dll",
    ".com",
    ".bat",
    ".cmd",
    ".scr",
    ".msi",
    ".vbs",
    ".js",
    ".ps1",
    ".sh",
    ".jar",
)


def executable_problem(name: str, head: bytes) -> str | None:
    if head.startswith(EXECUTABLE_MAGIC) or name.lower().endswith(EXECUTABLE_SUFFIXES):
        return f"附件“{name}”是可执行程序或脚本，不能上传"
    return None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, *, required=True, initial_today=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        initial=timezone.localdate if initial_today else None,
        help_text=help_text,
    )


class ApplicantFields(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"), choices=ApplicantKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("姓名或名称"), max_length=100)
    identity_type = forms.ChoiceField(
        label=_("身份证明文件类型"),
        help_text=_("自然人选择所持证件；法人或其他组织无需选择"),
        choices=list(ID_TYPE_LABELS.items()),
        initial=IdType.RESIDENT_ID,
        required=False,
    )
    identity_number = forms.CharField(
        label=_("证件号码或统一社会信用代码"),
        max_length=30,
        help_text=_("自然人填写所选身份证明文件的号码；法人或其他组织填写18位统一社会信用代码"),
    )
    contact_person = forms.CharField(label=_("联系人（法人或其他组织填写）"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    description = forms.CharField(
        label=_("所需政府信息的名称或内容描述"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("请写明信息的名称、文号或者便于查询的其他特征"),
    )
    doc_number = forms.CharField(label=_("文号（如知道）"), max_length=100, required=False)
    form_wanted = forms.ChoiceField(
        label=_("获取信息的方式"), choices=FormWanted.choices, widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label=_("获取信息的途径"), choices=Delivery.choices, widget=forms.RadioSelect
    )

    # Identifiers get NFKC (full-width digits typed with a Chinese IME become ASCII); prose only NFC.
    COMPATIBILITY_FIELDS = ("identity_number", "phone", "email")

    def clean(self):
        data = super().clean()
        for field, value in data.items():
            if isinstance(value, str):
                data[field] = clean_text(value, compatibility=field in self.COMPATIBILITY_FIELDS).strip()
        self._check_identity(data)
        if data.get("phone"):
            problem = phone_problem(data["phone"])
            if problem:
                self.add_error("phone", problem)
            else:
                data["phone"] = normalise_phone(data["phone"])
        if data.get("delivery") == Delivery.POST and not (data.get("address") or "").strip():
            self.add_error("address", "选择邮寄的，请填写通信地址")
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件的，请填写电子邮箱")
        return data

    def _check_identity(self, data: dict) -> None:
        """The document number's format and check digit, in the same round as every other error."""
        kind, number = data.get("applicant_kind"), data.get("identity_number")
        if not number:
            return
        if not kind:
            # 申请人类型 not chosen yet: still check the number by what it looks like, so that a
            # wrong check digit shows now and not in a second round.
            if re.fullmatch(r"\d{17}[\dXx]", number.strip()):
                problem = identity_document_problem(data.get("identity_type") or IdType.RESIDENT_ID, number)
            else:
                problem = credit_code_problem(number) if len(number.strip()) == 18 else None
            if problem:
                self.add_error("identity_number", problem)
            return
        if kind == ApplicantKind.natural:
            id_type = data.get("identity_type") or IdType.RESIDENT_ID
            data["identity_type"] = id_type
            problem = identity_document_problem(id_type, number)
        else:
            data["identity_type"] = ""
            problem = credit_code_problem(number)
        if problem:
            self.add_error("identity_number", problem)
        else:
            data["identity_number"] = normalise_identity(number)

    def applicant(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["applicant_kind"],
            "identity_type": d.get("identity_type", ""),
            "name": d["name"],
            "identity_number": d["identity_number"],
            "phone": d["phone"],
            "email": d.get("email", ""),
            "address": d.get("address", ""),
            "contact_person": d.get("contact_person", ""),
        }

    def request_data(self) -> dict:
        d = self.cleaned_data
        return {k: d.get(k, "") for k in ("description", "doc_number", "form_wanted", "delivery")}


def _agency_choices():
    return Agency.objects.filter(is_active=True).order_by("path")


class ApplyForm(ApplicantFields):
    agency = forms.ModelChoiceField(label=_("向哪个机关申请"), queryset=Agency.objects.none())
    attachments = MultipleFileField(
        label=_("附件（可选）"),
        required=False,
        help_text=_("如身份证明复印件；最多5个文件，每个不超过规定大小，不接受可执行程序"),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    field_order = [
        "agency",
        "applicant_kind",
        "name",
        "identity_type",
        "identity_number",
        "contact_person",
        "phone",
        "email",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agency_choices()

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"最多上传{MAX_FILES}个附件")
        limit = settings.GONGKAI_APPLICATION_ATTACHMENT_MAX_MB * 1024 * 1024
        problems = []
        for f in files:
            f.name = clean_text(f.name, compatibility=True).strip() or "附件"
            if f.size > limit:
                problems.append(
                    f"附件“{f.name}”超过{settings.GONGKAI_APPLICATION_ATTACHMENT_MAX_MB}MB，请压缩后再上传"
                )
                continue
            data = f.read()
            f.seek(0)
            problem = executable_problem(f.name, data[:8]) or filetypes.attachment_problem(f.name, data)
            if problem:
                problems.append(problem)
        if problems:
            raise forms.ValidationError(problems)
        return files


class StatusForm(forms.Form):
    receipt_code = forms.CharField(label=_("查询码"), max_length=30)
    phone_last4 = forms.RegexField(
        label=_("联系电话后四位"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": "请填写联系电话的后四位数字"},
    )


class RegisterForm(ApplicantFields):
    """Staff registration of an application received offline (条例第三十一条 per channel)."""

    agency = forms.ModelChoiceField(label=_("受理机关"), queryset=Agency.objects.none())
    channel = forms.ChoiceField(
        label=_("申请渠道"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    submitted_on = date_field(_("提交日期（当面、口头）"), required=False, initial_today=False)
    signed_on = date_field(_("签收日期（挂号信、EMS）"), required=False, initial_today=False)
    confirmed_on = date_field(
        _("与申请人确认日期（平信、传真、电子邮件）"), required=False, initial_today=False
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    field_order = ["agency", "channel", "submitted_on", "signed_on", "confirmed_on"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = visible_agencies(user).filter(is_active=True)
        if user is not None and user.agency_id:
            self.fields["agency"].initial = user.agency_id


# ---------------------------------------------------------------- case actions


class CaseForm(ActionForm):
    """A form for one workflow action on an application; the generic view gives `obj` and `actor`.
    `action_kwargs()` is what the action function receives."""

    def __init__(self, *args, application=None, user=None, **kwargs):
        kwargs.setdefault("obj", application)
        kwargs.setdefault("actor", user)
        super().__init__(*args, **kwargs)
        self.application, self.user = self.obj, self.actor


class OnForm(CaseForm):
    on = date_field(_("日期"))

    def action_kwargs(self):
        return {"on": self.cleaned_data.get("on")}


class ConfirmForm(CaseForm):
    confirmed_on = date_field(
        _("双方确认日期（收到申请之日）"),
        help_text=_("条例第三十一条：互联网渠道以双方确认之日为收到申请之日"),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CorrectionForm(CaseForm):
    items = forms.CharField(
        label=_("需要补正的事项（每行一项，一次性列明）"), widget=forms.Textarea(attrs={"rows": 4})
    )
    due_on = date_field(_("补正期限（留空则为15个工作日）"), required=False, initial_today=False)
    on = date_field(_("告知日期"))

    def clean_items(self):
        return _lines(self.cleaned_data["items"])

    def action_kwargs(self):
        d = self.cleaned_data
        return {"items": d["items"], "due_on": d.get("due_on"), "on": d.get("on")}


class AssignForm(CaseForm):
    agency = forms.ModelChoiceField(label=_("承办机关"), queryset=Agency.objects.none(), required=False)
    handler = forms.ModelChoiceField(label=_("承办人"), queryset=Staff.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = visible_agencies(self.user)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = self.application.agency_id
        self.fields["handler"].queryset = Staff.objects.filter(agency__in=agencies, is_active=True).order_by(
            "agency__path", "username"
        )
        self.fields["handler"].label_from_instance = lambda s: f"{s}（{s.agency.display_name}）"
        if not (self.user.is_superuser or self.user.is_supervisor):
            del self.fields["agency"]

    def action_kwargs(self):
        return {"handler": self.cleaned_data["handler"], "agency": self.cleaned_data.get("agency")}


class InquiryForm(CaseForm):
    kind = forms.ChoiceField(label=_("征求意见类型"), choices=PauseKind.choices, widget=forms.RadioSelect)
    party = forms.CharField(label=_("征求意见对象"), max_length=200)
    on = date_field(_("发出日期"))
    delivered_on = date_field(
        _("对方收到征求意见书日期"),
        required=False,
        initial_today=False,
        help_text=_("条例第三十二条：15个工作日自对方收到之日起算；当面送达的留空，即为发出日期"),
    )

    def action_kwargs(self):
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "party": d["party"],
            "on": d.get("on"),
            "delivered_on": d.get("delivered_on"),
        }


class EndInquiryForm(CaseForm):
    on = date_field(_("收到意见日期（期满未答复的填期满日）"))
    note = forms.CharField(label=_("意见摘要"), max_length=500, required=False)

    def action_kwargs(self):
        return {"on": self.cleaned_data.get("on"), "note": self.cleaned_data["note"]}


class ExtendForm(CaseForm):
    """The clerk's request; the signer approves it from the signer's own account."""

    days = forms.IntegerField(label=_("延长工作日数（最多20个）"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("延期理由"), max_length=500)
    on = date_field(_("申请日期"))

    def action_kwargs(self):
        d = self.cleaned_data
        return {"days": d["days"], "reason": d["reason"], "on": d.get("on")}


class ApproveExtensionForm(CaseForm):
    on = date_field(_("批准日期"))
    note = forms.CharField(label=_("批准意见"), max_length=500, required=False)

    def action_kwargs(self):
        return {"on": self.cleaned_data.get("on"), "note": self.cleaned_data.get("note", "")}


class FeeForm(CaseForm):
    method = forms.ChoiceField(label=_("计收方式"), choices=FeeMethod.choices, widget=forms.RadioSelect)
    pages = forms.IntegerField(label=_("页数（按量计收）"), min_value=1, required=False)
    how_to_pay = forms.CharField(label=_("缴费方式"), max_length=300, required=False)
    on = date_field(_("通知日期"))
    delivered_on = date_field(
        _("申请人收到收费通知日期"),
        required=False,
        initial_today=False,
        help_text=_(
            "国办函〔2020〕109号：缴费期限和不计入答复期限的时间自申请人收到通知之日起算；当面送达的留空"
        ),
    )

    def action_kwargs(self):
        d = self.cleaned_data
        return {
            "method": d["method"], "pages": d.get("pages"), "how_to_pay": d.get("how_to_pay", ""),
            "on": d.get("on"), "delivered_on": d.get("delivered_on"),
        }  # fmt: skip


class DecideReasonsForm(CaseForm):
    reasonable = forms.TypedChoiceField(
        label=_("认定"),
        choices=[("0", "理由不合理，不予处理"), ("1", "理由合理，确定延迟答复期限")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(label=_("延迟答复期限（工作日）"), min_value=1, required=False)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)
    on = date_field(_("日期"))

    def action_kwargs(self):
        d = self.cleaned_data
        return {
            "reasonable": d["reasonable"],
            "days": d.get("days"),
            "note": d.get("note", ""),
            "on": d.get("on"),
        }


class OutcomeFields(CaseForm):
    outcome = forms.ChoiceField(label=_("答复类型"), choices=Outcome.choices)
    where = forms.CharField(label=_("获取方式和途径 / 渠道"), max_length=500, required=False)
    reason = forms.CharField(
        label=_("理由或依据"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    other_agency = forms.CharField(label=_("负责公开的机关（如知道）"), max_length=200, required=False)
    answered_on = forms.CharField(label=_("前次答复日期（重复申请）"), max_length=30, required=False)

    @staticmethod
    def values_of(d: dict) -> dict:
        return {k: d.get(k, "") for k in ("where", "reason", "other_agency", "answered_on")}


class ReplyForm(OutcomeFields):
    withheld = forms.CharField(
        label=_("不予公开的部分及理由（部分公开时填写，每行一项，格式：部分：理由）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_withheld(self):
        return self.parse_lines(self.cleaned_data["withheld"])

    @staticmethod
    def parse_lines(text: str) -> list[dict]:
        out = []
        for line in _lines(text):
            part, sep, reason = line.replace(":", "：").partition("：")
            if not sep:
                raise forms.ValidationError(f"“{line}”应写成“部分：理由”")
            out.append({"part": part.strip(), "reason": reason.strip()})
        return out

    def action_kwargs(self):
        d = self.cleaned_data
        return {"outcome": d["outcome"], "values": self.values_of(d), "withheld": d["withheld"]}


class SpotForm(OutcomeFields):
    on = date_field(_("答复日期"))

    def action_kwargs(self):
        d = self.cleaned_data
        return {"outcome": d["outcome"], "values": self.values_of(d), "on": d.get("on")}


class NoteForm(CaseForm):
    note = forms.CharField(
        label=_("意见"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def action_kwargs(self):
        return {"note": self.cleaned_data.get("note", "")}


class RequiredNoteForm(CaseForm):
    note = forms.CharField(label=_("意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class SendReplyForm(CaseForm):
    text = forms.CharField(label=_("答复告知书正文（可修改）"), widget=forms.Textarea(attrs={"rows": 12}))
    on = date_field(_("答复日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        draft = self.application.notices.filter(kind="reply", sent_on__isnull=True).first()
        if draft is not None:
            self.fields["text"].initial = draft.text

    def action_kwargs(self):
        return {"text": self.cleaned_data["text"], "on": self.cleaned_data.get("on")}


class EmptyForm(CaseForm):
    pass


class ReleaseForm(CaseForm):
    title = forms.CharField(label=_("材料名称"), max_length=200)
    text = forms.CharField(label=_("原文"), widget=forms.Textarea(attrs={"rows": 10}))
    redactions = forms.CharField(
        label=_("要遮盖的内容及理由（每行一项，格式：内容：理由）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_redactions(self):
        return ReplyForm.parse_lines(self.cleaned_data["redactions"])


class ProposeForm(CaseForm):
    title = forms.CharField(label=_("主动公开信息标题"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = self.application.description[:200]

    def action_kwargs(self):
        return {"title": self.cleaned_data.get("title", "")}


class AppealForm(CaseForm):
    kind = forms.ChoiceField(label=_("类型"), choices=AppealKind.choices)
    filed_on = date_field(_("提起日期"))
    result = forms.ChoiceField(label=_("结果"), choices=AppealResult.choices)
    decided_on = date_field(_("审结日期"), required=False, initial_today=False)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)

    def action_kwargs(self):
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "filed_on": d["filed_on"],
            "result": d["result"],
            "decided_on": d.get("decided_on"),
            "note": d.get("note", ""),
        }


class DecideAppealForm(CaseForm):
    """审结 of a 行政复议 or 行政诉讼 recorded as pending (action `decide_appeal`)."""

    appeal = forms.ModelChoiceField(label=_("案件"), queryset=Appeal.objects.none())
    result = forms.ChoiceField(
        label=_("审结结果"), choices=[c for c in AppealResult.choices if c[0] != AppealResult.PENDING]
    )
    decided_on = date_field(_("审结日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appeal"].queryset = self.application.appeals.filter(result=AppealResult.PENDING)
        self.fields["appeal"].label_from_instance = lambda a: (
            f"{a.get_kind_display()}（{zh_date(a.filed_on)}提起）"
        )

    def action_kwargs(self):
        d = self.cleaned_data
        return {"appeal": d["appeal"], "result": d["result"], "decided_on": d["decided_on"]}


class NoticeForm(forms.Form):
    text = forms.CharField(label=_("正文（可修改后发出）"), widget=forms.Textarea(attrs={"rows": 14}))
    on = date_field(_("发出日期"))


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看事由"), max_length=200, help_text=_("查看记录将写入审计日志"))


class ReportForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("机关"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2019, max_value=2100)
    subtree = forms.BooleanField(label=_("含下级机关（汇总）"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = visible_agencies(user)
