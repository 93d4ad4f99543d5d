"""RULES.md §8 for government new media, straight from the rule: at least one update every two
weeks, and a working interaction (no message answered after more than 3 months, a channel that
answers). Pure functions, no database."""

from datetime import date, timedelta

import pytest

from gongkai.newmedia import rules

D = date(2026, 12, 3)  # the check day
START = date(2026, 1, 5)  # in operation since


@pytest.mark.parametrize(
    ("last_post", "breach", "since"),
    [
        (D, False, None),
        (D - timedelta(days=13), False, None),
        (D - timedelta(days=14), False, None),  # exactly two weeks: still within
        (D - timedelta(days=15), True, D),  # first day in breach
        (D - timedelta(days=21), True, D - timedelta(days=6)),  # three weeks: in breach for a week
        (date(2026, 11, 25), False, None),  # across a month boundary
        (date(2026, 12, 30), False, None),  # recorded ahead: never a breach
    ],
)
def test_update_rule_around_two_weeks(last_post, breach, since):
    found = rules.update_breach(D, last_post, START, 14)
    assert (found is not None) is breach
    if breach:
        assert found.rule == rules.UPDATE
        assert found.since == since
        assert f"已{(D - last_post).days}天未更新" in found.detail


@pytest.mark.parametrize(
    ("today", "breach"),
    [
        (date(2026, 12, 31) + timedelta(days=14), False),  # across the year: 14 days after 12-31
        (date(2026, 12, 31) + timedelta(days=15), True),
    ],
)
def test_update_rule_across_the_year(today, breach):
    assert (rules.update_breach(today, date(2026, 12, 31), START, 14) is not None) is breach


@pytest.mark.parametrize(
    ("active_since", "breach"),
    [(D - timedelta(days=14), False), (D - timedelta(days=15), True)],
)
def test_an_account_that_never_posted_is_judged_from_its_start(active_since, breach):
    found = rules.update_breach(D, None, active_since, 14)
    assert (found is not None) is breach
    if breach:
        assert "开始运营以来未发布信息" in found.detail


@pytest.mark.parametrize("stale_days", [7, 30])
def test_the_period_is_configurable(stale_days):
    assert rules.update_breach(D, D - timedelta(days=stale_days), START, stale_days) is None
    assert rules.update_breach(D, D - timedelta(days=stale_days + 1), START, stale_days) is not None


def _interaction(last_reply, slow=(), offers=True, active_since=START):
    return rules.interaction_breaches(
        D,
        offers_interaction=offers,
        last_reply=last_reply,
        active_since=active_since,
        slow_replies=list(slow),
        interaction_days=90,
    )


@pytest.mark.parametrize(
    ("last_reply", "slow", "offers", "expected"),
    [
        (D - timedelta(days=10), [], True, []),
        (D - timedelta(days=90), [], True, []),  # exactly 3 months (90 days): still working
        (D - timedelta(days=91), [], True, [rules.INTERACTION]),
        (None, [], True, [rules.INTERACTION]),  # in operation since January, never answered
        (None, [], False, []),  # no interaction offered: nothing to answer
        # answered after exactly 90 days: within; after 91: a breach for a year
        (D - timedelta(days=5), [(D - timedelta(days=95), D - timedelta(days=5))], True, []),
        (D - timedelta(days=5), [(D - timedelta(days=96), D - timedelta(days=5))], True, [rules.SLOW_REPLY]),
        # a slow answer older than a year no longer counts
        (D - timedelta(days=5), [(D - timedelta(days=500), D - timedelta(days=366))], True, []),
        (D - timedelta(days=100), [(D - timedelta(days=200), D - timedelta(days=100))], True,
         [rules.INTERACTION, rules.SLOW_REPLY]),
    ],
)  # fmt: skip
def test_interaction_rule(last_reply, slow, offers, expected):
    assert [b.rule for b in _interaction(last_reply, slow, offers)] == expected


def test_a_new_account_has_three_months_before_its_first_reply_is_due():
    assert _interaction(None, active_since=D - timedelta(days=90)) == []
    found = _interaction(None, active_since=D - timedelta(days=91))
    assert found[0].detail == f"开通互动功能，自{D - timedelta(days=91):%Y-%m-%d}以来没有互动回复"


def test_slow_reply_names_the_longest_wait():
    slow = [(date(2026, 5, 1), date(2026, 8, 15)), (date(2026, 6, 1), date(2026, 9, 10))]
    (found,) = _interaction(D - timedelta(days=3), slow)
    assert found.detail == "近一年有2条网民留言超过90天才答复（最长106天，2026-05-01提问）"
    assert found.since == date(2026, 8, 15)
