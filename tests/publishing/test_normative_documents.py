# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""行政规范性文件 at 审发: 文号, 成文日期, and an interpretation drafted with it or the signer's reason
(国办发〔2016〕80号: 同步组织、同步审签); its limit is 5 working days from 成文日期 (RULES.md §5)."""

import datetime as dt

import pytest
from tests.publishing.builders import draft, normative, review_all, team  # noqa: F401

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import State

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        ({"doc_number": ""}, "行政规范性文件须填写文号", "doc_number"),
        ({"written_on": None}, "行政规范性文件须填写成文日期", "written_on"),
        ({"doc_number": "", "written_on": None}, "行政规范性文件须填写文号和成文日期", "doc_number"),
    ],
)
def test_no_submission_without_number_and_date(team, fields, message, field):
    doc = normative(team.clerk, made_on=dt.date(2026, 11, 2), **fields)
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.submit_document(team.clerk, doc)
    assert refused.value.field == field
    doc.refresh_from_db()
    assert doc.state == State.DRAFT


def _to_sign_off(doc, team):
    doc = actions.submit_document(team.clerk, doc)
    doc = actions.approve_step(team.clerk, doc)
    doc = actions.approve_step(team.reviewer, doc)
    assert doc.state == State.SIGN_OFF
    return doc


def test_number_removed_during_review_stops_sign_off(team):
    doc = _to_sign_off(normative(team.clerk), team)
    type(doc).objects.filter(pk=doc.pk).update(doc_number="")  # e.g. an import overwrote it
    with pytest.raises(ActionRefused, match="行政规范性文件须填写文号"):
        actions.approve_step(team.signer, doc, interpretation_waiver="随后解读")


def test_signer_must_give_a_reason_when_there_is_no_interpretation(team):
    doc = _to_sign_off(normative(team.clerk), team)
    with pytest.raises(
        ActionRefused, match="没有同步起草的政策解读：审发时须说明未同步解读的理由"
    ) as refused:
        actions.approve_step(team.signer, doc, comment="同意")
    assert refused.value.field == "waiver"
    doc.refresh_from_db()
    assert doc.state == State.SIGN_OFF
    doc = actions.approve_step(team.signer, doc, comment="同意", interpretation_waiver="解读材料随文印发")
    assert doc.state == State.SECRECY_REVIEW and doc.interpretation_waiver == "解读材料随文印发"
    entry = AuditEntry.objects.filter(action="publishing.document.approve").order_by("-seq").first()
    assert entry.actor == team.signer and entry.note == "同意；未同步解读的理由：解读材料随文印发"


def test_an_interpretation_drafted_with_it_needs_no_reason(team):
    doc = normative(team.clerk)
    actions.create_interpretation(team.clerk, title="政策解读", documents=[doc], body="<p>背景和依据</p>")
    doc = _to_sign_off(doc, team)
    doc = actions.approve_step(team.signer, doc)
    assert doc.state == State.SECRECY_REVIEW and doc.interpretation_waiver == ""


def test_ordinary_documents_are_not_asked(team):
    doc = review_all(draft(team.clerk), team)
    assert doc.state == State.READY


def test_the_sign_off_form_asks_the_signer_for_the_reason(client, team):
    doc = _to_sign_off(normative(team.clerk), team)
    client.force_login(team.signer)
    url = f"/workbench/publishing/{doc.pk}/do/approve/"
    assert "未同步解读的理由（审发人填写）" in client.get(url).content.decode()
    page = client.post(url, {"comment": "同意"}).content.decode()
    assert "审发时须说明未同步解读的理由" in page
    assert client.post(url, {"comment": "同意", "waiver": "随文印发"}).status_code == 302
    doc.refresh_from_db()
    assert doc.interpretation_waiver == "随文印发"


@pytest.mark.parametrize(
    ("written_on", "made_on", "due"),
    [
        # 成文日期 Mon 2026-11-02: 11-03..11-06 = 4, Mon 11-09 = 5 (not 20 days from made_on).
        (dt.date(2026, 11, 2), dt.date(2026, 11, 16), dt.date(2026, 11, 9)),
        # 成文日期 Mon 2026-09-28: 09-29, 09-30 = 2; 10-01..10-07 国庆节; 10-08, 10-09 = 4; Sat 10-10 = 5.
        (dt.date(2026, 9, 28), dt.date(2026, 9, 28), dt.date(2026, 10, 10)),
        # No 成文日期 yet: still 5 days, from 生成日期 Mon 11-16 → Mon 11-23.
        (None, dt.date(2026, 11, 16), dt.date(2026, 11, 23)),
    ],
)
def test_normative_limit_is_five_working_days_from_the_written_date(team, written_on, made_on, due):
    doc = normative(team.clerk, written_on=written_on, made_on=made_on)
    assert doc.due_on == due
