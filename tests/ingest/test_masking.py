"""mask_text(): every kind of personal data in a message or reply is masked before public display."""

from __future__ import annotations

import pytest

from gongkai.common.identifiers import luhn_ok, make_resident_id
from gongkai.ingest.masking import find_personal_data, mask_name, mask_text

ID = make_resident_id("41010519800101123")
MISTYPED_ID = ID[:-1] + ("1" if ID[-1] != "1" else "2")
CARD = next("622202123456789012" + d for d in "0123456789" if luhn_ok("622202123456789012" + d))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # names: the writer's own (given), and after a cue
        ("张三反映：楼道灯坏了。", "张某反映：楼道灯坏了。"),
        ("我叫王小明，今年六十五岁。", "我叫王某某，今年六十五岁。"),
        ("姓名：赵六", "姓名：赵某"),
        ("联系人：欧阳娜娜，谢谢。", "联系人：欧阳某某，谢谢。"),
        ("我是刘德华。", "我是刘某某。"),
        ("本人孙立家住城关镇。", "本人孙某家住城关镇。"),
        ("业主周杰反映小区停水。", "业主周某反映小区停水。"),
        # a detected name is masked wherever else it occurs (the signature)
        ("我叫陈静，……此致 陈静", "我叫陈某，……此致 陈某"),
        # not names: a place, a village, a polite form of address, an already masked name
        ("我是本村村民，我是王庄村的。", "我是本村村民，我是王庄村的。"),
        ("我是李家湾的村民。", "我是李家湾的村民。"),
        ("张先生您好，李女士的来信已收到。", "张先生您好，李女士的来信已收到。"),
        ("姓名：王某", "姓名：王某"),
        # mobiles, with and without the country code or separators
        ("电话13812345678。", "电话138****5678。"),
        ("手机 +86 138-1234-5678", "手机 +86 138****5678"),
        # landlines, with area code, with brackets, with an extension, and a local number after a cue
        ("座机0371-66881234", "座机0371-****1234"),
        ("请拨(0371)6688-1234转806", "请拨(0371)****1234转806"),
        ("电话：6688123。", "电话：****8123。"),
        # resident ID numbers (valid check digit), and a mistyped one (still a long number)
        (f"身份证号{ID}。", f"身份证号{ID[:6]}********{ID[-4:]}。"),
        (f"身份证号{MISTYPED_ID}。", f"身份证号410{'*' * 11}{MISTYPED_ID[-4:]}。"),
        # bank cards
        (f"卡号{CARD}", f"卡号{CARD[:6]}*********{CARD[-4:]}"),
        # e-mail
        ("邮箱 zhangsan@example.com", "邮箱 z***@example.com"),
        # vehicle plates, ordinary and new-energy
        ("车牌豫A12345被贴条", "车牌豫A****5被贴条"),
        ("豫AD12345的车", "豫A*****5的车"),
        # addresses: the house numbers after a road, estate or village
        ("家住幸福路12号3栋2单元501室。", "家住幸福路X号X栋X单元X室。"),
        ("幸福小区5号楼没有供暖。", "幸福小区X号楼没有供暖。"),
        ("东关村三组的路灯", "东关村X组的路灯"),
        # not addresses: dates and document numbers
        ("3月12号下午，示财发〔2026〕3号文件", "3月12号下午，示财发〔2026〕3号文件"),
    ],
)
def test_masks_each_kind(text, masked):
    assert mask_text(text, known_names=["张三"]) == masked


def test_kept_strings_stay_shown():
    reply = "如有疑问请拨打本局电话0371-66881234。您留下的电话0371-66889999已记录。"
    assert mask_text(reply, keep=["0371-66881234"]) == (
        "如有疑问请拨打本局电话0371-66881234。您留下的电话0371-****9999已记录。"
    )


def test_stable_and_idempotent():
    text = f"我叫张三，身份证{ID}，电话13812345678，家住幸福路12号，车牌豫A12345，邮箱a@b.cn。"
    once = mask_text(text, known_names=["张三"])
    assert mask_text(text, known_names=["张三"]) == once
    assert mask_text(once, known_names=["张三"]) == once


DEMO_MESSAGE = (
    "县长您好！我叫李建国，家住城关镇幸福路18号2栋1单元302室，身份证号{id}，手机13937112345，"
    "家里座机0371-23456789。我的车豫A7K2M9停在小区门口被拖走，工资卡{card}也被冻结。"
    "请回电或发邮件到 lijianguo@example.com。此致 李建国"
)


def test_nothing_personal_is_left_in_a_masked_demo_message():
    text = DEMO_MESSAGE.format(id=ID, card=CARD)
    masked = mask_text(text, known_names=["李建国"])
    for secret in (
        "李建国",
        "建国",
        "18号",
        "302",
        ID,
        ID[6:14],
        CARD,
        "13937112345",
        "2345678",
        "7K2M9",
        "lijianguo",
    ):
        assert secret not in masked, secret
    assert find_personal_data(masked) == []
    assert "城关镇幸福路" in masked  # the place of the problem stays readable


def test_empty_text():
    assert mask_text("") == ""
    assert mask_text(None) == ""


@pytest.mark.parametrize(
    ("name", "masked"), [("张三", "张某"), ("王小明", "王某某"), ("欧阳娜娜", "欧阳某某"), ("欧阳", "欧某")]
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked
