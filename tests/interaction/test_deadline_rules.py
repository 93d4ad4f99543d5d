"""RULES.md §7 (5 working days, one extension of up to 10, return within 2 — configurable per kind
and channel) and §8 (a valid message unanswered for more than 3 months fails the site)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from gongkai.interaction import deadlines
from gongkai.interaction.deadlines import Periods


@dataclass
class R:
    kind: str | None
    channel: str | None
    reply_days: int
    max_extension_days: int = 10
    return_days: int = 2
    veto_warning_days: int = 60


RULES = [
    R(None, None, 5),
    R("complaint", None, 7),
    R(None, "hotline", 3),
    R("help", "hotline", 1),
]


@pytest.mark.parametrize(
    ("kind", "channel", "reply_days"),
    [
        ("inquiry", "web", 5),  # only the rule for any message
        ("complaint", "web", 7),  # kind beats any
        ("inquiry", "hotline", 3),  # channel beats any
        ("complaint", "hotline", 7),  # kind beats channel
        ("help", "hotline", 1),  # kind and channel beat everything
        ("help", "web", 5),
    ],
)
def test_the_most_specific_rule_wins(kind, channel, reply_days):
    assert deadlines.pick(RULES, kind, channel).reply_days == reply_days


def test_without_any_rule_the_defaults_of_rules_md_apply():
    assert deadlines.pick([], "inquiry", "web") == Periods(5, 10, 2, 60)


@pytest.mark.django_db
def test_the_seeded_rule_is_rules_md():
    assert deadlines.rule_for("suggestion", "platform_12345") == Periods(5, 10, 2, 60)


@pytest.mark.parametrize(
    ("received", "line"),
    [
        (date(2026, 1, 15), date(2026, 4, 15)),
        (date(2026, 11, 30), date(2027, 2, 28)),  # no 30 February: the month's last day
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2027, 11, 30), date(2028, 2, 29)),  # leap year
    ],
)
def test_veto_line_is_three_calendar_months(received, line):
    assert deadlines.veto_line(received) == line


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 3, 15), ""),
        (date(2026, 3, 16), "warning"),  # 60 days after 15 January
        (date(2026, 4, 15), "warning"),  # the last day inside 3 months
        (date(2026, 4, 16), "vetoed"),  # more than 3 months unanswered
    ],
)
def test_veto_state(today, state):
    assert deadlines.veto_state(date(2026, 1, 15), today, 60) == state


@pytest.mark.django_db
def test_a_province_sets_its_own_periods(county_box, monday):
    """A rule for complaints by hotline: new messages get its periods."""
    from gongkai.interaction import actions

    from .conftest import write

    actions.create_deadline_rule(None, kind="complaint", channel="", reply_days=3, max_extension_days=5,
                                 return_days=1, veto_warning_days=45)  # fmt: skip
    message = write(county_box, kind="complaint")
    assert message.clock.limit_days == 3 and message.clock.max_extension_days == 5
    assert message.due_on == date(2026, 3, 5)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "refusal"),
    [
        ({"reply_days": 0}, "答复期限应为1至60个工作日"),
        ({"veto_warning_days": 95}, "超期预警应早于3个月期限"),
        ({"kind": "", "channel": ""}, "已有同一留言类型和来源渠道的规则"),
    ],
)
def test_bad_rules_are_refused(values, refusal):
    from gongkai.common.errors import ActionRefused
    from gongkai.interaction import actions

    base = {"kind": "help", "channel": "", "reply_days": 5, "max_extension_days": 10, "return_days": 2,
            "veto_warning_days": 60}  # fmt: skip
    with pytest.raises(ActionRefused, match=refusal):
        actions.create_deadline_rule(None, **(base | values))
