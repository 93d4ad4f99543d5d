"""The audit event types of 在线访谈."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "interviews.interview.create": _("新建在线访谈"),
    "interviews.interview.open_questions": _("发布访谈预告并征集问题"),
    "interviews.interview.start": _("开始访谈直播"),
    "interviews.interview.finish": _("结束访谈直播"),
    "interviews.interview.publish": _("发布访谈实录"),
    "interviews.guest.add": _("添加访谈嘉宾"),
    "interviews.entry.post": _("发布直播文字"),
    "interviews.entry.withdraw": _("撤回直播文字"),
    "interviews.question.submit": _("网民提交访谈问题"),
    "interviews.question.moderate": _("审核访谈问题"),
    "interviews.question.forward": _("未回答问题转留言办理"),
    "interviews.media.add": _("上传实录音视频或图片"),
}
