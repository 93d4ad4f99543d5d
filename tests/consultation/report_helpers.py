"""A consultation of 县财政局 that received comments and closed, for the adoption-report tests.

Built through the real actions (tests/consultation/conftest.py): opened on 2026-05-06, comments from
the portal and one letter, one comment hidden by the moderator, closed the day after its close date.
`after(c)` is a day after the close date (everything after closing happens then).
"""

from __future__ import annotations

from datetime import timedelta

from gongkai.consultation import actions, report_actions
from gongkai.consultation.models import Channel
from tests.consultation.conftest import DRAFT, at, comment, opened

PHONE_IN_TEXT = "13900001111"
NEAR_DUPLICATES = [
    "建议第二条明确本办法也适用于县属国有企业举借的政府性债务，避免监管空白。",
    "建议第二条明确本办法也适用于县属国有企业举借的政府性债务，避免出现监管空白！",
    "建议第二条明确本办法同样适用于县属国有企业举借的政府性债务，避免监管空白。",
]
FINAL = DRAFT.replace("防范财政风险", "防范化解财政风险").replace(
    "第五条　债务资金不得用于经常性支出。",
    "第五条　债务资金不得用于经常性支出。\n第六条　县财政局每年公开政府性债务限额和余额。",
)


def after(consultation):
    return at(consultation.closes_on + timedelta(days=1))


def closed_with_comments(clerk, reviewer):
    """(consultation, comments): three near-duplicates on paragraph 3, one with a phone number in its
    text (approved), one hidden, one letter. Returned inside no time travel: callers use `after(c)`."""
    c = opened(clerk, reviewer)
    made = [comment(c, body, key=f"dup{i}", paragraph=3) for i, body in enumerate(NEAR_DUPLICATES)]
    phone = comment(
        c, f"我是张三，电话{PHONE_IN_TEXT}，建议第四条增加债务资金绩效评价。", key="phone", paragraph=7
    )
    hidden = comment(c, "这是一条与草案无关的广告内容，请忽略。", key="ad")
    for m in (*made, phone):
        actions.approve_comment(reviewer, m)
    actions.hide_comment(reviewer, hidden, "与征求意见内容无关")
    with after(c):
        letter = actions.enter_offline_comment(
            clerk, c, channel=Channel.LETTER, body="来信建议债务信息按季度公开。", received_on=c.closes_on
        )
        c = actions.close_consultation(clerk, c)
    return c, [*made, phone, hidden, letter]


def dispose_all(clerk, c, comments, disposition="adopted", reason="已在修改稿中体现"):
    for m in comments:
        m.refresh_from_db()
        if m.group_id is None:
            report_actions.dispose(clerk, m, disposition=disposition, reason=reason)


def reported(clerk, reviewer, *, final=FINAL):
    """A consultation with every comment disposed, reviewed and its report published (inside `after`)."""
    c, comments = closed_with_comments(clerk, reviewer)
    with after(c):
        report_actions.group_comments(
            clerk, c, [m.pk for m in comments[:3]], title="适用范围包括县属国有企业"
        )
        dispose_all(
            clerk, c, comments[3:], disposition="partly", reason=f"部分采纳，联系人电话{PHONE_IN_TEXT}"
        )
        report_actions.dispose(
            clerk, c.groups.get(), disposition="not_adopted", reason="国有企业债务另有规定"
        )
        report_actions.set_final_text(clerk, c, text=final)
        report_actions.submit_report(clerk, c)
        report_actions.approve_report(reviewer, c)
        report_actions.publish_report(reviewer, c)
    c.refresh_from_db()
    return c, comments
