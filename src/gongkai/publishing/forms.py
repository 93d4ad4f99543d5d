from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import ProseEditorWidget

from gongkai.agencies.models import Agency
from gongkai.common.forms import ActionForm

from .bodies import text_to_html
from .models import (
    Column,
    Disclosure,
    Document,
    Subject,
    Topic,
    Validity,
    WithheldCategory,
)

# What staff may put in a body: the blocks and marks of an official text, and nothing bodies.sanitise
# would strip anyway. The editor (ProseMirror, static files served by the app) writes HTML; the
# actions clean it with nh3 whatever the editor sent.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,  # an image (an uploaded attachment, see bodies.sanitise) with its caption
    "Caption": True,
    "Image": True,
    "History": True,
}


class BodyWidget(ProseEditorWidget):
    """The rich-text editor of document, interpretation and guide bodies."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": BODY_EXTENSIONS}, preset="configurable")


def body_html(value: str) -> str:
    """Text without any markup (typed without the editor, or sent by a client) keeps its
    paragraphs: one <p> a line. HTML is left to the action's nh3 cleaning."""
    value = value or ""
    return value if "<" in value else text_to_html(value)


class SubjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Subject) -> str:
        return obj.label


class DocumentForm(forms.ModelForm):
    publishers = forms.ModelMultipleChoiceField(
        label=_("发布机构"), queryset=Agency.objects.filter(is_active=True), required=False,
        help_text=_("联合发文可选择多个；不选则为本机关"),
    )  # fmt: skip
    subject = SubjectChoiceField(
        label=_("主题分类"),
        queryset=Subject.objects.exclude(parent=None).select_related("parent"),
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(label=_("专题"), queryset=Topic.objects.all(), required=False)
    column = forms.ModelChoiceField(label=_("栏目"), queryset=Column.objects.all(), required=False)

    class Meta:
        model = Document
        fields = [
            "title", "doc_number", "original_issuer", "summary", "made_on", "written_on", "publishers", "subject", "genre",
            "keywords", "column", "topics", "is_normative", "is_regulation", "validity", "validity_changed_on", "disclosure", "withheld_category",
            "withheld_reason", "body",
        ]  # fmt: skip
        widgets = {
            "made_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "written_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "validity_changed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "withheld_reason": forms.Textarea(attrs={"rows": 2}),
            "body": BodyWidget(attrs={"rows": 16}),
        }

    def clean_body(self):
        return body_html(self.cleaned_data.get("body", ""))

    def clean(self):
        data = super().clean()
        if (
            data.get("disclosure")
            and data["disclosure"] != Disclosure.PROACTIVE
            and not data.get("withheld_category")
        ):
            self.add_error("withheld_category", "依申请公开或不予公开的信息须选择理由类别")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("公文文件"), help_text=_("支持 txt（UTF-8/GBK）、docx、pdf（含文字层）、html")
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limit = settings.GONGKAI_IMPORT_MAX_MB
        if uploaded.size > limit * 1024 * 1024:
            raise forms.ValidationError(f"文件过大，上限为 {limit} MB")
        return uploaded


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("附件"), help_text=_("PDF、Word、OFD、图片、音频、视频；类型按文件内容判断")
    )


class GuideForm(forms.Form):
    body = forms.CharField(label=_("公开指南正文"), widget=BodyWidget(attrs={"rows": 18}))
    keep_reason = forms.CharField(
        label=_("保留筛查发现的理由"), required=False, max_length=500,
        help_text=_("指南中含有手机号码、电子邮箱等筛查发现时须填写（如机关对外公开的联系邮箱）"),
    )  # fmt: skip

    def clean_body(self):
        return body_html(self.cleaned_data["body"])


class FindingRevealForm(forms.Form):
    reason = forms.CharField(
        label=_("查看事由"), max_length=200, help_text=_("查看记录将写入审计日志"),
        error_messages={"required": _("请填写查看事由")},
    )  # fmt: skip


VALIDITY_CHOICES = [("", "全部")] + list(Validity.choices)
DISCLOSURE_CHOICES = list(Disclosure.choices)
WITHHELD_CHOICES = list(WithheldCategory.choices)


# ---------------------------------------------------------------- review and publication actions


class ReviewForm(ActionForm):
    """意见: the comment every review action records (退回 requires it; the action says so)."""

    comment = forms.CharField(
        label=_("意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def action_kwargs(self) -> dict:
        return {"comment": self.cleaned_data.get("comment", "").strip()}


class SignOffForm(ReviewForm):
    """审发: for a 行政规范性文件 without an interpretation the signer gives the reason here."""

    waiver = forms.CharField(label=_("未同步解读的理由（审发人填写）"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _needs_waiver(self.obj):
            del self.fields["waiver"]

    def action_kwargs(self) -> dict:
        if "waiver" not in self.fields:
            return super().action_kwargs()
        return super().action_kwargs() | {
            "interpretation_waiver": self.cleaned_data.get("waiver", "").strip()
        }


def _needs_waiver(doc) -> bool:
    return (
        isinstance(doc, Document)
        and doc.is_normative
        and not doc.interpretation_waiver
        and not doc.interpretations.exists()
    )


class UnpublishForm(ReviewForm):
    def action_kwargs(self) -> dict:
        return {"reason": self.cleaned_data.get("comment", "").strip()}


class PublishForm(ReviewForm):
    waiver = forms.CharField(label=_("未同步解读的理由（审发人填写）"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _needs_waiver(self.obj):  # none needed, or given at 审发
            del self.fields["waiver"]

    def action_kwargs(self) -> dict:
        return super().action_kwargs() | {
            "interpretation_waiver": self.cleaned_data.get("waiver", "").strip()
        }


class ScheduleForm(PublishForm):
    at = forms.DateTimeField(
        label=_("定时发布时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={
            "required": _("请填写定时发布的日期和时间"),
            "invalid": _("请填写定时发布的日期和时间"),
        },
    )

    def action_kwargs(self) -> dict:
        return super().action_kwargs() | {"at": self.cleaned_data["at"]}
