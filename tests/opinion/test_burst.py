"""Heat and burst rules (opinion/burst.py), table-driven, without the database."""

import math

import pytest

from gongkai.opinion.burst import BurstRule, burst_hours, fill_hours, post_heat

RULE = BurstRule(alpha=0.3, sigmas=3, growth=3, growth_hours=3, min_posts=5)


@pytest.mark.parametrize(
    ("counts", "expected", "why"),
    [
        ([], [], "no hours"),
        ([0, 0, 0], [], "nothing posted"),
        ([4], [], "below the minimum of posts even with no history"),
        ([5], [0], "a new matter arriving with 5 posts in its first hour"),
        (
            [5, 5, 5],
            [0, 1],
            "the second hour still ≥ 3× the mean of the three hours before (zeros before the start)",
        ),
        ([10] * 8, [0, 1], "steady after its start: no later hour is a burst"),
        ([2, 2, 2, 2, 2, 2, 20], [6], "a jump far above the steady average"),
        ([6] * 12 + [12], [0, 1], "doubling after a flat run: under 3σ (σ at least √mean) and under 3×"),
        ([6] * 12 + [19], [0, 1, 12], "more than mean + 3·√mean after a flat run"),
        ([1, 1, 1, 4, 1, 1], [], "a rise that stays under the minimum of posts"),
        ([3, 3, 3, 3, 3, 3, 3, 9, 30], [7, 8], "3× the previous hours, then above EWMA + 3σ"),
        ([0, 0, 0, 0, 5, 0, 0, 0, 0, 5], [4, 9], "quiet hours between two bursts"),
        ([20, 22, 18, 21, 19, 20, 23, 20, 21, 60], [0, 1, 9], "a noisy plateau, then a jump"),
    ],
)
def test_burst_hours(counts, expected, why):
    assert burst_hours(counts, RULE) == expected, why


@pytest.mark.parametrize(
    ("rule", "counts", "expected"),
    [
        (BurstRule(min_posts=10), [2, 2, 2, 9], []),
        (BurstRule(min_posts=3), [0, 0, 0, 3], [3]),
        (BurstRule(growth=2, sigmas=100), [4, 4, 4, 4, 4, 4, 8], [6]),
        (BurstRule(growth=5, sigmas=100), [4, 4, 4, 4, 4, 4, 8], []),
    ],
)
def test_the_rule_is_configurable(rule, counts, expected):
    assert burst_hours(counts, rule) == expected


@pytest.mark.parametrize(
    ("weight", "likes", "comments", "shares", "expected"),
    [
        (1.0, 0, 0, 0, 1.0),
        (3.0, 0, 0, 0, 3.0),  # 央媒 weighs more than a forum post
        (1.0, 1, 0, 0, 1 + math.log(2)),
        (1.0, 0, 1, 0, 1 + math.log(3)),  # a comment counts twice
        (1.0, 0, 0, 1, 1 + math.log(4)),  # a share three times
        (2.0, 10, 5, 5, 2 * (1 + math.log(36))),
        (1.0, -5, 0, 0, 1.0),  # nonsense counts are ignored
        (0.0, 100, 100, 100, 0.0),  # a muted source adds no heat
    ],
)
def test_post_heat(weight, likes, comments, shares, expected):
    assert post_heat(weight, likes, comments, shares) == pytest.approx(expected)


def test_fill_hours_puts_zeros_in_the_gaps():
    assert fill_hours({10: (2, 3.0), 13: (1, 1.0)}, 10, 13) == [
        (10, 2, 3.0),
        (11, 0, 0.0),
        (12, 0, 0.0),
        (13, 1, 1.0),
    ]
