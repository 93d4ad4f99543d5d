"""The consultation's whole path through the real pages, axe on every page visited: a citizen comments
on paragraph 3 → 王芳 moderates it → the close date passes and 李明 closes the consultation → 李明 gives
the comment its disposition and enters the final text → submits → 王芳 approves and publishes the
adoption report → the adopted decision, published by publishing, is linked: the report links the
decision and the decision's page links the report."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gongkai.consultation import actions
from gongkai.consultation.models import Comment, Consultation, State
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.publishing.builders import published, team  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "示范县政府性债务管理办法（征求意见稿）"
DRAFT = """第一章　总则
第一条　为了加强政府性债务管理，防范财政风险，制定本办法。
第二条　本办法适用于本县各级政府及其部门的债务管理活动。
第三条　县财政局是政府性债务的主管部门。"""
FINAL = DRAFT.replace("及其部门", "及其部门、县属国有企业")
BODY = "建议第二条把县属国有企业也纳入适用范围。我的电话13900001111。"


def test_comment_to_adoption_report_and_decision_linked_both_ways(page, axe_check, li_ming, wang_fang, team):  # noqa: F811
    today = timezone.localdate()
    c = actions.create_consultation(
        li_ming, agency=li_ming.agency, title=TITLE, draft_text=DRAFT, opens_on=today, closes_on=today,
        short_period_reason="上级要求本月内出台，征求意见期限缩短为1天", background="规范债务管理。",
    )  # fmt: skip
    c = actions.submit_consultation(li_ming, c)
    c = actions.approve_consultation(wang_fang, c, note="同意")
    c = actions.open_consultation(li_ming, c)

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    def as_staff(person) -> None:
        page.context.clear_cookies()
        login(page, person.username, PASSWORD)

    def act(label: str, fields=lambda: None) -> None:
        """From the report page: follow the workflow link, fill the form, send it, land back."""
        visit(f"/workbench/consultations/{c.pk}/report/")
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(f"**/workbench/consultations/{c.pk}/act/**")
        axe_check(page)
        fields()
        page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_url(f"**/workbench/consultations/{c.pk}/")
        axe_check(page)

    with time_machine.travel(timezone.now(), tick=True) as traveller:
        # A citizen comments on paragraph 3 (第二条).
        visit(f"/consultations/{c.pk}/")
        page.get_by_role("link", name="对第3段提意见").click()
        page.wait_for_url(f"**/consultations/{c.pk}/comment/?p=3*")
        axe_check(page)
        page.get_by_label("意见内容").fill(BODY)
        page.get_by_label("联系电话").fill("13812345678")
        page.get_by_role("button", name="提交意见").click()
        page.wait_for_url(f"**/consultations/{c.pk}/comment/*/#*")
        axe_check(page)
        comment = Comment.objects.get(consultation=c)
        assert comment.paragraph.number == 3

        # 王芳 moderates it: shown, masked.
        as_staff(wang_fang)
        visit("/workbench/consultations/moderation/")
        page.get_by_label("公开显示（自动遮盖个人信息）").check()
        page.get_by_role("button", name="提交审核").click()
        page.wait_for_load_state()
        axe_check(page)
        comment.refresh_from_db()
        assert comment.moderation == "approved"

        # The close date passes; 李明 closes it.
        traveller.move_to(timezone.now() + timedelta(days=1))
        as_staff(li_ming)
        visit(f"/workbench/consultations/{c.pk}/")
        page.get_by_role("link", name="结束征求意见", exact=True).click()
        page.wait_for_url("**/act/close/")
        axe_check(page)
        page.get_by_role("button", name="结束征求意见", exact=True).click()
        page.wait_for_url(f"**/workbench/consultations/{c.pk}/")
        assert Consultation.objects.get(pk=c.pk).state == State.CLOSED

        # Dispositions and the final text.
        visit(f"/workbench/consultations/{c.pk}/report/")
        assert "还有1条没有处理意见" in page.content()
        form = page.locator(f"#comment-{comment.pk}")
        form.get_by_label("采纳", exact=True).check()
        form.get_by_label("理由").fill("已采纳，第二条增加县属国有企业。")
        form.get_by_role("button", name="保存处理意见").click()
        page.wait_for_load_state()
        axe_check(page)
        assert "均已有处理意见" in page.content()
        page.get_by_role("textbox", name="决策文本（采纳后）").fill(FINAL)
        page.get_by_role("button", name="保存决策文本").click()
        page.wait_for_load_state()
        axe_check(page)
        assert "修改1处" in page.content()
        act("提交采纳情况审核")

        # 王芳 reviews and publishes.
        as_staff(wang_fang)
        act("审核通过")
        act("公布采纳情况")
        assert Consultation.objects.get(pk=c.pk).state == State.REPORTED

        # The public report: counts, masked comment, the change.
        visit(f"/consultations/{c.pk}/")
        page.get_by_role("link", name="公布的意见采纳情况").click()
        page.wait_for_url(f"**/consultations/{c.pk}/report/")
        axe_check(page)
        html = page.content()
        assert "13900001111" not in html and "建议第二条把县属国有企业也纳入适用范围" in html
        assert "县属国有企业" in page.locator(".report-changes ins").first.inner_text()

        # The adopted decision is published (publishing's own review) and linked by 李明.
        decision = published(team, title="示范县财政局关于印发示范县政府性债务管理办法的通知")
        as_staff(li_ming)
        visit(f"/workbench/consultations/{c.pk}/report/")
        page.get_by_label("决策文件的索引号").fill(decision.index_number)
        page.get_by_role("button", name="关联决策文件").click()
        page.wait_for_load_state()
        axe_check(page)
        assert "已关联决策文件" in page.content()

        # Both ways, as the public sees them.
        page.context.clear_cookies()
        visit(decision.get_absolute_url())
        assert "本决策经公开征求意见" in page.content()
        page.locator("#consulted-title ~ p a").first.click()
        page.wait_for_url(f"**/consultations/{c.pk}/report/")
        axe_check(page)
        page.get_by_role("link", name=decision.title).first.click()
        page.wait_for_url(f"**{decision.get_absolute_url()}")
        axe_check(page)
