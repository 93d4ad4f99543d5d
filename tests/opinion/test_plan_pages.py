"""Watch plans in the workbench: the editor (every error at once, the position of a malformed
expression, the live count with and without JavaScript), the list and detail pages, who may save."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.opinion import actions_plans
from gongkai.opinion.models import PlanMatch, WatchPlan
from tests.opinion.plan_builders import analyst, post, source

FORM = {
    "name": "校园食品安全",
    "region": "示范县",
    "subject": "学校 幼儿园",
    "event": "食物中毒 变质",
    "exclude": "广告",
}


@pytest.fixture
def zhou_min(county):
    return analyst(county.finance)


@pytest.fixture
def posts(county):
    src = source(county.office)
    return [
        post(src, "示范县实验学校午餐变质", "多名学生反映饭菜有异味"),
        post(src, "示范县幼儿园食物中毒？", "家长称孩子呕吐，正在就医"),
        post(src, "示范县学校食品安全广告", "某品牌食物中毒急救包广告"),
        post(src, "邻县学校食物中毒", "与本县无关"),
        post(src, "示范县学校变质牛奶", "上个月的旧闻", days_ago=40),
    ]


def test_an_analyst_creates_a_plan_and_sees_its_recent_matches(
    client, zhou_min, posts, django_capture_on_commit_callbacks
):
    client.force_login(zhou_min)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opinion_staff:plan_create"), FORM)
    plan = WatchPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "opinion_staff:plan_detail", args=[plan.pk]
    )
    assert (plan.owner.name, plan.created_by, plan.enabled) == ("示范县财政局", zhou_min, True)
    # Re-matched over 30 days: the two school posts of this county, not the advert, nor 邻县, nor old news.
    assert set(PlanMatch.objects.values_list("post__title", flat=True)) == {
        "示范县实验学校午餐变质",
        "示范县幼儿园食物中毒？",
    }
    page = client.get(response["Location"]).content.decode()
    assert "命中的信息（2 条）" in page and "示范县幼儿园食物中毒？" in page and "邻县" not in page
    assert AuditEntry.objects.filter(action="opinion.plan.create", object_repr="校园食品安全").exists()


def test_every_error_is_shown_at_once_with_the_position_and_nothing_is_saved(client, zhou_min):
    client.force_login(zhou_min)
    data = {**FORM, "name": "", "exclude": "长" * 51, "expression": "{主体} AND (学校 OR"}
    page = client.post(reverse("opinion_staff:plan_create"), data).content.decode()
    assert "此项必须填写" in page
    assert "第 1 个字符处：词语不能超过 50 个字" in page
    data["exclude"] = "广告"
    page = client.post(reverse("opinion_staff:plan_create"), data).content.decode()
    assert "第 16 个字符处：表达式在此处意外结束，缺少词语" in page
    assert (
        not WatchPlan.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="opinion.plan").exists()
    )


def test_the_trial_button_counts_the_draft_without_saving(client, zhou_min, posts):
    client.force_login(zhou_min)
    page = client.post(reverse("opinion_staff:plan_create"), {**FORM, "trial": "1"}).content.decode()
    assert "近7日命中 <strong>2</strong> 条（共检查 4 条信息）" in page
    assert not WatchPlan.objects.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"expression": "食物中毒 OR 变质"}, {"matching": 4, "scanned": 4, "days": 7}),
        ({"expression": "title:食物中毒 NOT 邻县"}, {"matching": 1, "scanned": 4, "days": 7}),
        ({"subject": "幼儿园", "event": "呕吐"}, {"matching": 1, "scanned": 4, "days": 7}),
        (
            {"expression": "学校 NEAR 变质"},
            {
                "error": "第 4 个字符处：NEAR 后应写斜杠和字数，例如 NEAR/10",
                "field": "expression",
                "position": 4,
            },
        ),
        (
            {"region": "x" * 51},
            {"error": "第 1 个字符处：词语不能超过 50 个字", "field": "region", "position": 1},
        ),
    ],
)
def test_the_live_count_answers_json(client, zhou_min, posts, query, expected):
    client.force_login(zhou_min)
    assert client.get(reverse("opinion_staff:plan_count"), query).json() == expected


def test_a_supervisor_sees_the_plans_but_only_the_agencys_analyst_saves(
    client, county, zhou_min, zhao_qiang, posts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = actions_plans.create_plan(zhou_min, FORM)
    client.force_login(zhao_qiang)
    assert "校园食品安全" in client.get(reverse("opinion_staff:plans")).content.decode()
    page = client.get(reverse("opinion_staff:plan_edit", args=[plan.pk])).content.decode()
    assert "只有本单位的舆情员可以保存监测方案" in page and ">保存</button>" not in page
    response = client.post(
        reverse("opinion_staff:plan_edit", args=[plan.pk]), {**FORM, "name": "改名"}, follow=True
    )
    assert "只有本单位的舆情员可以修改监测方案" in response.content.decode()
    assert WatchPlan.objects.get().name == "校园食品安全"
    other = analyst(county.housing, "zhujian_yuqing", "住建舆情员")
    with pytest.raises(Exception, match="只有本单位的舆情员可以维护监测方案"):
        actions_plans.update_plan(other, plan, {**FORM, "name": "改名"})


def test_disabling_a_plan_drops_its_matches_and_enabling_matches_again(
    client, zhou_min, posts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = actions_plans.create_plan(zhou_min, FORM)
    assert PlanMatch.objects.count() == 2
    client.force_login(zhou_min)
    assert "确认停用" in client.get(reverse("opinion_staff:plan_toggle", args=[plan.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("opinion_staff:plan_toggle", args=[plan.pk]))
    assert (WatchPlan.objects.get().enabled, PlanMatch.objects.count()) == (False, 0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("opinion_staff:plan_toggle", args=[plan.pk]))
    assert (WatchPlan.objects.get().enabled, PlanMatch.objects.count()) == (True, 2)
    assert list(
        AuditEntry.objects.filter(action__startswith="opinion.plan").values_list("action", flat=True)
    ) == [
        "opinion.plan.enable",
        "opinion.plan.disable",
        "opinion.plan.create",
    ]


def test_a_duplicate_name_is_refused(zhou_min):
    actions_plans.create_plan(zhou_min, FORM)
    with pytest.raises(Exception, match="本单位已有同名的监测方案"):
        actions_plans.create_plan(zhou_min, FORM)


def test_list_and_detail_pages_have_a_fixed_number_of_queries(
    client, zhou_min, posts, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(zhou_min)
    with django_capture_on_commit_callbacks(execute=True):
        plans = [actions_plans.create_plan(zhou_min, {**FORM, "name": f"方案{i}"}) for i in range(5)]
    with django_assert_max_num_queries(8):
        page = client.get(reverse("opinion_staff:plans")).content.decode()
    assert page.count("示范县财政局") >= 5
    with django_assert_max_num_queries(9):
        page = client.get(reverse("opinion_staff:plan_detail", args=[plans[0].pk])).content.decode()
    assert "命中的信息（2 条）" in page
