"""The audit event types of 舆情 collection, each with the label staff read on the audit page."""

AUDIT_EVENTS = {
    "opinion.source.create": "新增舆情来源",
    "opinion.source.update": "修改舆情来源",
    "opinion.source.enable": "启用舆情来源",
    "opinion.source.disable": "停用舆情来源",
    "opinion.source.token": "签发舆情推送令牌",
    "opinion.post.collect": "采集舆情信息",
}
