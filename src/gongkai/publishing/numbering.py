"""索引号 from a pattern (RULES.md §5): default ``{credit_code}/{YYYY}-{NNNNN}``."""

from __future__ import annotations

import re

DEFAULT_PATTERN = "{credit_code}/{YYYY}-{NNNNN}"
_SEQ_RE = re.compile(r"\{(N+)\}")
_KNOWN_RE = re.compile(r"\{(credit_code|YYYY|N+)\}")


def pattern_problem(pattern: str) -> str | None:
    """A Chinese message when `pattern` cannot give unique numbers, else None."""
    if len(_SEQ_RE.findall(pattern)) != 1:
        return "索引号格式必须包含一个流水号占位符，如 {NNNNN}"
    if "{YYYY}" not in pattern:
        return "索引号格式必须包含年份占位符 {YYYY}（流水号按年重新起算）"
    leftover = _KNOWN_RE.sub("", pattern)
    if "{" in leftover or "}" in leftover:
        return "索引号格式中有无法识别的占位符；可用 {credit_code}、{YYYY}、{NNNNN}"
    return None


def format_index_number(pattern: str, *, credit_code: str, year: int, seq: int) -> str:
    def seq_text(match: re.Match[str]) -> str:
        return f"{seq:0{len(match.group(1))}d}"

    out = pattern.replace("{credit_code}", credit_code).replace("{YYYY}", f"{year:04d}")
    return _SEQ_RE.sub(seq_text, out)
