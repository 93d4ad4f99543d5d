"""The spokesperson registry is kept current: a new appointment to a post ends the one before it."""

from datetime import date

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.press import actions
from gongkai.press.models import Spokesperson

OFFICE_PHONE = "0531-86001234"


def appoint(actor, name, on, post="新闻发言人"):
    return actions.appoint_spokesperson(
        actor, name=name, title="县财政局副局长", phone=OFFICE_PHONE, appointed_on=on, post=post
    )


def test_a_new_appointment_ends_the_current_holder_of_the_post(li_ming):
    first = appoint(li_ming, "孙海", date(2024, 3, 1))
    deputy = appoint(li_ming, "钱江", date(2024, 3, 1), post="副发言人")
    second = appoint(li_ming, "周婷", date(2026, 6, 1))
    first.refresh_from_db()
    deputy.refresh_from_db()
    assert first.ended_on == date(2026, 6, 1)
    assert second.is_current and deputy.is_current  # another post is not touched
    assert list(
        Spokesperson.objects.filter(ended_on=None).values_list("name", flat=True).order_by("name")
    ) == [
        "周婷",
        "钱江",
    ]


def test_an_appointment_before_the_current_one_is_refused(li_ming):
    appoint(li_ming, "孙海", date(2026, 3, 1))
    with pytest.raises(ActionRefused, match="任职日期不能早于现任新闻发言人孙海的任职日期（2026-03-01）"):
        appoint(li_ming, "周婷", date(2026, 2, 1))
    assert Spokesperson.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", " ", "请填写姓名"),
        ("phone", "", "请填写办公电话"),
        ("appointed_on", None, "请填写任职日期"),
    ],
)
def test_bad_input_is_refused(li_ming, field, value, message):
    values = {"name": "周婷", "title": "新闻发言人", "phone": OFFICE_PHONE, "appointed_on": date(2026, 1, 1)}
    values[field] = value
    with pytest.raises(ActionRefused, match=message):
        actions.appoint_spokesperson(li_ming, **values)
    assert not Spokesperson.objects.exists()


def test_another_agency_cannot_appoint(county, chen_jing, liu_yang):
    with pytest.raises(ActionRefused, match="只有示范县财政局的工作人员可以任命新闻发言人"):
        actions.appoint_spokesperson(
            chen_jing, name="周婷", title="发言人", phone=OFFICE_PHONE, appointed_on=date(2026, 1, 1),
            agency=county.finance,
        )  # fmt: skip
    with pytest.raises(ActionRefused, match="任命新闻发言人需要以下角色之一"):
        appoint(liu_yang, "刘洋", date(2026, 1, 1))  # a responder, not press staff


def test_ending_without_a_successor(li_ming):
    person = appoint(li_ming, "孙海", date(2026, 3, 1))
    with pytest.raises(ActionRefused, match="离任日期不能早于任职日期"):
        actions.end_spokesperson(li_ming, person, ended_on=date(2026, 2, 1))
    actions.end_spokesperson(li_ming, person, ended_on=date(2026, 9, 1))
    with pytest.raises(ActionRefused, match="孙海已于2026-09-01离任"):
        actions.end_spokesperson(li_ming, person, ended_on=date(2026, 10, 1))


def test_the_public_registry_lists_current_spokespersons_only(client, li_ming):
    appoint(li_ming, "孙海", date(2024, 3, 1))
    appoint(li_ming, "周婷", date(2026, 6, 1))
    page = client.get("/press/spokespersons/").content.decode()
    assert "周婷" in page and OFFICE_PHONE in page and "2026年6月起任" in page
    assert "孙海" not in page


def test_the_staff_page_appoints_and_shows_errors_at_once(client, li_ming):
    client.force_login(li_ming)
    response = client.post(
        "/workbench/press/spokespersons/", {"post": "新闻发言人", "name": "", "title": "", "phone": ""}
    )
    page = response.content.decode()
    assert (
        "请填写姓名" in page
        and "请填写职务" in page
        and "请填写办公电话" in page
        and "请填写任职日期" in page
    )
    response = client.post(
        "/workbench/press/spokespersons/",
        {
            "post": "新闻发言人",
            "name": "周婷",
            "title": "副局长",
            "phone": OFFICE_PHONE,
            "appointed_on": "2026-06-01",
        },
    )
    assert response.status_code == 302
    assert Spokesperson.objects.get().name == "周婷"
