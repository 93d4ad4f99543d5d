"""The registry (国办发〔2018〕123号): one account per agency per platform, new accounts reviewed,
closures and mergers recorded with date and reason."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.newmedia import actions
from gongkai.newmedia.models import AccountState, MediaAccount, Platform
from tests.newmedia.conftest import make_account

DUPLICATE = (
    "县财政局在微信公众号已有账号“示范县财政”（{state}）。同一单位在同一平台只能开设一个政务新媒体账号，"
    "请先注销或整合原账号"
)


def test_clerk_registers_and_reviewer_approves(li_ming, wang_fang):
    account = make_account(li_ming, wang_fang, approve=False)
    assert account.state == AccountState.PENDING
    assert account.agency == li_ming.agency
    account = actions.approve_account(wang_fang, account, note="同意")
    assert account.state == AccountState.ACTIVE
    assert account.approved_at is not None
    assert account.filed_on is not None  # 备案 on approval when none was given
    codes = list(
        AuditEntry.objects.filter(object_type="newmedia.mediaaccount", object_id=str(account.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert codes == ["newmedia.account.register", "newmedia.account.approve"]


@pytest.mark.parametrize("state", [AccountState.PENDING, AccountState.ACTIVE])
def test_a_second_account_on_the_same_platform_is_refused(li_ming, wang_fang, state):
    make_account(li_ming, wang_fang, approve=state == AccountState.ACTIVE)
    with pytest.raises(ActionRefused, match="同一单位在同一平台只能开设一个") as info:
        make_account(li_ming, wang_fang, name="财政在线", approve=False)
    assert info.value.message == DUPLICATE.format(state=AccountState(state).label)
    assert info.value.field == "platform"
    assert MediaAccount.objects.count() == 1


def test_another_platform_or_agency_is_fine(li_ming, wang_fang, liu_yang, county):
    make_account(li_ming, wang_fang)
    make_account(li_ming, wang_fang, platform=Platform.WEIBO, name="示范县财政微博")
    assert MediaAccount.objects.filter(state=AccountState.ACTIVE).count() == 2


def test_the_database_holds_the_rule_too(li_ming, wang_fang):
    first = make_account(li_ming, wang_fang)
    with pytest.raises(IntegrityError), transaction.atomic():
        MediaAccount.objects.create(
            agency=first.agency,
            platform=Platform.WECHAT,
            name="绕过动作",
            person_in_charge="某",
            state="active",
        )


def test_after_closing_the_platform_is_free_again(li_ming, wang_fang):
    old = make_account(li_ming, wang_fang)
    actions.close_account(li_ming, old, reason="职能调整，停止运营", ended_on=date(2026, 11, 30))
    old.refresh_from_db()
    assert (old.state, old.ended_on, old.end_reason) == (
        AccountState.CLOSED,
        date(2026, 11, 30),
        "职能调整，停止运营",
    )
    new = make_account(li_ming, wang_fang, name="示范县财政发布")
    assert new.state == AccountState.ACTIVE


def test_merge_records_the_target_date_and_reason(li_ming, wang_fang):
    wechat = make_account(li_ming, wang_fang)
    weibo = make_account(li_ming, wang_fang, platform=Platform.WEIBO, name="示范县财政微博")
    merged = actions.merge_account(li_ming, weibo, into=wechat, reason="整合运营", ended_on=date(2026, 12, 1))
    assert (merged.state, merged.merged_into, merged.end_reason) == (AccountState.MERGED, wechat, "整合运营")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda a, p: actions.close_account(p, a, reason="", ended_on=date(2026, 12, 1)), "请填写原因"),
        (lambda a, p: actions.close_account(p, a, reason="停", ended_on=date(2099, 1, 1)), "日期不能晚于今天"),
        (lambda a, p: actions.merge_account(p, a, into=a, reason="并", ended_on=date(2026, 12, 1)),
         "请选择整合至的账号"),
    ],
)  # fmt: skip
def test_bad_closures_change_nothing(li_ming, wang_fang, call, message):
    account = make_account(li_ming, wang_fang)
    with pytest.raises(ActionRefused, match=message):
        call(account, li_ming)
    account.refresh_from_db()
    assert account.state == AccountState.ACTIVE


def test_only_a_reviewer_approves_and_not_their_own(li_ming, wang_fang):
    account = make_account(li_ming, wang_fang, approve=False)
    with pytest.raises(ActionRefused, match="审核通过需要以下角色之一：审核人"):
        actions.approve_account(li_ming, account)
    with pytest.raises(ActionRefused, match="请填写不予通过的理由"):
        actions.reject_account(wang_fang, account, reason=" ")
    rejected = actions.reject_account(wang_fang, account, reason="名称不规范")
    assert rejected.state == AccountState.REJECTED


def test_an_outsider_cannot_act_on_the_account(li_ming, wang_fang, chen_jing):
    account = make_account(li_ming, wang_fang)
    with pytest.raises(ActionRefused, match="只有示范县财政局的工作人员可以注销账号"):
        actions.close_account(chen_jing, account, reason="无", ended_on=date(2026, 12, 1))
    with pytest.raises(ActionRefused, match="只能为本单位（或督查范围内的单位）登记账号"):
        actions.register_account(
            chen_jing, agency=account.agency, platform="weibo", name="x", person_in_charge="y"
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": " "}, "请填写账号名称"),
        ({"person_in_charge": ""}, "请填写负责人"),
        ({"platform": "myspace"}, "请选择平台"),
        (
            {"delivery": "webhook", "webhook_url": "https://x.example.cn/hook"},
            "接口推送需要填写推送接口地址和签名密钥",
        ),
        ({"feed_url": "ftp://x.example.cn/feed"}, "请输入以 http:// 或 https:// 开头的完整网址"),
    ],
)
def test_bad_registrations_are_refused(li_ming, fields, message):
    values = {"platform": "wechat", "name": "示范县财政", "person_in_charge": "李明", **fields}
    with pytest.raises(ActionRefused, match=message):
        actions.register_account(li_ming, **values)
    assert not MediaAccount.objects.exists()
