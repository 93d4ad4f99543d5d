"""Forms of 考核评议: the scheme editor (one row per indicator), new scheme, copy, compute, moderation,
and the public's "有用 / 没用" form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import formset_factory

from . import assessment_queries as queries
from .models import Indicator

QUARTERS = [(0, "全年"), (1, "第一季度"), (2, "第二季度"), (3, "第三季度"), (4, "第四季度")]
BIG = Decimal("9999999999")


def _decimal(label: str, **kw) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(-BIG), MaxValueValidator(BIG)],
        error_messages={"invalid": "请输入数字", "max_decimal_places": "最多保留两位小数"},
        **kw,
    )


class IndicatorForm(forms.Form):
    label = forms.CharField(label="指标名称", max_length=100, required=False)
    metric = forms.ChoiceField(label="数据来源", required=False)
    denominator = forms.ChoiceField(
        label="分母数据（按比率计分时选择）", required=False, help_text="选择后按 数据来源÷分母×100% 计分"
    )
    weight = _decimal("分值", required=False)
    direction = forms.ChoiceField(label="计分方向", choices=Indicator.Direction.choices)
    full_at = _decimal("满分线", required=False)
    zero_at = _decimal("零分线", required=False)
    no_data = forms.ChoiceField(label="本期无数据时", choices=Indicator.NoData.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = queries.metric_choices()
        current = {self.initial.get("metric"), self.initial.get("denominator")} - {None, ""}
        known = {code for code, _ in choices}
        choices += [(c, f"{c}（尚未登记，暂无数据）") for c in sorted(current - known)]
        self.fields["metric"].choices = [("", "请选择")] + choices
        self.fields["denominator"].choices = [("", "不按比率计分")] + choices

    def is_blank(self) -> bool:
        d = getattr(self, "cleaned_data", {})
        return not d.get("label") and not d.get("metric")


IndicatorFormSet = formset_factory(IndicatorForm, extra=2, max_num=30, validate_max=True)


class SchemeForm(forms.Form):
    agency = forms.ModelChoiceField(label="考核机关", queryset=None, empty_label="请选择")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="方案名称", max_length=200, required=False, help_text="留空则自动生成")

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class CopyForm(forms.Form):
    year = forms.IntegerField(label="复制为哪一年度的方案", min_value=2000, max_value=2100)


class ComputeForm(forms.Form):
    quarter = forms.TypedChoiceField(label="考核期", choices=QUARTERS, coerce=int)


class ModerateForm(forms.Form):
    rating = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", "通过"), ("reject", "不通过")])
    reason = forms.CharField(label="不通过理由", max_length=200, required=False)


class RatingForm(forms.Form):
    useful = forms.TypedChoiceField(
        label="这个结果对您有用吗？",
        choices=[("1", "有用"), ("0", "没用")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择“有用”或“没用”"},
    )
    comment = forms.CharField(
        label="意见或建议（选填）",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="请勿填写姓名、电话、身份证号等个人信息；意见经审核后公开，个人信息会被遮盖。",
        error_messages={"max_length": "意见不能超过500字"},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
