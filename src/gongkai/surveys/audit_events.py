"""The audit event types of 网上调查."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "surveys.survey.create": _("新建网上调查"),
    "surveys.survey.update": _("修改网上调查"),
    "surveys.survey.open": _("发布网上调查"),
    "surveys.survey.close": _("结束网上调查"),
    "surveys.survey.publish": _("公布网上调查结果"),
    "surveys.question.create": _("添加调查题目"),
    "surveys.question.update": _("修改调查题目"),
    "surveys.question.delete": _("删除调查题目"),
    "surveys.response.submit": _("提交调查答卷"),
    "surveys.answer.approve": _("审核通过问答题回答"),
    "surveys.answer.hide": _("问答题回答不予显示"),
}
