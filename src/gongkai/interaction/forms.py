"""Forms of the workbench's message actions (the generic workflow view renders them)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.common.forms import ActionForm

from .models import Reply


class EmptyForm(ActionForm):
    pass


def _agencies():
    return Agency.objects.filter(is_active=True).order_by("path")


class DispatchForm(ActionForm):
    lead_agency = forms.ModelChoiceField(label=_("主办单位"), queryset=Agency.objects.none())
    assist_agencies = forms.ModelMultipleChoiceField(
        label=_("协办单位（可多选）"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("交办意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The office dispatches within its government's subtree.
        root = self.obj.office.supervises or self.obj.office if self.obj is not None else None
        qs = root.subtree().filter(is_active=True).order_by("path") if root else _agencies()
        self.fields["lead_agency"].queryset = qs
        # The office dispatches; it does not assist itself.
        self.fields["assist_agencies"].queryset = (
            qs.exclude(pk=self.obj.office_id) if self.obj is not None else qs
        )
        if self.obj is not None and not self.is_bound and self.obj.mailbox.kind == "department":
            self.fields["lead_agency"].initial = self.obj.mailbox.agency_id


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=1000)


class TextForm(ActionForm):
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=1000)


class OpinionForm(ActionForm):
    text = forms.CharField(label=_("协办意见"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)


class AssignForm(ActionForm):
    responder = forms.ModelChoiceField(label=_("网络回应人"), queryset=Staff.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency_id = self.obj.lead_agency_id if self.obj is not None else None
        self.fields["responder"].queryset = Staff.objects.filter(
            agency_id=agency_id, is_active=True, roles__role=Role.RESPONDER
        ).order_by("username")
        if self.obj is not None and self.obj.responder_id:
            self.fields["responder"].initial = self.obj.responder_id


class ReplyForm(ActionForm):
    body = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 12}), max_length=10000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None and not self.is_bound:
            reply = Reply.objects.filter(message=self.obj, round=self.obj.round).first()
            if reply is not None:
                self.fields["body"].initial = reply.body


class ReviewForm(ActionForm):
    masked_body = forms.CharField(
        label=_("公开文本（已自动遮盖个人信息，可再遮盖）"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=10000,
    )
    note = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None and not self.is_bound:
            reply = Reply.objects.filter(message=self.obj, round=self.obj.round).first()
            if reply is not None:
                self.fields["masked_body"].initial = reply.masked_body


class PublishForm(ActionForm):
    masked_body = forms.CharField(
        label=_("公开的答复文本（已遮盖个人信息）"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=10000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None and not self.is_bound:
            reply = Reply.objects.filter(message=self.obj).order_by("-round").first()
            if reply is not None:
                self.fields["masked_body"].initial = reply.masked_body


class ExtensionRequestForm(ActionForm):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class ExtendForm(ActionForm):
    approve = forms.TypedChoiceField(
        label=_("审批意见"),
        choices=[("1", _("同意延期")), ("0", _("不同意延期"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    note = forms.CharField(
        label=_("说明（不同意时必填）"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
