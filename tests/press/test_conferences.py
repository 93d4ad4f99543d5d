"""A press conference from the calendar to its transcript: date and time required, the workflow,
the transcript before publication, the released documents."""

from datetime import datetime

import pytest
import time_machine

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.press import actions
from gongkai.press.models import ConferenceState, PressConference
from tests.press.conftest import at, conference


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        (None, "请填写发布会的召开日期和时间"),
        ("", "请填写发布会的召开日期和时间"),
        (datetime(2026, 12, 10).date(), "召开时间要包括日期和具体时刻"),
    ],
)
def test_a_conference_without_a_date_and_time_is_refused(li_ming, starts_at, message):
    with pytest.raises(ActionRefused, match=message) as info:
        actions.create_conference(li_ming, topic="预算发布会", starts_at=starts_at, place="发布厅")
    assert info.value.field == "starts_at"
    assert not PressConference.objects.exists()


def test_the_form_without_a_date_says_so_and_keeps_what_was_typed(client, li_ming):
    client.force_login(li_ming)
    response = client.post(
        "/workbench/press/new/",
        {"topic": "预算发布会", "kind": "regular", "starts_at": "", "place": "",
         "speakers-TOTAL_FORMS": "4", "speakers-INITIAL_FORMS": "0",
         "speakers-0-name": "周婷", "speakers-0-title": ""},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "请填写发布会的召开日期和时间" in page and "请填写召开地点" in page
    assert "请同时填写发布人的姓名和职务" in page
    assert 'value="预算发布会"' in page
    assert not PressConference.objects.exists()


def test_created_through_the_form(client, li_ming, today):
    client.force_login(li_ming)
    response = client.post(
        "/workbench/press/new/",
        {"topic": "预算发布会", "kind": "economic", "starts_at": "2026-12-10T15:00", "place": "县政府新闻发布厅",
         "speakers-TOTAL_FORMS": "4", "speakers-INITIAL_FORMS": "0",
         "speakers-0-name": "钱江", "speakers-0-title": "县财政局局长", "speakers-0-is_head": "on",
         "speakers-1-name": "周婷", "speakers-1-title": "新闻发言人"},
    )  # fmt: skip
    item = PressConference.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/workbench/press/{item.pk}/"
    assert item.starts_at == at(2026, 12, 10) and item.head_attended and item.kind == "economic"
    assert [s.name for s in item.speakers.all()] == ["钱江", "周婷"]
    assert AuditEntry.objects.filter(action="press.conference.create", object_id=str(item.pk)).exists()


def test_from_planned_to_live_to_held_to_published(li_ming, today):
    item = conference(li_ming, at(2026, 12, 3, 9), held=False)
    actions.start_conference(li_ming, item)
    item = actions.finish_conference(li_ming, item)
    assert item.state == ConferenceState.HELD
    with pytest.raises(ActionRefused, match="请先填写发布会实录，再发布"):
        actions.publish_conference(li_ming, item)
    actions.update_transcript(li_ming, item, transcript="主持人：各位记者朋友，上午好。")
    item = actions.publish_conference(li_ming, item)
    assert item.state == ConferenceState.PUBLISHED and item.published_at is not None
    codes = list(AuditEntry.objects.filter(object_id=str(item.pk), object_type="press.pressconference")
                 .values_list("action", flat=True).order_by("seq"))  # fmt: skip
    assert codes == [
        "press.conference.create", "press.conference.start", "press.conference.finish",
        "press.transcript.update", "press.conference.publish",
    ]  # fmt: skip


def test_a_conference_cannot_be_recorded_as_held_before_its_time(li_ming, today):
    item = conference(li_ming, at(2026, 12, 10), held=False)
    with pytest.raises(ActionRefused, match="发布会定于2026-12-10 15:00召开，尚未到召开时间"):
        actions.record_conference(li_ming, item)


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("finish", "发布会当前状态为“计划召开”，不能结束直播（仅在正在直播时可以）"),
        ("publish", "发布会当前状态为“计划召开”，不能发布实录（仅在已召开时可以）"),
    ],
)
def test_the_workflow_refuses_out_of_order(li_ming, today, action, message):
    item = conference(li_ming, at(2026, 12, 10), held=False)
    with pytest.raises(ActionRefused, match=message):
        getattr(actions, f"{action}_conference")(li_ming, item)


def test_only_the_agency_acts(li_ming, chen_jing, zhao_qiang, today):
    item = conference(li_ming, at(2026, 12, 3, 9), held=False)
    with pytest.raises(ActionRefused, match="开始文字直播需要以下角色之一"):
        actions.start_conference(zhao_qiang, item)  # supervisors oversee, they do not hold it
    with pytest.raises(ActionRefused, match="只有举办机关（示范县财政局）的工作人员可以开始文字直播"):
        actions.start_conference(chen_jing, item)


def test_cancel_needs_a_reason_and_leaves_the_calendar_saying_so(client, li_ming, today):
    item = conference(li_ming, at(2026, 12, 10), held=False)
    client.force_login(li_ming)
    response = client.post(f"/workbench/press/{item.pk}/act/cancel/", {"reason": ""})
    assert "请填写取消原因" in response.content.decode()
    client.post(f"/workbench/press/{item.pk}/act/cancel/", {"reason": "因故推迟"})
    item.refresh_from_db()
    assert item.state == ConferenceState.CANCELLED and item.cancel_reason == "因故推迟"
    client.logout()
    assert client.get(f"/press/{item.pk}/").status_code == 404


def test_released_documents_must_be_public(li_ming, today):
    from gongkai.publishing import actions as publishing
    from gongkai.publishing.models import Document

    item = conference(li_ming, at(2026, 12, 1))
    draft = publishing.create_document(
        li_ming, title="2026年县级预算草稿", made_on=datetime(2026, 11, 1).date()
    )
    with pytest.raises(ActionRefused, match="《2026年县级预算草稿》尚未主动公开，不能关联"):
        actions.link_releases(li_ming, item, documents=[draft])
    assert not item.documents.exists()
    assert Document.objects.count() == 1


def test_editing_a_published_conference_is_refused(li_ming, today):
    item = conference(li_ming, at(2026, 12, 1))
    actions.update_transcript(li_ming, item, transcript="实录")
    actions.publish_conference(li_ming, item)
    with pytest.raises(ActionRefused, match="发布会实录已发布，不能再修改"):
        actions.update_conference(
            li_ming, item, topic="新主题", starts_at=at(2026, 12, 1), place="x", kind="regular"
        )
    with time_machine.travel(at(2026, 12, 4), tick=False):
        with pytest.raises(ActionRefused, match="实录已发布，不能清空"):
            actions.update_transcript(li_ming, item, transcript="  ")
