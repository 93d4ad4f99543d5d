"""Check digits of the identifiers Chinese government records carry.

Pure functions, no Django: the unified social credit code (GB 32100-2015, with the
organisation code inside it, GB 11714-1997), the resident identity number (GB 11643-1999) and
bank card numbers (Luhn, ISO/IEC 7812). Hand-written because no maintained package validates
the first two, and each is a dozen lines.
"""

from __future__ import annotations

import datetime as dt

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code whose first 17 are given."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def organisation_code_check_char(first8: str) -> str:
    """The check character of a GB 11714 organisation code (positions 9–17 of a credit code)."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid unified social credit code, in Chinese, or None if it is."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位"
    bad = sorted({c for c in code if c not in CREDIT_CODE_CHARSET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用I、O、S、V、Z）"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3至8位应为登记管理机关行政区划码（数字）"
    if code[17] != credit_code_check_char(code[:17]):
        return f"统一社会信用代码校验位错误：第18位应为{credit_code_check_char(code[:17])}，实为{code[17]}"
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None


def make_credit_code(first17: str) -> str:
    """Complete a 17-character stem with its check character (used by the demo and tests)."""
    return first17 + credit_code_check_char(first17)


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_problem(number: str) -> str | None:
    """Why `number` is not a valid 18-digit resident identity number, in Chinese, or None."""
    number = (number or "").strip().upper()
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "身份证号码应为18位，前17位为数字，最后一位为数字或X"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号码中的出生日期无效"
    if born.year < 1900:
        return "身份证号码中的出生日期无效"
    if number[17] != resident_id_check_char(number[:17]):
        return "身份证号码校验位错误，请核对"
    return None


def is_valid_resident_id(number: str) -> bool:
    return resident_id_problem(number) is None


def make_resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by bank card numbers."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
