"""The scheduled job `message_reminders`: due soon, overdue and the veto warning, each once;
--dry-run records nothing. 催办 and 督办 by people are shown to the responder until seen."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.common.errors import ActionRefused
from gongkai.interaction import actions, queries
from gongkai.interaction.models import Reminder


def run(*args) -> str:
    out = StringIO()
    call_command("message_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def assigned(message, zhou_min, county, li_ming, wu_lei):
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    actions.assign_responder(li_ming, message, responder=wu_lei)
    message.refresh_from_db()
    return message


def test_due_soon_then_overdue_each_once(assigned, monday):
    assert "将于2026年3月9日到期" in run("--today", "2026-03-05", "--dry-run")
    assert not Reminder.objects.exists()
    run("--today", "2026-03-05")
    run("--today", "2026-03-05")
    assert list(Reminder.objects.values_list("auto_key", flat=True)) == ["due_soon:2026-03-09"]
    run("--today", "2026-03-10")
    run("--today", "2026-03-11")
    assert list(Reminder.objects.values_list("auto_key", flat=True)) == [
        "due_soon:2026-03-09",
        "overdue:2026-03-09",
    ]


def test_veto_warning_after_sixty_days(assigned, monday):
    assert run("--today", "2026-04-30", "--dry-run").count("3个月") == 0
    run("--today", "2026-05-01")  # 60 days after 2 March
    texts = list(Reminder.objects.filter(kind="supervise").values_list("text", flat=True))
    assert texts == [
        "留言自2026年3月2日收到尚未答复，2026年6月2日后即超过3个月（政府网站检查单项否决项），请优先办理"
    ]


def test_veto_warning_list(assigned, monday, zhao_qiang):
    monday.shift(timedelta(days=59))
    assert queries.veto_warnings(queries.messages_for(zhao_qiang)) == []
    monday.shift(timedelta(days=1))
    rows = queries.veto_warnings(queries.messages_for(zhao_qiang))
    assert [(r.message.pk, r.veto) for r in rows] == [(assigned.pk, "warning")]
    monday.shift(timedelta(days=33))  # 3 June: more than 3 months
    assert [r.veto for r in queries.veto_warnings(queries.messages_for(zhao_qiang))] == ["vetoed"]


def test_answered_messages_leave_the_veto_list(
    assigned, monday, zhao_qiang, wu_lei, wang_fang, zhou_min, county
):
    from .conftest import answer

    answer(assigned, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    monday.shift(timedelta(days=80))
    assert queries.veto_warnings(queries.messages_for(zhao_qiang)) == []


def test_supervision_is_shown_to_the_responder_until_seen(client, assigned, zhao_qiang, wu_lei):
    actions.supervise_message(zhao_qiang, assigned, text="请于本周内答复")
    items = [i for i in queries.todo_items(wu_lei) if assigned.receipt_code in i.title]
    assert "有未读的催办、督办" in items[0].status
    client.force_login(wu_lei)
    page = client.get(f"/workbench/messages/{assigned.pk}/").content.decode()
    assert "督办（县政府办" in page or "督办（示范县人民政府办公室" in page
    assert Reminder.objects.get().seen_at is not None


def test_remind_by_another_agency_is_refused(assigned, county, wang_fang):
    with pytest.raises(ActionRefused, match="催办需要以下角色之一|只有交办单位"):
        actions.remind_message(wang_fang, assigned, text="快办")


def test_a_calendar_change_reaches_the_lists(assigned, monday, django_capture_on_commit_callbacks):
    """A local holiday on 6 March moves the clock; the job copies the new due date into the lists."""
    from datetime import date

    from gongkai.interaction.models import Message
    from gongkai.workdays.actions import set_calendar_override

    with django_capture_on_commit_callbacks(execute=True):  # the clocks are recomputed on commit
        set_calendar_override(None, day=date(2026, 3, 6), kind="holiday", name="本地节日")
    assert Message.objects.get(pk=assigned.pk).due_on == date(2026, 3, 9)
    run("--today", "2026-03-03")
    assert Message.objects.get(pk=assigned.pk).due_on == date(2026, 3, 10)
