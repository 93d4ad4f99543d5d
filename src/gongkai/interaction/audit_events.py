"""The audit event types of 留言办理."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "interaction.mailbox.create": _("新增信箱"),
    "interaction.mailbox.update": _("修改信箱"),
    "interaction.message.submit": _("网上提交留言"),
    "interaction.message.register_call": _("登记热线来电"),
    "interaction.message.receive_ticket": _("接收12345平台工单"),
    "interaction.message.dispatch": _("交办留言"),
    "interaction.message.return": _("退回留言"),
    "interaction.message.redispatch": _("重新交办留言"),
    "interaction.message.assign": _("指定网络回应人"),
    "interaction.message.assist_opinion": _("填写协办意见"),
    "interaction.message.request_extension": _("申请延期办理"),
    "interaction.message.extend": _("批准延期办理"),
    "interaction.message.remind": _("催办"),
    "interaction.message.supervise": _("督办"),
    "interaction.message.mark_invalid": _("认定为无效留言"),
    "interaction.message.clear_words": _("敏感词审核通过"),
    "interaction.message.reopen": _("重办"),
    "interaction.message.close": _("办结留言"),
    "interaction.reply.draft": _("拟写答复"),
    "interaction.reply.submit": _("提交答复审核"),
    "interaction.reply.return": _("退回答复修改"),
    "interaction.reply.approve": _("审核通过答复"),
    "interaction.reply.send": _("发送答复"),
    "interaction.reply.publish": _("公开答复"),
    "interaction.rating.create": _("满意度评价"),
    "interaction.deadline_rule.save": _("修改办理时限规则"),
    "interaction.api_token.issue": _("签发12345平台接口令牌"),
    "interaction.api_token.revoke": _("吊销12345平台接口令牌"),
}
