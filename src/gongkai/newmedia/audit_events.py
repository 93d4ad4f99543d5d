"""The audit event types of 政务新媒体, each with the label staff read on the audit page."""

AUDIT_EVENTS = {
    "newmedia.account.register": "登记政务新媒体账号",
    "newmedia.account.approve": "审核通过政务新媒体账号",
    "newmedia.account.reject": "政务新媒体账号未通过审核",
    "newmedia.account.update": "修改政务新媒体账号信息",
    "newmedia.account.close": "注销政务新媒体账号",
    "newmedia.account.merge": "整合政务新媒体账号",
    "newmedia.account.watch": "政务新媒体账号检查结果变化",
    "newmedia.feed.fetch": "抓取政务新媒体订阅",
    "newmedia.post.record": "登记政务新媒体发布信息",
    "newmedia.post.import": "导入政务新媒体发布信息",
    "newmedia.release.create": "多渠道发布",
    "newmedia.outbox.send": "推送至发布渠道",
    "newmedia.outbox.fail": "推送至发布渠道失败",
    "newmedia.outbox.retry": "重试推送",
    "newmedia.outbox.mark_posted": "登记人工发布链接",
}
