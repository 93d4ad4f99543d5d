"""Importing a plan from its Word document: upload, review (edit, drop, merge), confirm — nothing
saved before the confirmation, and confirming twice saves once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.common.officialdoc import build_official_docx
from gongkai.plans import actions
from gongkai.plans.models import AnnualPlan, PlanTask
from tests.plans.conftest import PLAN_DOCX, import_county_plan, staged_plan

pytestmark = pytest.mark.django_db


def upload(client, county, data: bytes = b"", name: str = PLAN_DOCX.name, year: int = 2026):
    data = data or PLAN_DOCX.read_bytes()
    return client.post(
        "/workbench/plans/import/",
        {"agency": county.government.pk, "year": year, "title": "", "file": SimpleUploadedFile(name, data)},
    )


def review_post(staged: dict, **changes) -> dict:
    """The review form as the page renders it (every row kept), with `changes` applied."""
    post = {"title": staged["title"], "deadline": staged["deadline"]}
    for i, t in enumerate(staged["tasks"]):
        post |= {
            f"keep-{i}": "on",
            f"section-{i}": t["section"],
            f"content-{i}": t["content"],
            f"agency-{i}": str(t["agency_id"] or ""),
            f"partners-{i}": t["partners"],
            f"person-{i}": t["person"],
            f"deadline-{i}": t["deadline"],
            f"criterion-{i}": t["criterion"],
        }
    post.update(changes)
    return {k: v for k, v in post.items() if v is not None}


def test_upload_review_confirm(client, county, zhou_min):
    client.force_login(zhou_min)
    response = upload(client, county)
    assert response.status_code == 302
    review_url = response["Location"]
    page = client.get(review_url)
    assert page.status_code == 200
    assert "识别出5个部分、27项任务" in page.content.decode()
    assert not AnnualPlan.objects.exists() and not PlanTask.objects.exists()  # nothing saved yet

    staged = page.context["staged"]
    unmatched = [i for i, t in enumerate(staged["tasks"]) if not t["agency_id"]]
    assert unmatched  # 县教育局, 县卫健局 … do not exist in the test county: the clerk chooses
    post = review_post(staged, **{f"agency-{i}": str(county.office.pk) for i in unmatched})
    post["person-0"] = "钱进"
    post["content-1"] = "做好惠企政策集中发布（已核对）。"
    del post["keep-2"]  # dropped
    post["merge-4"] = "on"  # （五） folded into （四）
    response = client.post(review_url, post)
    assert response.status_code == 302
    plan = AnnualPlan.objects.get()
    assert response["Location"] == f"/workbench/plans/{plan.pk}/"
    tasks = list(plan.tasks.order_by("position"))
    assert len(tasks) == 25
    assert [t.position for t in tasks] == list(range(1, 26))
    assert tasks[0].agency == county.finance and tasks[0].person == "钱进"
    assert tasks[1].content == "做好惠企政策集中发布（已核对）。"
    assert tasks[2].content.startswith("公开政府债务信息") and "做好市场监管信息公开" in tasks[2].content
    assert plan.deadline.isoformat() == "2026-02-28" and plan.state == "draft"
    assert AuditEntry.objects.filter(action="plans.plan.import").count() == 1

    # Back to the review page and confirm again: the same plan, nothing added.
    again = client.post(review_url, post)
    assert again["Location"] == f"/workbench/plans/{plan.pk}/"
    assert PlanTask.objects.count() == 25
    assert "已确认保存" in client.get(review_url).content.decode()


def test_an_unchosen_agency_is_refused_and_nothing_is_saved(client, county, zhou_min):
    client.force_login(zhou_min)
    review_url = upload(client, county)["Location"]
    staged = client.get(review_url).context["staged"]
    response = client.post(review_url, review_post(staged))  # unmatched rows left empty
    assert response.status_code == 200
    assert "请选择责任单位" in response.context["error"]
    assert not AnnualPlan.objects.exists() and not PlanTask.objects.exists()
    # what the clerk typed is still there
    assert response.context["rows"][0]["content"].startswith("及时公开财政预决算信息")


def test_a_document_without_numbered_items_is_refused(client, county, zhou_min):
    client.force_login(zhou_min)
    text = "今年要继续做好政务公开工作，提升公开质量。\n各单位要高度重视。"
    data = build_official_docx(
        title="示范县2026年政务公开工作要点", number="", text=text, signer="县政府办", on=None
    )
    response = upload(client, county, data)
    assert response.status_code == 200
    assert "文件中没有找到编号的工作任务" in response.context["form"].errors["file"][0]
    assert not AnnualPlan.objects.exists()


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("plan.doc", b"x", "请上传工作要点的Word文件（.docx）"),
        ("plan.docx", b"not a zip", "文件不是有效的.docx文件"),
    ],
)
def test_bad_files_are_refused(client, county, zhou_min, name, data, message):
    client.force_login(zhou_min)
    response = upload(client, county, data, name)
    assert message in response.context["form"].errors["file"][0]


def test_a_second_plan_for_the_same_year_is_refused(county, zhou_min):
    import_county_plan(zhou_min, county)
    with pytest.raises(ActionRefused, match="示范县人民政府2026年的工作要点已经存在"):
        import_county_plan(zhou_min, county)


def test_keeping_nothing_is_refused(county, zhou_min):
    with pytest.raises(ActionRefused, match="没有保留任何任务"):
        actions.import_plan(
            zhou_min, agency=county.government, year=2026, title="要点", deadline=None, tasks=[]
        )


def test_an_agency_outside_the_government_is_refused(county, zhou_min):
    tasks = [{**staged_plan(county)["tasks"][0], "agency_id": county.neighbour.pk}]
    with pytest.raises(ActionRefused, match="第1项：责任单位须是制定机关或其下属单位"):
        actions.import_plan(
            zhou_min, agency=county.government, year=2026, title="要点", deadline=None, tasks=tasks
        )
    assert not AnnualPlan.objects.exists()


def test_a_department_clerk_cannot_make_the_governments_plan(county, li_ming):
    with pytest.raises(ActionRefused, match="您不能为示范县人民政府制定工作要点"):
        actions.create_plan(li_ming, agency=county.government, year=2026, title="要点")


def test_entered_by_hand(client, county, zhou_min):
    client.force_login(zhou_min)
    response = client.post(
        "/workbench/plans/new/", {"agency": county.government.pk, "year": 2027, "title": "", "deadline": ""}
    )
    plan = AnnualPlan.objects.get()
    assert response["Location"] == f"/workbench/plans/{plan.pk}/"
    assert plan.title == "示范县人民政府2027年政务公开工作要点"
    assert plan.deadline.isoformat() == "2027-02-28"
    response = client.post(
        f"/workbench/plans/{plan.pk}/tasks/new/",
        {
            "content": "公开财政预算。",
            "agency": county.finance.pk,
            "deadline": "2027-06-30",
            "person": "钱进",
        },
    )
    assert response.status_code == 302
    assert plan.tasks.get().agency == county.finance


def test_the_review_parses_the_docx_reader_output(county):
    staged = staged_plan(county)
    assert len(staged["tasks"]) == 27
    first = staged["tasks"][0]
    assert first["agency_id"] == county.finance.pk
    assert first["deadline"] == "2026-06-30"
    office_task = staged["tasks"][1]  # 县政府办公室 → 示范县人民政府办公室
    assert office_task["agency_id"] == county.office.pk
    assert office_task["partners"] == "县财政局、县市场监管局"
