"""Fee tiers of 国办函〔2020〕109号 (RULES.md §4), at every boundary."""

from decimal import Decimal

import pytest

from gongkai.applications.fees import (
    Band,
    FeeTiers,
    amount_in_words,
    fee_by_volume,
    fee_explanation,
    fee_per_application,
)


@pytest.mark.parametrize(
    ("nth", "fee"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (60, 400),
        (61, 500),
        (101, 900),
    ],
)
def test_fee_per_application(nth, fee):
    assert fee_per_application(nth) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),  # 70×10 + 1×20
        (200, 2700),  # 70×10 + 100×20
        (201, 2740),  # 2700 + 1×40
        (250, 4700),
    ],
)
def test_fee_by_volume_is_progressive(pages, fee):
    assert fee_by_volume(pages) == Decimal(fee)


@pytest.mark.parametrize("bad", [0, -1, -30])
def test_pages_must_be_positive(bad):
    with pytest.raises(ValueError, match="页数应为正整数"):
        fee_by_volume(bad)


@pytest.mark.parametrize("bad", [0, -1])
def test_application_number_must_be_positive(bad):
    with pytest.raises(ValueError, match="序号应为正整数"):
        fee_per_application(bad)


def test_a_deployment_sets_its_own_tiers():
    tiers = FeeTiers(
        application_bands=(Band(1, 20, Decimal(0)), Band(21, 40, Decimal(50))),
        application_block=20,
        application_step=Decimal(50),
        volume_bands=(Band(1, 50, Decimal(0)), Band(51, None, Decimal("0.5"))),
    )
    assert fee_per_application(20, tiers=tiers) == 0
    assert fee_per_application(40, tiers=tiers) == 50
    assert fee_per_application(41, tiers=tiers) == 100
    assert fee_per_application(61, tiers=tiers) == 150
    assert fee_by_volume(60, tiers=tiers) == Decimal(5)


@pytest.mark.parametrize(
    "bands",
    [
        (Band(1, 30, Decimal(0)), Band(40, None, Decimal(10))),  # gap
        (Band(1, 30, Decimal(0)), Band(31, 100, Decimal(10))),  # no open band
        (Band(1, 30, Decimal(-1)), Band(31, None, Decimal(10))),  # negative price
    ],
)
def test_broken_tier_tables_are_refused(bands):
    with pytest.raises(ValueError, match="信息处理费标准配置有误"):
        FeeTiers(volume_bands=bands)


def test_explanation_by_volume():
    lines = fee_explanation(pages=101)
    assert lines[0] == (
        "收费依据：《中华人民共和国政府信息公开条例》第四十二条、"
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    )
    assert "计收方式：按量计收（超额累进）" in lines
    assert "　31—100页（含100页）：70页×10元/页=700元" in lines
    assert "　101—200页（含200页）：1页×20元/页=20元" in lines
    assert lines[-1] == "收费金额：720元（人民币柒佰贰拾元整）"


def test_explanation_per_application():
    lines = fee_explanation(nth_in_month=45)
    assert any("第45件" in line and "41—50件（含50件）" in line for line in lines)
    assert lines[-1] == "收费金额：300元（人民币叁佰元整）"


def test_explanation_needs_exactly_one_method():
    with pytest.raises(ValueError, match="选择一种方式"):
        fee_explanation()
    with pytest.raises(ValueError, match="选择一种方式"):
        fee_explanation(pages=40, nth_in_month=12)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0", "零元整"),
        ("720", "柒佰贰拾元整"),
        ("1010", "壹仟零壹拾元整"),
        ("10005", "壹万零伍元整"),
        ("20000", "贰万元整"),
        ("100.05", "壹佰元零伍分"),
        ("0.5", "伍角"),
        ("2740", "贰仟柒佰肆拾元整"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(Decimal(amount)) == words
