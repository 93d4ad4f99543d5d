"""主动公开 in a real browser: import → screen → 三审 + 保密审查 → publish → on the portal and in search;
a rejected step; a publication blocked by an unresolved finding. axe-core runs on every page."""

import pytest
from playwright.sync_api import expect

from gongkai.publishing.models import Document, State
from tests.browser.fixtures import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTICE = """示范县财政局关于做好2025年惠民补贴资金公开工作的通知
示财发〔2025〕12号

各乡镇人民政府：
    为做好惠民补贴资金公开工作，现将有关事项通知如下。
    一、各乡镇要在每季度结束后10日内公开补贴发放情况。
    二、联系人：李四，电话13812345678。

示范县财政局
2025年3月3日
（此件公开发布）
"""


@pytest.fixture
def people(li_ming, wang_fang, zhang_wei, sun_li):
    return li_ming, wang_fang, zhang_wei, sun_li


def _switch(page, username):
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def _import(page, axe_check):
    page.goto(page.base + "/workbench/publishing/import/")
    axe_check(page)
    page.get_by_label("公文文件").set_input_files(
        {"name": "notice.txt", "mimeType": "text/plain", "buffer": NOTICE.encode("gb18030")}
    )
    page.get_by_role("button", name="导入").click()
    page.wait_for_url("**/workbench/publishing/*/")
    return Document.objects.get(forwarded_by=None)


def _act(page, axe_check, username, doc, button, comment=""):
    _switch(page, username)
    page.goto(page.base + f"/workbench/publishing/{doc.pk}/")
    axe_check(page)
    if comment:
        page.get_by_label("意见或理由").fill(comment)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_import_screen_review_publish_and_find_it(page, axe_check, people):
    login(page, "liming", PASSWORD)
    doc = _import(page, axe_check)
    assert "示财发〔2025〕12号" in page.locator("main").inner_text()
    expect(page.get_by_role("heading", name="筛查发现（待处理 1 项）")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="遮盖").click()
    expect(page.get_by_role("heading", name="筛查发现（待处理 0 项）")).to_be_visible()
    page.get_by_role("button", name="提交审查").click()
    page.get_by_role("button", name="初审通过").click()
    expect(page.get_by_role("status")).to_contain_text("已审查通过")

    _switch(page, "wangfang")
    axe_check(page)  # the 待办 list
    page.get_by_role("link", name=f"待审核：{doc.title}").click()
    page.get_by_role("button", name="审核通过").click()
    _act(page, axe_check, "zhangwei", doc, "审发通过", "同意发布")
    _act(page, axe_check, "sunli", doc, "保密审查通过", "不涉密")
    _act(page, axe_check, "liming", doc, "立即发布")
    expect(page.get_by_role("status")).to_contain_text("已发布到门户网站")
    doc.refresh_from_db()
    assert doc.state == State.PUBLISHED and doc.index_number

    page.goto(page.base + "/catalog/")
    axe_check(page)
    page.get_by_role("link", name=doc.title).click()
    axe_check(page)
    body = page.locator("main").inner_text()
    assert doc.index_number in body and "138****5678" in body and "13812345678" not in body
    assert page.locator("meta[name=ArticleTitle]").get_attribute("content") == doc.title

    page.goto(page.base + "/search/?q=惠民补贴资金")
    axe_check(page)
    expect(page.locator("main")).to_contain_text("示财发〔2025〕12号")

    page.goto(page.base + f"/openness/{doc.agency_id}/")
    axe_check(page)
    assert doc.title in page.locator("main").inner_text()


def test_a_rejected_step_returns_to_the_drafter_with_the_reason(page, axe_check, people):
    login(page, "liming", PASSWORD)
    doc = _import(page, axe_check)
    page.get_by_role("button", name="遮盖").click()
    page.get_by_role("button", name="提交审查").click()
    page.get_by_role("button", name="初审通过").click()
    _act(page, axe_check, "wangfang", doc, "退回", "请补充补贴标准")
    expect(page.get_by_role("status")).to_contain_text("已退回起草人")
    _switch(page, "liming")
    page.goto(page.base + "/workbench/publishing/")
    axe_check(page)
    page.get_by_role("link", name=doc.title).click()
    history = page.get_by_role("table", name="审查记录").inner_text()
    assert "退回" in history and "请补充补贴标准" in history and "王芳" in history
    expect(page.get_by_role("button", name="提交审查")).to_be_visible()


def test_publication_is_blocked_while_a_finding_is_open(page, axe_check, people):
    login(page, "liming", PASSWORD)
    doc = _import(page, axe_check)
    page.get_by_role("button", name="提交审查").click()
    page.get_by_role("button", name="初审通过").click()
    _act(page, axe_check, "wangfang", doc, "审核通过")
    _act(page, axe_check, "zhangwei", doc, "审发通过")
    _act(page, axe_check, "sunli", doc, "保密审查通过")
    # The refusal is shown on the action's form, in Chinese; nothing changed.
    expect(page.get_by_role("alert")).to_contain_text("还有1项筛查发现未处理")
    axe_check(page)
    doc.refresh_from_db()
    assert doc.state == State.SECRECY_REVIEW
    page.get_by_role("link", name="返回").click()
    page.get_by_label("保留理由").fill("公开的联系电话")
    page.get_by_role("button", name="同意保留").click()
    expect(page.get_by_role("status")).to_contain_text("已同意保留")
    page.get_by_role("button", name="保密审查通过").click()
    expect(page.locator(".badge.state-ready")).to_have_text("待发布")
    doc.refresh_from_db()
    assert doc.state == State.READY


def test_other_publishing_pages_pass_axe(page, axe_check, people):
    from gongkai.publishing import actions

    clerk = people[0]
    doc = actions.create_document(clerk, title="示范县财政局关于页面检查的通知", body="<p>第一版</p>")
    actions.update_document(clerk, doc, body="<p>第二版</p>")
    login(page, "liming", PASSWORD)
    for path in [
        f"/workbench/publishing/{doc.pk}/edit/",
        f"/workbench/publishing/{doc.pk}/diff/?a=1&b=2",
        "/workbench/publishing/new/",
        "/workbench/publishing/waiting/",
        "/workbench/publishing/late/",
        "/workbench/publishing/published/",
        "/workbench/publishing/interpretations/new/",
        "/workbench/publishing/guide/",
        "/interpretations/",
        "/catalog/?validity=valid",
    ]:
        page.goto(page.base + path)
        assert page.get_by_role("heading", level=1).count() == 1, path
        axe_check(page)
    page.goto(page.base + f"/workbench/publishing/{doc.pk}/diff/?a=1&b=2")
    expect(page.locator(".diff-add")).to_contain_text("第二版")


PASTED = "第一段：为做好预算公开工作，现将有关事项通知如下。\n第二段：各单位要按时公开。"


def _paste(page, text):
    page.locator(".ProseMirror[contenteditable=true]").first.evaluate(
        """(el, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def test_a_body_typed_in_the_editor_keeps_its_structure_on_the_portal(page, axe_check, people):
    from gongkai.publishing import actions

    clerk, reviewer, signer, secrecy = people
    login(page, "liming", PASSWORD)
    page.goto(page.base + "/workbench/publishing/new/")
    axe_check(page)
    page.get_by_label("信息名称").fill("示范县财政局关于编辑器测试的通知")
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    _paste(page, PASTED)  # plain text pasted keeps its paragraphs
    page.keyboard.press("Enter")
    page.keyboard.type("## 二、工作要求")  # the editor's shortcut for a heading
    page.keyboard.press("Enter")
    page.keyboard.type("- 按季度公开")
    page.keyboard.press("Enter")
    page.keyboard.type("按项目公开")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="插入表格").click()
    dialog = page.locator("dialog[open]")
    axe_check(page)
    dialog.get_by_role("button", name="插入").click()
    page.keyboard.type("项目")
    page.keyboard.press("Tab")
    page.keyboard.type("金额")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/workbench/publishing/*/")
    axe_check(page)

    doc = Document.objects.get(title="示范县财政局关于编辑器测试的通知")
    for paragraph in PASTED.splitlines():
        assert f"<p>{paragraph}</p>" in doc.body
    assert "<h2>二、工作要求</h2>" in doc.body
    assert "<ul><li><p>按季度公开</p></li><li><p>按项目公开</p></li></ul>" in doc.body
    assert "<table>" in doc.body and "项目" in doc.body and "金额" in doc.body

    doc = actions.submit_document(clerk, doc)
    for person in (clerk, reviewer, signer, secrecy):
        doc = actions.approve_step(person, doc)
    doc = actions.publish_document(clerk, doc)
    page.goto(page.base + doc.get_absolute_url())
    axe_check(page)
    body = page.locator(".doc-body")
    expect(body.get_by_role("heading", name="二、工作要求", level=2)).to_be_visible()
    expect(body.get_by_role("listitem")).to_have_text(["按季度公开", "按项目公开"])
    expect(body.locator("p", has_text="第二段：各单位要按时公开。")).to_be_visible()
    expect(body.get_by_role("table")).to_contain_text("金额")
