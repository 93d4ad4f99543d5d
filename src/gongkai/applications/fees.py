"""Information processing fee (信息处理费) — 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).

条例第四十二条: applications are free unless their number or frequency clearly exceeds a
reasonable range. The 办法 charges in one of two ways, both 超额累进 (progressive):

- 按件计收: the n-th application of the same applicant in a calendar month; 1–10 free,
  11–30 100 元 each, and from 31 on every further block of 10 costs 100 元 more each.
- 按量计收: the pages of one application; 1–30 free, 31–100 at 10 元/page, 101–200 at 20 元/page,
  201 and above at 40 元/page, each page at the price of its own band.

Provinces may set their own figures, so the tiers are a `FeeTiers` value the deployment
configures; the defaults are the national ones. Pure functions, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FEE_BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
REGULATION_42 = "《中华人民共和国政府信息公开条例》第四十二条"


@dataclass(frozen=True)
class Band:
    """Counts `first`..`last` (inclusive; `last` None = no upper bound) cost `price` each."""

    first: int
    last: int | None
    price: Decimal

    def size_up_to(self, count: int) -> int:
        """How many of the first `count` units fall into this band."""
        top = count if self.last is None else min(count, self.last)
        return max(0, top - self.first + 1)

    def span(self, unit: str) -> str:
        """The band as the 办法 writes it: 30页以下（含30页）, 31—100页（含100页）, 201页以上."""
        if self.last is None:
            return f"{self.first}{unit}以上"
        if self.first == 1:
            return f"{self.last}{unit}以下（含{self.last}{unit}）"
        return f"{self.first}—{self.last}{unit}（含{self.last}{unit}）"


def _d(value: int | str) -> Decimal:
    return Decimal(value)


@dataclass(frozen=True)
class FeeTiers:
    """The fee table a deployment uses (defaults: 国办函〔2020〕109号).

    `application_bands` covers the first applications of a month; after the last band every
    further `application_block` applications cost `application_step` more each.
    `volume_bands` must end with an open band (last=None).
    """

    application_bands: tuple[Band, ...] = (
        Band(1, 10, _d(0)),
        Band(11, 30, _d(100)),
    )
    application_block: int = 10
    application_step: Decimal = field(default_factory=lambda: _d(100))
    volume_bands: tuple[Band, ...] = (
        Band(1, 30, _d(0)),
        Band(31, 100, _d(10)),
        Band(101, 200, _d(20)),
        Band(201, None, _d(40)),
    )

    def __post_init__(self) -> None:
        for name in ("application_bands", "volume_bands"):
            problem = _bands_problem(getattr(self, name))
            if problem:
                raise ValueError(f"信息处理费标准配置有误（{name}）：{problem}")
        if self.volume_bands[-1].last is not None:
            raise ValueError("信息处理费标准配置有误（volume_bands）：最后一档应不设上限")
        if self.application_block < 1:
            raise ValueError("信息处理费标准配置有误：按件计收的档距应为正整数")


def _bands_problem(bands: tuple[Band, ...]) -> str | None:
    expected_first = 1
    for band in bands:
        if band.first != expected_first:
            return f"第{expected_first}件（页）起的档位缺失或重叠"
        if band.last is not None and band.last < band.first:
            return f"档位{band.first}—{band.last}的上限小于下限"
        if band.price < 0:
            return "收费标准不能为负数"
        if band.last is None:
            return None if band is bands[-1] else "不设上限的档位之后不能再有档位"
        expected_first = band.last + 1
    return None if bands else "至少应有一档"


DEFAULT_FEE_TIERS = FeeTiers()


def _require_positive(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{what}应为正整数，当前为{value!r}")


def application_band(nth_in_month: int, tiers: FeeTiers = DEFAULT_FEE_TIERS) -> Band:
    """The band the `nth_in_month` application of an applicant falls into (按件计收)."""
    _require_positive(nth_in_month, "本月申请的序号")
    for band in tiers.application_bands:
        if band.last is None or nth_in_month <= band.last:
            return band
    last = tiers.application_bands[-1]
    assert last.last is not None  # an open last band would have matched above
    block = (nth_in_month - last.last - 1) // tiers.application_block
    first = last.last + 1 + block * tiers.application_block
    price = last.price + tiers.application_step * (block + 1)
    return Band(first, first + tiers.application_block - 1, price)


def fee_per_application(nth_in_month: int, *, tiers: FeeTiers = DEFAULT_FEE_TIERS) -> Decimal:
    """Fee for the `nth_in_month` application of one applicant in a calendar month (按件计收)."""
    return application_band(nth_in_month, tiers).price


def volume_breakdown(pages: int, *, tiers: FeeTiers = DEFAULT_FEE_TIERS) -> list[tuple[Band, int]]:
    """The bands `pages` pages pass through and how many pages fall in each (按量计收)."""
    _require_positive(pages, "页数")
    parts = [(band, band.size_up_to(pages)) for band in tiers.volume_bands]
    return [(band, n) for band, n in parts if n > 0]


def fee_by_volume(pages: int, *, tiers: FeeTiers = DEFAULT_FEE_TIERS) -> Decimal:
    """Fee for one application answered with `pages` pages, each page at its own band's price."""
    return sum((band.price * n for band, n in volume_breakdown(pages, tiers=tiers)), Decimal(0))


def _yuan(amount: Decimal) -> str:
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return f"{text}元"


def _price(band: Band, unit: str) -> str:
    return "不收费" if band.price == 0 else f"{_yuan(band.price)}/{unit}"


def _volume_line(band: Band, pages: int) -> str:
    if band.price == 0:
        return f"{pages}页，不收费"
    return f"{pages}页×{_yuan(band.price)}/页={_yuan(band.price * pages)}"


def application_standard(tiers: FeeTiers = DEFAULT_FEE_TIERS) -> str:
    """The 按件计收 standard as the payment notice prints it."""
    parts = [f"{band.span('件')}{_price(band, '件')}" for band in tiers.application_bands]
    after = tiers.application_bands[-1].last
    if after is not None:
        parts.append(
            f"{after + 1}件以上以{tiers.application_block}件为一档，"
            f"每增加一档，收费标准提高{_yuan(tiers.application_step)}/件"
        )
    return "；".join(parts)


def volume_standard(tiers: FeeTiers = DEFAULT_FEE_TIERS) -> str:
    """The 按量计收 standard as the payment notice prints it."""
    return "；".join(f"{band.span('页')}{_price(band, '页')}" for band in tiers.volume_bands)


def fee_explanation(
    *, pages: int | None = None, nth_in_month: int | None = None, tiers: FeeTiers = DEFAULT_FEE_TIERS
) -> list[str]:
    """The lines of the 收费通知书: basis, method, standard, arithmetic and amount.

    Give exactly one of `pages` (按量计收) or `nth_in_month` (按件计收): the 办法 applies one
    method per application.
    """
    if (pages is None) == (nth_in_month is None):
        raise ValueError("请在按件计收与按量计收中选择一种方式（每件申请只适用一种计收方式）")
    lines = [f"收费依据：{REGULATION_42}、{FEE_BASIS}"]
    if pages is not None:
        parts = volume_breakdown(pages, tiers=tiers)
        amount = fee_by_volume(pages, tiers=tiers)
        lines += [
            "计收方式：按量计收（超额累进）",
            f"收费标准：{volume_standard(tiers)}",
            f"计算：共{pages}页",
        ]
        lines += [f"　{band.span('页')}：{_volume_line(band, n)}" for band, n in parts]
    else:
        assert nth_in_month is not None
        band = application_band(nth_in_month, tiers)
        amount = band.price
        lines += [
            "计收方式：按件计收（超额累进）",
            f"收费标准：{application_standard(tiers)}",
            f"计算：本件为申请人本自然月内第{nth_in_month}件申请，适用{band.span('件')}档，{_price(band, '件')}",
        ]
    lines.append(f"收费金额：{_yuan(amount)}（人民币{amount_in_words(amount)}）")
    return lines


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿")


def _four_digits(n: int) -> str:
    """Uppercase of 0 < n < 10000, with inner zeros as 零 and no trailing 零."""
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _DIGITS[d] + _SMALL_UNITS[pos]
        zero = False
    return out


def amount_in_words(amount: Decimal) -> str:
    """Chinese uppercase of a yuan amount as financial documents write it (柒佰贰拾元整)."""
    if amount < 0:
        raise ValueError("金额不能为负数")
    fen_total = int((amount * 100).to_integral_value())
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    text = _yuan_words(yuan) + "元" if yuan else ""
    if not jiao and not fen:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    return text + (_DIGITS[fen] + "分" if fen else "")


def _yuan_words(yuan: int) -> str:
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    out = ""
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        if out and g < 1000:
            out += "零"
        out += _four_digits(g) + _BIG_UNITS[i]
    return out
