"""Forms of 重大决策与征求意见: the workflow actions, the staff's edit pages, and the public comment form.
Forms collect and validate shapes; the rules (period, paragraph, limits) live in the actions, whose
refusals the views put back on the form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Kind
from gongkai.common.forms import ActionForm

from .models import OFFLINE_CHANNELS, Channel, Source

HONEYPOT = "website"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmptyForm(ActionForm):
    pass


class ReviewForm(ActionForm):
    note = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(ActionForm):
    reason = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写退回理由")},
    )


# ---------------------------------------------------------------- staff


class DecisionItemForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("决策事项名称"), max_length=200)
    lead_agency = forms.ModelChoiceField(label=_("承办单位"), queryset=Agency.objects.none())
    planned_on = forms.DateField(label=_("计划完成时间"), required=False, widget=DATE)
    consultation_planned = forms.BooleanField(label=_("拟公开征求意见"), required=False, initial=True)
    hearing_planned = forms.BooleanField(label=_("拟举行听证"), required=False)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, government: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"].queryset = government.subtree().filter(is_active=True).order_by("path")


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("征求意见稿名称"), max_length=200)
    decision_item = forms.ModelChoiceField(
        label=_("对应的重大行政决策事项"), queryset=None, required=False, empty_label=_("（不属于目录事项）")
    )
    source = forms.ChoiceField(label=_("草案来源"), choices=Source.choices, widget=forms.RadioSelect)
    document = forms.ModelChoiceField(
        label=_("作为草案的政府信息"),
        queryset=None,
        required=False,
        help_text=_("该信息须经发布审查并公开发布后，才能开始征求意见"),
    )
    draft_text = forms.CharField(
        label=_("草案全文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("“第X条”开头的行识别为条，其后各行为款；也可上传文件"),
    )
    draft_file = forms.FileField(label=_("或上传草案文件（.docx、.txt）"), required=False)
    background = forms.CharField(
        label=_("起草背景"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    basis = forms.CharField(label=_("起草依据"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    main_content = forms.CharField(
        label=_("主要内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(label=_("开始日期"), widget=DATE)
    closes_on = forms.DateField(
        label=_("截止日期"), required=False, widget=DATE, help_text=_("留空则按规定的最短期限计算")
    )
    short_period_reason = forms.CharField(
        label=_("期限少于规定天数的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("征求意见期限少于规定天数时必填，将在页面上公开"),
    )
    letter_address = forms.CharField(label=_("信函地址"), max_length=200, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    fax = forms.CharField(label=_("传真"), max_length=30, required=False)
    phone = forms.CharField(label=_("咨询电话"), max_length=30, required=False)

    def __init__(self, *args, agency: Agency, **kwargs):
        from gongkai.publishing.models import Document

        from .models import DecisionItem

        super().__init__(*args, **kwargs)
        governments = [a.pk for a in [agency, *agency.ancestors()] if a.kind == Kind.GOVERNMENT]
        self.fields["decision_item"].queryset = DecisionItem.objects.filter(
            government__in=governments
        ).order_by("-year", "sort_order")
        self.fields["document"].queryset = Document.objects.filter(agency=agency).order_by("-created_at")
        self.fields["opens_on"].initial = timezone.localdate()
        self.fields["closes_on"].help_text = _("留空则按规定的最短期限（%(days)s天）计算") % {
            "days": settings.GONGKAI_CONSULTATION_MIN_DAYS
        }


class OfflineCommentForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("来源渠道"), choices=[(c.value, c.label) for c in Channel if c in OFFLINE_CHANNELS]
    )
    received_on = forms.DateField(label=_("收到日期"), widget=DATE)
    paragraph = forms.TypedChoiceField(label=_("针对条文"), coerce=int, required=False, empty_value=None)
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 6}))
    display_name = forms.CharField(
        label=_("署名（可留空）"), max_length=20, required=False, help_text=_("如：某企业代表；公开时显示")
    )
    phone = forms.CharField(label=_("联系电话（不公开，可留空）"), max_length=30, required=False)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = paragraph_choices(consultation)
        self.fields["received_on"].initial = timezone.localdate()


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核结果"),
        choices=[("approve", _("公开显示（自动遮盖个人信息）")), ("hide", _("不予公开"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不予公开时必填"),
    )


def paragraph_choices(consultation) -> list[tuple]:
    choices = [("", _("对全文提意见"))]
    for p in consultation.paragraphs.all():
        if p.commentable:
            label = p.heading or f"第{p.number}段"
            choices.append((p.number, f"{p.number}. {label} {p.text[:20]}"))
    return choices


# ---------------------------------------------------------------- public


class CommentForm(forms.Form):
    paragraph = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_("意见内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("请填写意见内容")},
    )
    display_name = forms.CharField(label=_("署名（可留空，留空显示为“网友”）"), max_length=20, required=False)
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        help_text=_("仅用于核实和联系，不会公开"),
        error_messages={"required": _("请填写联系电话（不会公开）")},
    )
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.GONGKAI_CONSULTATION_COMMENT_MAX
        self.fields["body"].help_text = _("不超过%(n)s字") % {"n": limit}
        self.fields["body"].widget.attrs["maxlength"] = limit
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())
