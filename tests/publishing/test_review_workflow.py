# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""三审 + 保密审查 (RULES.md §5): each step recorded; rejection returns to draft; one person, one step."""

import pytest
from tests.publishing.builders import draft, review_all, team  # noqa: F401

from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import ReviewStep, State

pytestmark = pytest.mark.django_db


def test_full_path_records_who_when_and_what(team):
    doc = draft(team.clerk)
    doc = actions.submit_document(team.clerk, doc, comment="请审查")
    assert doc.state == State.CHECK
    expected = [
        (team.clerk, State.REVIEW),
        (team.reviewer, State.SIGN_OFF),
        (team.signer, State.SECRECY_REVIEW),
        (team.secrecy, State.READY),
    ]
    for person, next_state in expected:
        doc = actions.approve_step(person, doc, comment=f"{person}同意")
        assert doc.state == next_state
    steps = list(doc.review_steps.values_list("step", "decision", "actor__username", "comment"))
    assert steps == [
        ("draft", "submitted", "liming", "请审查"),
        ("check", "approved", "liming", "李明同意"),
        ("review", "approved", "wangfang", "王芳同意"),
        ("sign_off", "approved", "zhangwei", "张伟同意"),
        ("secrecy_review", "approved", "sunli", "孙丽同意"),
    ]
    assert all(step.at for step in doc.review_steps.all())


@pytest.mark.parametrize("steps_before", [0, 1, 2, 3])
def test_rejection_at_any_step_returns_to_draft_with_the_reason(team, steps_before):
    doc = actions.submit_document(team.clerk, draft(team.clerk))
    people = [team.clerk, team.reviewer, team.signer, team.secrecy]
    for person in people[:steps_before]:
        doc = actions.approve_step(person, doc)
    rejected_at = doc.state
    doc = actions.reject_step(people[steps_before], doc, comment="数据有误，请核实")
    assert doc.state == State.DRAFT
    last = doc.review_steps.last()
    assert (last.step, last.decision, last.comment) == (rejected_at, "rejected", "数据有误，请核实")


def test_rejection_needs_a_reason(team):
    doc = actions.submit_document(team.clerk, draft(team.clerk))
    with pytest.raises(ActionRefused, match="理由"):
        actions.reject_step(team.clerk, doc, comment=" ")
    doc.refresh_from_db()
    assert doc.state == State.CHECK


def test_after_rejection_review_starts_again(team):
    doc = actions.submit_document(team.clerk, draft(team.clerk))
    doc = actions.approve_step(team.clerk, doc)
    doc = actions.reject_step(team.reviewer, doc, comment="补充依据")
    doc = actions.update_document(team.clerk, doc, body="<p>补充了依据。</p>")
    doc = review_all(doc, team)
    assert doc.state == State.READY and doc.review_round == 2


def test_the_same_person_cannot_take_two_steps(team, county):
    from gongkai.agencies.models import Role

    team.reviewer.roles.create(role=Role.SIGNER)
    reviewer = type(team.reviewer).objects.get(pk=team.reviewer.pk)  # fresh role cache
    doc = actions.submit_document(team.clerk, draft(team.clerk))
    doc = actions.approve_step(team.clerk, doc)
    doc = actions.approve_step(reviewer, doc)
    with pytest.raises(ActionRefused, match="同一人不能办理两个审查环节"):
        actions.approve_step(reviewer, doc)
    actions.set_publishing_policy(None, county.finance, allow_same_person=True)
    doc = actions.approve_step(reviewer, doc)
    assert doc.state == State.SECRECY_REVIEW


@pytest.mark.parametrize(
    "who, message",
    [("reviewer", "信息公开工作人员"), ("outsider", "其他机关")],
)
def test_wrong_person_is_refused_and_nothing_changes(team, chen_jing, who, message):
    doc = actions.submit_document(team.clerk, draft(team.clerk))
    person = team.reviewer if who == "reviewer" else chen_jing
    with pytest.raises(ActionRefused, match=message):
        actions.approve_step(person, doc)
    doc.refresh_from_db()
    assert doc.state == State.CHECK and doc.review_steps.count() == 1


def test_wrong_state_is_refused(team):
    doc = draft(team.clerk)
    with pytest.raises(ActionRefused, match="当前状态为“草稿”，不能审查通过"):
        actions.approve_step(team.clerk, doc)


def test_policy_switches_steps_off_but_never_secrecy(team, county):
    actions.set_publishing_policy(None, county.finance, check_on=False, review_on=False, sign_off_on=False)
    doc = actions.submit_document(team.clerk, draft(team.clerk))
    assert doc.state == State.SECRECY_REVIEW
    doc = actions.approve_step(team.secrecy, doc)
    assert doc.state == State.READY


def test_department_submits_to_the_office_that_publishes(team, county, zhao_qiang):
    from tests.conftest import PASSWORD

    from gongkai.agencies.actions import create_staff
    from gongkai.agencies.models import Role

    office_reviewer = create_staff(
        None, username="officerev", password=PASSWORD, agency=county.office, full_name="周敏",
        roles=[Role.REVIEWER, Role.CLERK],
    )  # fmt: skip
    actions.set_publishing_policy(None, county.finance, publish_via=county.office)
    doc = review_all(draft(team.clerk), team)
    assert doc.state == State.VIA_REVIEW and doc.via_agency == county.office
    with pytest.raises(ActionRefused, match="此环节应由其他机关办理"):
        actions.approve_step(team.reviewer, doc)  # the department cannot pass the office's step
    doc = actions.approve_step(office_reviewer, doc, comment="审核通过")
    assert doc.state == State.READY
    with pytest.raises(ActionRefused, match="此环节应由其他机关办理"):
        actions.publish_document(team.clerk, doc)  # the office publishes
    doc = actions.publish_document(office_reviewer, doc)
    assert doc.state == State.PUBLISHED
    assert doc.review_steps.filter(step=State.VIA_REVIEW, agency=county.office).exists()
    assert ReviewStep.objects.filter(document=doc, decision="published", actor=office_reviewer).exists()


def test_every_step_is_audited(team):
    from gongkai.audit.models import AuditEntry

    review_all(draft(team.clerk), team)
    actions_seen = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions_seen[-6:] == [
        "publishing.document.create", "publishing.document.submit", "publishing.document.approve",
        "publishing.document.approve", "publishing.document.approve", "publishing.document.approve",
    ]  # fmt: skip
