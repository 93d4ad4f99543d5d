"""screen() and redact(): personal data, secrecy marks and forbidden words before publication."""

from __future__ import annotations

import pytest

from gongkai.common.identifiers import luhn_ok, make_resident_id
from gongkai.ingest.screening import DEFAULT_FORBIDDEN_WORDS, redact, screen

VALID_ID = make_resident_id("11010519491231002")  # 11010519491231002X
BROKEN_ID = VALID_ID[:-1] + ("1" if VALID_ID[-1] != "1" else "2")


def make_card(stem: str) -> str:
    """Complete a card number with its Luhn check digit."""
    return next(stem + d for d in "0123456789" if luhn_ok(stem + d))


CARD = make_card("622202123456789012")  # 19 digits
BAD_CARD = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)


def kinds(text: str, forbidden=()) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in screen(text, forbidden)]


def test_seeds_have_nothing_to_redact(seed):
    for name in ("000", "001", "002", "003"):
        assert screen(seed(name), DEFAULT_FORBIDDEN_WORDS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号{VALID_ID}。", [("resident_id", VALID_ID)]),
        (f"身份证号{VALID_ID.lower()}。", [("resident_id", VALID_ID.lower())]),
        (f"身份证号{BROKEN_ID}。", []),  # check digit fails: not an ID number
        (f"编号9{VALID_ID}。", []),  # inside a longer run of digits
        (f"编号{VALID_ID}7。", []),
        (f"生日错误{make_resident_id('11010519491341002')}", []),  # month 13
    ],
)
def test_resident_ids(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13812345678。", [("mobile", "13812345678")]),
        ("电话+86 13812345678", [("mobile", "+86 13812345678")]),
        ("电话8613812345678", [("mobile", "8613812345678")]),
        ("电话138-1234-5678", [("mobile", "138-1234-5678")]),
        ("电话12812345678", []),  # no mainland mobile starts 12
        ("编号913812345678", []),  # twelve digits: part of something longer
        ("投诉电话8212345", []),
    ],
)
def test_mobiles(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"卡号{CARD}", [("bank_card", CARD)]),
        (f"卡号{CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}", "grouped"),
        (f"卡号{BAD_CARD}", []),  # Luhn fails
    ],
)
def test_bank_cards(text, expected):
    if expected == "grouped":
        (finding,) = screen(text)
        assert finding.kind == "bank_card" and finding.suggestion == CARD[:6] + "*" * 9 + CARD[-4:]
    else:
        assert kinds(text) == expected


def test_id_number_is_not_also_a_card_or_mobile():
    assert kinds(f"{VALID_ID}") == [("resident_id", VALID_ID)]


def test_email():
    assert kinds("来信请寄 zhang.san@example.com 谢谢") == [("email", "zhang.san@example.com")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("秘密★1年\n关于某事项的通知", [("secrecy_mark", "秘密★1年")]),
        ("机密★长期\n特急", [("secrecy_mark", "机密★长期")]),
        ("绝密★启用前", [("secrecy_mark", "绝密★启用前")]),
        ("机密\n国务院办公厅文件", [("secrecy_mark", "机密")]),
        ("内部资料\n会议纪要", [("secrecy_mark", "内部资料")]),
        ("【内部】\n情况通报", [("secrecy_mark", "内部")]),
        ("不得公开\n", [("secrecy_mark", "不得公开")]),
        ("要严格保守国家秘密，不得泄露。", []),
        ("工作人员要保守秘密，内部管理要规范。", []),
        ("涉及商业秘密的信息不得公开。", []),
    ],
)
def test_secrecy_marks(text, expected):
    assert kinds(text) == expected


def test_forbidden_words_from_the_list_and_the_default_seed():
    text = "欢迎光临澳门赌场，六合彩开奖。"
    assert kinds(text, DEFAULT_FORBIDDEN_WORDS) == [
        ("forbidden_word", "澳门赌场"),
        ("forbidden_word", "六合彩"),
    ]
    assert kinds("某某违规词出现", ["违规词", ""]) == [("forbidden_word", "违规词")]
    assert kinds("Casino here", ["casino"]) == [("forbidden_word", "Casino")]


def test_offsets_point_into_the_text():
    text = f"申请人李四，身份证{VALID_ID}，手机13912345678，邮箱lisi@example.com。"
    for finding in screen(text):
        assert text[finding.start : finding.end] == finding.text


def test_redact_applies_suggestions():
    text = f"身份证{VALID_ID}，手机13812345678，卡{CARD}，邮箱lisi@example.com\n秘密★1年\n赌场官网"
    assert redact(text, screen(text, ["赌场官网"])) == (
        f"身份证110105********002X，手机138****5678，卡{CARD[:6]}{'*' * 9}{CARD[-4:]}，邮箱l***@example.com\n"
        "■■■■■\n■■■■"
    )
