"""The arithmetic of 考核评议: an indicator's rule turns a raw figure into points. Pure, no database.

A rule gives `weight` points at or beyond `full_at`, none at or before `zero_at`, and a straight line
between. "Higher is better" rules have full_at > zero_at, "lower is better" ones full_at < zero_at,
so one formula serves both: points = weight × clamp((raw − zero_at) / (full_at − zero_at), 0, 1).

The raw figure is one metric's value, or the ratio of two (numerator / denominator × 100, in %).
A figure the metric does not give for an agency (no business in the period: no applications, no
conference required) scores by the rule's `no_data` choice: full marks (nothing to fault) or none.
An indicator whose metric is not registered in this installation scores nothing and says so
(指标数据暂缺); it never stops the assessment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HIGHER = "higher"
LOWER = "lower"
NO_DATA_FULL = "full"
NO_DATA_ZERO = "zero"
TOTAL_WEIGHT = Decimal(100)
CENT = Decimal("0.01")

OK = "ok"
NO_DATA = "no_data"
MISSING = "missing"  # the metric is not registered (or failed): 指标数据暂缺
STATUS_LABELS = {OK: "", NO_DATA: "本期无数据", MISSING: "指标数据暂缺"}


@dataclass(frozen=True)
class Rule:
    label: str
    metric: str
    weight: Decimal
    direction: str
    full_at: Decimal
    zero_at: Decimal
    denominator: str = ""
    no_data: str = NO_DATA_FULL

    @property
    def is_ratio(self) -> bool:
        return bool(self.denominator)

    @property
    def weight_text(self) -> str:
        return fmt_number(self.weight)

    @property
    def unit(self) -> str:
        return "%" if self.is_ratio or self.metric.endswith("_pct") else ""

    def describe(self) -> str:
        """The rule in words, as the public scorecard states it."""
        u = self.unit
        full, zero = fmt_number(self.full_at), fmt_number(self.zero_at)
        if self.direction == HIGHER:
            text = (
                f"达到{full}{u}及以上得满分{fmt_number(self.weight)}分，{zero}{u}及以下不得分，其间按比例计分"
            )
        else:
            text = (
                f"不超过{full}{u}得满分{fmt_number(self.weight)}分，达到{zero}{u}及以上不得分，其间按比例计分"
            )
        nodata = "本期无数据的得满分" if self.no_data == NO_DATA_FULL else "本期无数据的不得分"
        return f"{text}；{nodata}"

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("weight", "full_at", "zero_at"):
            d[k] = str(d[k])
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> Rule:
        return cls(
            label=d["label"],
            metric=d["metric"],
            weight=Decimal(str(d["weight"])),
            direction=d["direction"],
            full_at=Decimal(str(d["full_at"])),
            zero_at=Decimal(str(d["zero_at"])),
            denominator=d.get("denominator", ""),
            no_data=d.get("no_data", NO_DATA_FULL),
        )


@dataclass(frozen=True)
class Result:
    raw: Decimal | None
    points: Decimal
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def number(value) -> Decimal | None:
    """A metric's value as a Decimal, or None when it is no number (None, a table, NaN)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal | str):
        try:
            d = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return None
        return d if d.is_finite() else None
    return None


def raw_value(rule: Rule, numerator, denominator=None) -> Decimal | None:
    """The figure a rule scores: the metric's value, or numerator / denominator in % (None when the
    denominator is zero or missing)."""
    num = number(numerator)
    if not rule.is_ratio:
        return num
    den = number(denominator)
    if num is None or den is None or den == 0:
        return None
    return (num * 100 / den).quantize(CENT, ROUND_HALF_UP)


def points(rule: Rule, raw: Decimal | None) -> Decimal:
    if raw is None:
        return rule.weight if rule.no_data == NO_DATA_FULL else Decimal(0)
    span = rule.full_at - rule.zero_at
    share = (raw - rule.zero_at) / span
    share = min(max(share, Decimal(0)), Decimal(1))
    # "+ 0" turns the -0 of a lower-is-better rule at its zero line into 0
    return (rule.weight * share).quantize(CENT, ROUND_HALF_UP) + Decimal(0)


def score(rule: Rule, raw: Decimal | None, *, available: bool = True) -> Result:
    """The points of one agency on one indicator; `available` is False when the metric is missing."""
    if not available:
        return Result(None, Decimal(0), MISSING)
    return Result(raw, points(rule, raw), OK if raw is not None else NO_DATA)


def rank(totals: Iterable[tuple[int, Decimal]]) -> dict[int, int]:
    """Competition ranking (1, 1, 3) of (key, total) pairs given in their tie-break order."""
    ordered = sorted(enumerate(totals), key=lambda p: (-p[1][1], p[0]))
    ranks: dict[int, int] = {}
    previous, current = None, 0
    for position, (_i, (key, total)) in enumerate(ordered, start=1):
        if total != previous:
            current, previous = position, total
        ranks[key] = current
    return ranks


def check_rules(rules: list[Rule]) -> list[str]:
    """Every problem of a scheme's indicators, in Chinese (empty when the scheme may be used)."""
    errors: list[str] = []
    if not rules:
        return ["考核方案至少要有一项指标"]
    seen: set[str] = set()
    for i, r in enumerate(rules, start=1):
        name = f"第{i}项指标（{r.label or '未命名'}）"
        if not r.label.strip():
            errors.append(f"第{i}项指标缺少名称")
        elif r.label in seen:
            errors.append(f"{name}与前面的指标重名")
        seen.add(r.label)
        if not r.metric:
            errors.append(f"{name}没有选择数据来源")
        if r.weight <= 0:
            errors.append(f"{name}的分值应大于0")
        if r.direction not in (HIGHER, LOWER):
            errors.append(f"{name}的计分方向无效")
        elif r.full_at == r.zero_at:
            errors.append(f"{name}的满分线和零分线不能相同")
        elif r.direction == HIGHER and r.full_at < r.zero_at:
            errors.append(
                f"{name}为“越高越好”，满分线（{fmt_number(r.full_at)}）应高于零分线（{fmt_number(r.zero_at)}）"
            )
        elif r.direction == LOWER and r.full_at > r.zero_at:
            errors.append(
                f"{name}为“越低越好”，满分线（{fmt_number(r.full_at)}）应低于零分线（{fmt_number(r.zero_at)}）"
            )
        if r.denominator and r.denominator == r.metric:
            errors.append(f"{name}的分子和分母是同一项数据")
        if r.no_data not in (NO_DATA_FULL, NO_DATA_ZERO):
            errors.append(f"{name}的无数据计分方式无效")
    total = sum((r.weight for r in rules), Decimal(0))
    if total != TOTAL_WEIGHT:
        errors.append(f"各项指标分值合计应为100分，现为{fmt_number(total)}分")
    return errors


def fmt_number(value: Decimal) -> str:
    """12.50 → 12.5, 100.00 → 100."""
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    return text
