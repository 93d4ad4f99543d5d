"""Heat and burst of an event, from its posts hour by hour. Pure: no Django.

Heat: each post counts its source's weight (央媒 more than a forum), raised by the interaction it got
— likes, comments and shares on a logarithmic scale, so one viral post does not outweigh a hundred
posts. An event's heat curve is the sum per hour; its heat the sum of the curve.

Burst: an hour is a burst when its number of posts is at least `min_posts` and either lies above the
exponentially weighted moving average of the hours before it by more than `sigmas` standard
deviations (EWMA + 3σ, σ at least √mean as for a Poisson count), or is at least `growth` times the mean of the `growth_hours` hours before it.
The average starts at zero before the event's first hour: a new matter that arrives with many posts
in its first hour is a burst.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def post_heat(weight: float, likes: int = 0, comments: int = 0, shares: int = 0) -> float:
    """One post's contribution to its event's heat: source weight × (1 + ln(1 + interactions)).

    A comment costs the reader more than a like and a share carries the post further, so they
    count two and three times.
    """
    interactions = max(likes, 0) + 2 * max(comments, 0) + 3 * max(shares, 0)
    return max(weight, 0.0) * (1.0 + math.log1p(interactions))


@dataclass(frozen=True)
class BurstRule:
    alpha: float = 0.3  # EWMA smoothing: weight of the newest hour
    sigmas: float = 3.0
    growth: float = 3.0
    growth_hours: int = 3
    min_posts: int = 5


def burst_hours(counts: Sequence[int], rule: BurstRule = BurstRule()) -> list[int]:
    """The indexes of the burst hours in an hourly series of post counts (consecutive hours)."""
    found = []
    mean = var = 0.0
    for i, count in enumerate(counts):
        if count >= rule.min_posts:
            # Counts of posts vary at least as a Poisson count does (σ ≥ √mean): a long flat run
            # must not make any small rise a burst.
            above_ewma = count > mean + rule.sigmas * max(math.sqrt(var), math.sqrt(mean))
            before = counts[max(0, i - rule.growth_hours) : i]
            base = sum(before) / rule.growth_hours
            grew = count >= rule.growth * max(base, 1.0)
            if above_ewma or grew:
                found.append(i)
        # West's incremental EWMA of mean and variance, updated after the test: an hour is compared
        # with the hours before it only.
        diff = count - mean
        incr = rule.alpha * diff
        mean += incr
        var = (1 - rule.alpha) * (var + diff * incr)
    return found


def fill_hours(points: dict[int, tuple[int, float]], first: int, last: int) -> list[tuple[int, int, float]]:
    """Hourly points keyed by an hour number (hours since the epoch) as a gap-free series from `first`
    to `last` inclusive: (hour, posts, heat), zeros for hours without posts."""
    return [(h, *points.get(h, (0, 0.0))) for h in range(first, last + 1)]
