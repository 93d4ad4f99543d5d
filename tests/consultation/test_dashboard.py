"""The supervisor's dashboard (督查看板) and the 待办 list."""

from datetime import date

from .conftest import at, comment, opened


def test_panel_lists_only_consultations_in_scope_and_flags_overdue_reports(
    client, li_ming, wang_fang, zhao_qiang, chen_jing, settings
):
    from gongkai.agencies.models import Role
    from tests.conftest import _person

    settings.GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS = 30
    ours = opened(li_ming, wang_fang)
    comment(ours)
    theirs_clerk = _person("ljclerk", "邻县办事员", chen_jing.agency, Role.CLERK)
    theirs_reviewer = _person("ljrev", "邻县审核人", chen_jing.agency, Role.REVIEWER)
    theirs = opened(theirs_clerk, theirs_reviewer, title="邻县的草案")
    client.force_login(zhao_qiang)
    page = client.get("/workbench/dashboard/").content.decode()
    assert ours.title in page and theirs.title not in page
    assert "正在征求意见" in page
    with at(date(2026, 7, 10)):  # closed 2026-06-04, 36 days ago, no report
        client.force_login(zhao_qiang)
        page = client.get("/workbench/dashboard/").content.decode()
    assert 'class="overdue"' in page and "超过30天未公布意见采纳情况" in page
    assert f'href="/workbench/consultations/{ours.pk}/report/"' in page  # where it is fixed


def test_todo_items(li_ming, wang_fang, consultation):
    from gongkai.consultation.queries import todo_items

    comment(consultation, key="a")
    comment(consultation, "另一条意见内容。", key="b")
    titles = [i.title for i in todo_items(wang_fang)]
    assert titles == ["征求意见“示范县政府性债务管理办法（征求意见稿）”：2条意见待审核"]
    with at(date(2026, 6, 2)):
        items = todo_items(li_ming)
    assert [i.status for i in items] == ["意见待审核公开", "征求意见中"]
    assert items[1].urgency == "due_soon"


def test_metrics(consultation, li_ming):
    from gongkai.common import registry

    comment(consultation)
    m = registry.metrics()
    start, end = date(2026, 5, 1), date(2026, 5, 31)
    assert m["consultation.comments.received"].fn(start, end) == {li_ming.agency_id: 1}
    assert m["consultation.consultations.opened"].fn(start, end, [li_ming.agency_id]) == {
        li_ming.agency_id: 1
    }
