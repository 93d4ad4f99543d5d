"""Check digits of the identifiers Chinese government records carry.

Pure functions, no Django: the unified social credit code (GB 32100-2015, with the
organisation code inside it, GB 11714-1997), the resident identity number (GB 11643-1999) and
bank card numbers (Luhn, ISO/IEC 7812). Hand-written because no maintained package validates
the first two, and each is a dozen lines. Also the other identity documents of natural persons,
phone numbers, and the invisible characters removed from every text a citizen types.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

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


# ---------------------------------------------------------------- identity documents of natural persons
#
# The formats, with where they come from:
# - 居民身份证: 18 characters, GB 11643-1999 (birth date + check digit above).
# - 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macao) + 8 digits on the card issued since
#   2013 (公安部出入境管理局, 2012年第2号公告 on the new card); the booklet before it had H/M + 10 digits.
# - 台湾居民来往大陆通行证 (台胞证): 8 digits on the card issued since 2015 (公安部 2015 announcement
#   of the electronic card); the earlier booklet had 10 characters, digits with letters.
# - 港澳台居民居住证: 18 digits like a 身份证, address code 810000 (香港), 820000 (澳门) or 830000
#   (台湾), with the GB 11643 check digit (国务院办公厅《港澳台居民居住证申领发放办法》, 2018).
# - 外国人永久居留身份证: the 2017 card has 15 characters, 3 letters (nationality, ISO 3166) and
#   12 digits; the 2023 card has 18 digits starting with 9, with the GB 11643 check digit
#   (国家移民管理局 2023年第7号公告).
# - 护照 (any country, ICAO Doc 9303 allows up to 9 characters in the MRZ, national numbers vary):
#   5 to 17 letters and digits.
RESIDENCE_PERMIT_PREFIXES = ("810000", "820000", "830000")
_HK_MACAO_PERMIT = re.compile(r"^[HM](\d{8}|\d{10})$")
_TAIWAN_PERMIT = re.compile(r"^(\d{8}|(?=[0-9A-Z]*\d)[0-9A-Z]{10})$")
_FOREIGNER_2017 = re.compile(r"^[A-Z]{3}\d{12}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{5,17}$")


class IdType:
    """The identity documents a natural person may show (codes stored with the applicant)."""

    RESIDENT_ID = "resident_id"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    RESIDENCE_PERMIT = "residence_permit"
    FOREIGNER_PERMANENT = "foreigner_permanent"
    PASSPORT = "passport"


ID_TYPE_LABELS = {
    IdType.RESIDENT_ID: "居民身份证",
    IdType.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    IdType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    IdType.RESIDENCE_PERMIT: "港澳台居民居住证",
    IdType.FOREIGNER_PERMANENT: "外国人永久居留身份证",
    IdType.PASSPORT: "护照",
}


def normalise_identity(number: str) -> str:
    """Upper case, without spaces, brackets and hyphens people type into document numbers."""
    return re.sub(r"[\s()（）\-]", "", unicodedata.normalize("NFKC", number or "")).upper()


def _check_digit_ok(number: str) -> bool:
    return (
        len(number) == 18
        and number[:17].isdigit()
        and number[17] in "0123456789X"
        and number[17] == resident_id_check_char(number[:17])
    )


def identity_document_problem(id_type: str, number: str) -> str | None:
    """Why `number` is not a valid number of the document `id_type`, in Chinese, or None."""
    number = normalise_identity(number)
    label = ID_TYPE_LABELS.get(id_type)
    if label is None:
        return "请选择身份证明文件类型"
    if not number:
        return f"请填写{label}号码"
    if id_type == IdType.RESIDENT_ID:
        return resident_id_problem(number)
    if id_type == IdType.HK_MACAO_PERMIT:
        if not _HK_MACAO_PERMIT.match(number):
            return "港澳居民来往内地通行证号码应为H或M加8位数字（旧版为H或M加10位数字）"
    elif id_type == IdType.TAIWAN_PERMIT:
        if not _TAIWAN_PERMIT.match(number):
            return "台湾居民来往大陆通行证号码应为8位数字（旧版为10位数字和字母）"
    elif id_type == IdType.RESIDENCE_PERMIT:
        if len(number) != 18 or not number.startswith(RESIDENCE_PERMIT_PREFIXES):
            return "港澳台居民居住证号码应为18位，以810000、820000或830000开头"
        if resident_id_problem(number):
            return "港澳台居民居住证号码校验位或出生日期错误，请核对"
    elif id_type == IdType.FOREIGNER_PERMANENT:
        if _FOREIGNER_2017.match(number):
            return None
        if len(number) == 18 and number.startswith("9"):
            return None if _check_digit_ok(number) else "外国人永久居留身份证号码校验位错误，请核对"
        return "外国人永久居留身份证号码应为15位（3位字母加12位数字）或以9开头的18位数字"
    elif id_type == IdType.PASSPORT:
        if not _PASSPORT.match(number):
            return "护照号码应为5至17位字母或数字"
    return None


# ---------------------------------------------------------------- phone numbers

# A mainland mobile number (11 digits starting 13–19, 工业和信息化部《电信网编号计划》), optionally
# with +86; or a landline with its area code: 010 and 02X take 8-digit numbers, the 0XXX codes
# 7 or 8 digits.
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(?:0(?:10|2\d)-?\d{8}|0[3-9]\d{2}-?\d{7,8})$")


def normalise_phone(phone: str) -> str:
    return re.sub(r"[\s()（）]", "", unicodedata.normalize("NFKC", phone or ""))


def phone_problem(phone: str) -> str | None:
    """Why `phone` is not a mobile number or a landline with area code, in Chinese, or None."""
    compact = normalise_phone(phone)
    if _MOBILE.match(compact.replace("-", "")) or _LANDLINE.match(compact):
        return None
    return "联系电话应为11位手机号码，或带区号的固定电话（如 0531-88886666）"


def mobile_number(phone: str) -> str:
    """The 11-digit mobile number in `phone` (without +86), or "" for a landline or anything else."""
    compact = normalise_phone(phone).replace("-", "")
    if not _MOBILE.match(compact):
        return ""
    return compact[-11:]


# ---------------------------------------------------------------- text a citizen types

# Bidirectional controls (a name like “scan\u202efdp.exe” shows as “scanexe.pdf”) and zero-width
# characters (invisible, they make equal texts differ); other control characters but tab and newline.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


def clean_text(text: str, *, compatibility: bool = False) -> str:
    """`text` without bidi controls, zero-width and control characters, in Unicode NFC.

    `compatibility=True` applies NFKC (full-width letters and digits become ASCII): right for
    identifiers and file names, wrong for Chinese prose, where NFKC would turn ，：（） into ASCII.
    """
    text = unicodedata.normalize("NFKC" if compatibility else "NFC", text or "")
    return _INVISIBLE.sub("", text.replace("\r\n", "\n"))
