"""The audit event types of 新闻发布, each with the Chinese label staff read on the audit page."""

AUDIT_EVENTS = {
    "press.spokesperson.appoint": "任命新闻发言人",
    "press.spokesperson.end": "新闻发言人离任",
    "press.conference.create": "登记新闻发布会",
    "press.conference.update": "修改新闻发布会",
    "press.conference.start": "开始发布会文字直播",
    "press.conference.finish": "发布会结束",
    "press.conference.record": "登记发布会已召开",
    "press.conference.publish": "发布发布会实录",
    "press.conference.cancel": "取消新闻发布会",
    "press.conference.link": "关联发布的文件和解读",
    "press.live.post": "发布文字直播",
    "press.live.hide": "撤回直播内容",
    "press.transcript.update": "修改发布会实录",
    "press.media.upload": "上传实录音视频或图片",
    "press.media.remove": "删除实录音视频或图片",
    "press.setting.update": "修改机关发布会考核设置",
    "press.rule.update": "修改发布会频次要求",
    "press.requirement.create": "要求限时召开发布会",
    "press.requirement.fulfil": "限时发布会已召开",
}
