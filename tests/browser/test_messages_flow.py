"""One message through the real pages, axe on every page visited: 张三 writes to 县长信箱 → 周敏
(县政府办公室) dispatches it to 县住建局 → 刘洋 returns it with a reason → 周敏 re-dispatches it to
县财政局 → 李明 names 吴磊 responder → 吴磊 drafts and submits a reply → 王芳 approves, sends and
publishes it (masked: the public page shows neither 张三 nor his phone) → 张三 looks the message up and
rates 不满意 asking for 重办 → the case reopens → 吴磊 answers again, 王芳 approves and sends → 满意."""

import pytest

from gongkai.agencies.models import Role
from gongkai.interaction import actions
from gongkai.interaction.models import Message, State
from tests.browser.fixtures import login
from tests.conftest import PASSWORD, _person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "小区门口道路破损"
NAME, PHONE = "张三", "13812345678"


def test_message_from_writing_to_satisfaction(page, axe_check, county, li_ming, wang_fang, liu_yang):
    zhou_min = _person("zhoumin", "周敏", county.office, Role.CLERK)
    wu_lei = _person("wulei", "吴磊", county.finance, Role.RESPONDER)
    actions.ensure_mailboxes(None, county.government)

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    def as_staff(person) -> None:
        page.context.clear_cookies()
        login(page, person.username, PASSWORD)

    def act(message_pk: int, label: str, fields=lambda: None, done: str = "", lands: str = "") -> None:
        """Open the case, follow the action's link, fill the form and send it; land on the case (or
        on `lands`)."""
        visit(f"/workbench/messages/{message_pk}/")
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(f"**/workbench/messages/{message_pk}/act/**")
        axe_check(page)
        fields()
        page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_url(page.base + (lands or f"/workbench/messages/{message_pk}/"))
        if done:
            assert done in page.content()
        axe_check(page)

    def state(message_pk: int) -> str:
        return Message.objects.get(pk=message_pk).state

    # 张三 writes.
    visit("/messages/write/")
    page.get_by_label("写给").select_option(label="县长信箱")
    page.get_by_role("radio", name="投诉").check()
    page.get_by_label("主题").fill(SUBJECT)
    page.get_by_label("留言内容").fill(f"幸福小区门口道路破损多日，请尽快维修。联系人{NAME}，电话{PHONE}。")
    page.locator("#id_writer_name").fill(NAME)
    page.get_by_label("联系电话").fill(PHONE)
    page.locator("#id_public_consent").check()
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_url("**/messages/submitted/*/")
    axe_check(page)
    code = page.locator("#receipt-code").inner_text()
    pk = Message.objects.get(receipt_code=code).pk

    # 周敏 dispatches it to 县住建局; 刘洋 there returns it; 周敏 re-dispatches it to 县财政局.
    as_staff(zhou_min)
    visit("/workbench/messages/")
    assert page.get_by_role("link", name=code).is_visible() and SUBJECT in page.content()
    act(pk, "交办", lambda: page.get_by_label("主办单位").select_option(label=county.housing.name), "已交办")
    assert state(pk) == State.DISPATCHED

    as_staff(liu_yang)
    act(
        pk,
        "退回交办单位",
        lambda: page.get_by_label("理由").fill("道路维修属财政预算事项，非本局职责"),
        "已退回交办单位",
        lands="/workbench/messages/",  # the case has left 县住建局's sight: its list, not a 404
    )
    assert state(pk) == State.RETURNED

    as_staff(zhou_min)
    act(pk, "重新交办", lambda: page.get_by_label("主办单位").select_option(label=county.finance.name))
    assert "道路维修属财政预算事项，非本局职责" in page.content()  # the return reason is on the case
    assert state(pk) == State.DISPATCHED

    def answer(body: str, round_: int) -> None:
        as_staff(wu_lei)
        act(pk, "拟写答复", lambda: page.get_by_label("答复内容").fill(body), "答复已保存")
        act(pk, "提交审核", done="答复已提交审核")  # the saved draft is in the form already
        as_staff(wang_fang)
        visit(f"/workbench/messages/{pk}/act/approve_reply/")
        masked = page.get_by_label("公开文本（已自动遮盖个人信息，可再遮盖）").input_value()
        assert PHONE not in masked and NAME not in masked  # the reviewer sees the masked text
        act(pk, "审核通过", done="答复已审核通过")
        act(pk, "发送答复", done="答复已发送给留言人")
        assert state(pk) == State.REPLIED
        assert Message.objects.get(pk=pk).round == round_

    # 李明 names 吴磊; the reply is drafted, reviewed, sent and published.
    as_staff(li_ming)
    act(pk, "指定网络回应人", lambda: page.get_by_label("网络回应人").select_option(label="吴磊"), "已指定")
    answer(f"已联系{NAME}（{PHONE}），道路将于下周维修。", 1)
    act(pk, "公开答复", done="答复已在门户网站公开")

    page.context.clear_cookies()
    visit(f"/messages/{pk}/")
    assert "道路将于下周维修" in page.content()
    assert PHONE not in page.content() and NAME not in page.content()

    def rate(label: str, reopen: bool = False) -> None:
        page.context.clear_cookies()
        visit("/messages/status/")
        page.get_by_label("查询码").fill(code)
        page.get_by_label("联系电话后四位").fill(PHONE[-4:])
        page.get_by_role("button", name="查询").click()
        page.wait_for_url(f"**/messages/status/{code}/")
        assert page.locator("#state").inner_text() == "已答复"
        axe_check(page)
        page.get_by_role("radio", name=label, exact=True).check()
        if reopen:
            page.get_by_label("不满意，要求重新办理（重办，仅限一次）").check()
        with page.expect_navigation():
            page.get_by_role("button", name="提交评价").click()
        assert f"您的评价：{label}" in page.content()  # beside the reply rated
        axe_check(page)

    # 张三 is not satisfied and asks for 重办: the case goes back to 吴磊.
    rate("不满意", reopen=True)
    message = Message.objects.get(pk=pk)
    assert (message.state, message.round, message.reopen_count, message.responder) == (
        State.ASSIGNED,
        2,
        1,
        wu_lei,
    )

    answer("道路已于本周修复，欢迎监督。", 2)
    rate("满意")
    assert state(pk) == State.CLOSED
    page.goto(page.base + f"/messages/{pk}/")
    assert PHONE not in page.content() and NAME not in page.content()
