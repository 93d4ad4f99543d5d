"""The two rules the update watch checks each day (RULES.md §8; 国办发〔2018〕123号 and the State
Council's checks of government new media, 国办秘函〔2019〕19号). Plain functions, no database.

- Update (内容更新): an active account must publish at least once in every `stale_days` (default 14,
  "at least one update every two weeks"). On the check day D it is in breach when its last post is
  older than D - stale_days, i.e. a post exactly `stale_days` days before D still counts. An account
  with no post at all is judged from the day it went into operation.
- Interaction (互动回应): an account that offers interaction (留言、评论) must answer. It is in breach
  when, within the past year, it answered a message that had waited more than `interaction_days`
  (default 90, the "3 months" of §8), or when it has posted no interaction reply for more than
  `interaction_days` (a channel nobody answers is not a working one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

UPDATE = "update"
INTERACTION = "interaction"
SLOW_REPLY = "slow_reply"

LABELS = {
    UPDATE: "超过两周未更新",
    INTERACTION: "互动功能长期无回复",
    SLOW_REPLY: "网民留言超过3个月才答复",
}


@dataclass(frozen=True)
class Breach:
    rule: str
    since: date  # the first day the account was in breach of this rule
    detail: str

    def as_json(self) -> dict:
        return {"rule": self.rule, "since": self.since.isoformat(), "detail": self.detail}


def update_breach(today: date, last_post: date | None, active_since: date, stale_days: int) -> Breach | None:
    base = last_post or active_since
    first_breach_day = base + timedelta(days=stale_days + 1)
    if today < first_breach_day:
        return None
    if last_post is None:
        detail = f"自{active_since:%Y-%m-%d}开始运营以来未发布信息"
    else:
        detail = f"最近一次更新为{last_post:%Y-%m-%d}，已{(today - last_post).days}天未更新"
    return Breach(UPDATE, first_breach_day, detail)


def interaction_breaches(
    today: date,
    *,
    offers_interaction: bool,
    last_reply: date | None,
    active_since: date,
    slow_replies: list[tuple[date, date]],
    interaction_days: int,
) -> list[Breach]:
    """`slow_replies`: (asked, answered) of the replies of the past year, any order."""
    if not offers_interaction:
        return []
    out = []
    base = last_reply or active_since
    first_breach_day = base + timedelta(days=interaction_days + 1)
    if today >= first_breach_day:
        if last_reply is None:
            detail = f"开通互动功能，自{active_since:%Y-%m-%d}以来没有互动回复"
        else:
            detail = f"最近一次互动回复为{last_reply:%Y-%m-%d}，已{(today - last_reply).days}天没有回复"
        out.append(Breach(INTERACTION, first_breach_day, detail))
    year_ago = today - timedelta(days=365)
    late = [
        (asked, answered)
        for asked, answered in slow_replies
        if answered >= year_ago and (answered - asked).days > interaction_days
    ]
    if late:
        asked, answered = max(late, key=lambda pair: (pair[1] - pair[0]).days)
        out.append(
            Breach(
                SLOW_REPLY,
                min(a for _, a in late),
                f"近一年有{len(late)}条网民留言超过{interaction_days}天才答复"
                f"（最长{(answered - asked).days}天，{asked:%Y-%m-%d}提问）",
            )
        )
    return out


def all_breaches(
    today: date,
    *,
    last_post: date | None,
    last_reply: date | None,
    active_since: date,
    offers_interaction: bool,
    slow_replies: list[tuple[date, date]],
    stale_days: int,
    interaction_days: int,
) -> list[Breach]:
    out = []
    update = update_breach(today, last_post, active_since, stale_days)
    if update is not None:
        out.append(update)
    out += interaction_breaches(
        today,
        offers_interaction=offers_interaction,
        last_reply=last_reply,
        active_since=active_since,
        slow_replies=slow_replies,
        interaction_days=interaction_days,
    )
    return out
