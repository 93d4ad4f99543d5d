"""The grade an event's signals propose, and the hours its grade allows (RULES.md §7). Pure: no Django
model, no database; the thresholds come in as a `Rules` value (`rules_from_settings()` reads them).

Each signal earns points from a table — the heat percentile among the owner's recent events, the
growth of the last day over the day before, the negative share, the sensitive categories hit, the
highest level of the agencies involved — and the sum picks the grade of the first threshold it
reaches. The reasons list says, in Chinese, where every point came from, so an analyst who confirms
or changes the grade sees why it was proposed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SPECIAL, MAJOR, LARGE, GENERAL = "1", "2", "3", "4"
GRADE_NAMES = {SPECIAL: "特别重大", MAJOR: "重大", LARGE: "较大", GENERAL: "一般"}
GRADE_COLOURS = {SPECIAL: "红", MAJOR: "橙", LARGE: "黄", GENERAL: "蓝"}
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）"}
LEVEL_ORDER = ("township", "county", "city", "province")


@dataclass(frozen=True)
class Rules:
    heat_percentile: Sequence[tuple[float, int]]
    growth: Sequence[tuple[float, int]]
    negative_share: Sequence[tuple[float, int]]
    level: Mapping[str, int]
    sensitive: Mapping[str, tuple[int, Sequence[str]]]
    sensitive_max: int
    thresholds: Sequence[tuple[int, str]]
    major_hours: int = 5
    conference_hours: int = 24
    other_hours: int = 48


@dataclass(frozen=True)
class Facts:
    """What the rules look at, gathered from the event by the caller."""

    heat_percentile: float = 0.0  # 0–100 among the owner's events of the last 30 days
    growth: float = 0.0  # posts of the last 24 hours over those of the 24 hours before
    negative_share: float = 0.0  # 0–1
    text: str = ""  # title, keywords and post titles, searched for sensitive words
    level: str = ""  # the highest level of the agencies involved (Level values)


@dataclass(frozen=True)
class Proposal:
    grade: str
    score: int
    reasons: list[str] = field(default_factory=list)


def _points(value: float, table: Iterable[tuple[float, int]]) -> int:
    """The points of the first (highest) step `value` reaches; the table is in descending order."""
    for bound, points in sorted(table, key=lambda row: -row[0]):
        if value >= bound:
            return points
    return 0


def sensitive_hits(text: str, categories: Mapping[str, tuple[int, Sequence[str]]]) -> dict[str, str]:
    """The categories `text` hits, each with the first word that hit it."""
    hits = {}
    for name, (_weight, words) in categories.items():
        word = next((w for w in words if w and w in text), None)
        if word is not None:
            hits[name] = word
    return hits


def highest_level(levels: Iterable[str]) -> str:
    known = [lv for lv in levels if lv in LEVEL_ORDER]
    return max(known, key=LEVEL_ORDER.index) if known else ""


def propose(facts: Facts, rules: Rules) -> Proposal:
    score, reasons = 0, []

    def add(points: int, reason: str) -> None:
        nonlocal score
        if points:
            score += points
            reasons.append(f"{reason}（+{points}）")

    add(
        _points(facts.heat_percentile, rules.heat_percentile),
        f"热度高于{facts.heat_percentile:.0f}%的近期事件",
    )
    add(_points(facts.growth, rules.growth), f"24小时增长{facts.growth:.1f}倍")
    add(_points(facts.negative_share, rules.negative_share), f"负面占比{facts.negative_share:.0%}")
    hits = sensitive_hits(facts.text, rules.sensitive)
    if hits:
        points = min(rules.sensitive_max, sum(rules.sensitive[name][0] for name in hits))
        add(points, "涉及敏感类别：" + "、".join(f"{name}（“{word}”）" for name, word in hits.items()))
    if facts.level:
        add(rules.level.get(facts.level, 0), f"涉及{LEVEL_NAMES.get(facts.level, facts.level)}机关")
    grade = next((g for bound, g in sorted(rules.thresholds, key=lambda r: -r[0]) if score >= bound), GENERAL)
    return Proposal(grade, score, reasons)


def response_hours(grade: str, rules: Rules) -> int:
    """Hours from first appearance to the authoritative response a grade allows."""
    return rules.major_hours if grade in (SPECIAL, MAJOR) else rules.other_hours


def needs_conference(grade: str) -> bool:
    """A major event (特别重大、重大) also needs a press conference within the conference hours."""
    return grade in (SPECIAL, MAJOR)


def deadline(first_seen_at: datetime, grade: str, rules: Rules) -> datetime:
    """Wall-clock hours, not working days: nights and holidays count."""
    return first_seen_at + timedelta(hours=response_hours(grade, rules))


def conference_deadline(first_seen_at: datetime, rules: Rules) -> datetime:
    return first_seen_at + timedelta(hours=rules.conference_hours)


def rules_from_settings() -> Rules:
    from django.conf import settings

    points = settings.GONGKAI_OPINION_GRADE_POINTS
    return Rules(
        heat_percentile=points["heat_percentile"],
        growth=points["growth"],
        negative_share=points["negative_share"],
        level=points["level"],
        sensitive=settings.GONGKAI_OPINION_SENSITIVE,
        sensitive_max=points["sensitive_max"],
        thresholds=settings.GONGKAI_OPINION_GRADE_THRESHOLDS,
        major_hours=settings.GONGKAI_OPINION_MAJOR_RESPONSE_HOURS,
        conference_hours=settings.GONGKAI_OPINION_CONFERENCE_HOURS,
        other_hours=settings.GONGKAI_OPINION_RESPONSE_HOURS,
    )
