"""The audit event types of 依申请公开, and the codes written before they had names."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "applications.application.submit": _("提交申请（互联网渠道）"),
    "applications.application.register": _("登记申请"),
    "applications.application.accept": _("确认收到申请"),
    "applications.application.close": _("办结申请"),
    "applications.application.request_correction": _("告知补正"),
    "applications.application.receive_correction": _("收到补正"),
    "applications.application.assign": _("交承办人办理"),
    "applications.application.start_inquiry": _("征求意见（暂停计时）"),
    "applications.application.end_inquiry": _("结束征求意见（恢复计时）"),
    "applications.application.request_extension": _("申请延期答复"),
    "applications.application.extend": _("批准延期答复"),
    "applications.application.decline_extension": _("不同意延期"),
    "applications.application.notify_fee": _("发出收费通知"),
    "applications.application.record_payment": _("登记缴费"),
    "applications.application.ask_reasons": _("要求说明理由"),
    "applications.application.decide_reasons": _("认定理由合理，确定答复期限"),
    "applications.application.draft_reply": _("拟写答复"),
    "applications.application.review_reply": _("审核答复"),
    "applications.application.return_reply": _("退回答复修改"),
    "applications.application.archive": _("归档"),
    "applications.application.supervise": _("督办"),
    "applications.application.propose_disclosure": _("转为主动公开"),
    "applications.application.release": _("制作公开文本"),
    "applications.notice.send": _("发出文书"),
    "applications.appeal.record": _("登记行政复议、行政诉讼"),
    "applications.appeal.decide": _("登记复议、诉讼结果"),
    "applications.applicant.reveal": _("查看申请人完整信息"),
    "applications.notice_template.create": _("新增告知书模板"),
    "applications.notice_template.update": _("修改告知书模板"),
    "applications.notice_template.delete": _("删除告知书模板"),
}

# `applications.<verb>` (written by `_audit`) → `applications.application.<verb>`.
LEGACY_AUDIT_CODES = {
    f"applications.{code.rsplit('.', 1)[1]}": code
    for code in AUDIT_EVENTS
    if code.startswith("applications.application.")
}
