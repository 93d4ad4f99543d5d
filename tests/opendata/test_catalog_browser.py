"""The release of a dataset through the real pages, axe on each: 李明 of 县财政局 describes a dataset,
types its field list and uploads a GBK CSV; 王芳 approves it, 孙丽 releases it after 保密审查; a citizen
finds it in the catalog, filters and sorts the preview (server-side, at 375 px) and downloads the CSV."""

import pytest

from gongkai.opendata.models import Dataset, DatasetState
from tests.browser.fixtures import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CSV = (
    "科目编码,项目名称,预算金额,批复日期\n"
    "201,一般公共服务支出,1250.5,2026-01-15\n"
    "205,教育支出,3800,2026-01-15\n"
    "208,社会保障和就业支出,2100,2026-01-15\n"
    "210,=卫生健康支出,900,2026-01-15\n"
)


def test_clerk_uploads_review_releases_citizen_filters_and_downloads(
    page, axe_check, li_ming, wang_fang, sun_li
):
    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    login(page, li_ming.username, PASSWORD)
    visit("/workbench/data/datasets/new/")
    page.get_by_label("数据集名称").fill("2026年部门预算支出")
    page.get_by_label("摘要").fill("县财政局2026年部门预算支出明细")
    page.get_by_label("主题分类").select_option("财税金融")
    page.get_by_label("更新频率").select_option("每年")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/fields/")
    axe_check(page)
    page.get_by_label("字段列表").fill(
        "code|科目编码\nitem|项目名称\namount|预算金额|数值|万元\nday|批复日期|日期"
    )
    page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="上传数据资源").click()
    axe_check(page)
    page.get_by_label("数据文件").set_input_files(
        {"name": "预算.csv", "mimeType": "text/csv", "buffer": CSV.encode("gbk")}
    )
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/workbench/data/resources/*/")
    axe_check(page)
    assert "已上传并检查4行数据" in page.content() and "gb18030" in page.content()
    page.get_by_role("link", name="2026年部门预算支出").click()
    page.get_by_role("link", name="提交审核").click()
    page.get_by_role("button", name="提交审核").click()
    assert "数据集已提交审核" in page.content()

    dataset = Dataset.objects.get()
    for person, label in ((wang_fang, "审核通过"), (sun_li, "保密审查通过并发布")):
        page.context.clear_cookies()
        login(page, person.username, PASSWORD)
        visit(f"/workbench/data/datasets/{dataset.pk}/act/{'approve' if label == '审核通过' else 'publish'}/")
        page.get_by_role("button", name=label).click()
        page.wait_for_url(f"**/workbench/data/datasets/{dataset.pk}/")
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.PUBLISHED

    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    visit("/data/datasets/")
    page.get_by_role("link", name="2026年部门预算支出").click()
    axe_check(page)
    visit(f"/data/resources/{dataset.resources.get().pk}/")
    page.get_by_label("按字段筛选").select_option("amount")
    page.get_by_label("不小于").fill("2000")
    page.get_by_role("button", name="筛选").click()
    axe_check(page)
    assert "符合条件的数据共2行" in page.content()
    page.get_by_role("link", name="预算金额（万元）").click()  # sort ascending, filter kept
    cells = page.locator("#preview tbody tr td:nth-child(2)").all_inner_texts()
    assert cells == ["社会保障和就业支出", "教育支出"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    with page.expect_download() as download:
        page.get_by_role("link", name="下载CSV").click()
    body = open(download.value.path(), encoding="utf-8-sig").read()
    assert body.splitlines() == [
        "科目编码,项目名称,预算金额,批复日期",
        "208,社会保障和就业支出,2100,2026-01-15",
        "205,教育支出,3800,2026-01-15",
    ]
