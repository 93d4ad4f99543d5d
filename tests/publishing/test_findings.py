# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Screening inside the workflow: no publication while a finding is open; redact or accept, audited."""

import pytest
from tests.publishing.builders import draft, team  # noqa: F401

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import Finding, State

pytestmark = pytest.mark.django_db

WITH_PHONE = "<p>联系人：李四，电话13812345678。</p>"


def _to_secrecy(doc, team):
    doc = actions.submit_document(team.clerk, doc)
    for person in (team.clerk, team.reviewer, team.signer):
        doc = actions.approve_step(person, doc)
    return doc


def test_findings_are_made_when_drafting(team):
    doc = draft(team.clerk, body=WITH_PHONE)
    (finding,) = doc.findings.all()
    assert (finding.kind, finding.text, finding.suggestion) == ("mobile", "13812345678", "138****5678")


def test_secrecy_review_and_publication_are_blocked_while_open(team):
    doc = _to_secrecy(draft(team.clerk, body=WITH_PHONE), team)
    with pytest.raises(ActionRefused, match="1项筛查发现未处理"):
        actions.approve_step(team.secrecy, doc)
    doc.refresh_from_db()
    assert doc.state == State.SECRECY_REVIEW


def test_redacting_masks_the_published_text(team):
    doc = _to_secrecy(draft(team.clerk, body=WITH_PHONE), team)
    actions.redact_finding(team.secrecy, doc.findings.get())
    doc = actions.approve_step(team.secrecy, doc)
    doc = actions.publish_document(team.clerk, doc)
    assert "138****5678" in doc.body and "13812345678" not in doc.body
    assert doc.revisions.last().note == "遮盖手机号码"
    assert AuditEntry.objects.filter(action="publishing.finding.redact").exists()


def test_accepting_needs_the_secrecy_reviewer_and_a_reason(team):
    doc = _to_secrecy(draft(team.clerk, body="<p>举报电话：13812345678（24小时）</p>"), team)
    finding = doc.findings.get()
    with pytest.raises(ActionRefused, match="保密审查员"):
        actions.accept_finding(team.clerk, finding, reason="公开的举报电话")
    with pytest.raises(ActionRefused, match="理由"):
        actions.accept_finding(team.secrecy, finding, reason="")
    finding = actions.accept_finding(team.secrecy, finding, reason="公开的举报电话，应当公开")
    assert finding.resolution == Finding.Resolution.ACCEPTED and finding.resolved_by == team.secrecy
    doc = actions.publish_document(team.clerk, actions.approve_step(team.secrecy, doc))
    assert "13812345678" in doc.body
    assert AuditEntry.objects.get(action="publishing.finding.accept").note == "公开的举报电话，应当公开"


def test_a_finding_that_was_edited_away_is_gone(team):
    doc = draft(team.clerk, body=WITH_PHONE)
    doc = actions.update_document(team.clerk, doc, body="<p>联系人：李四。</p>")
    assert doc.findings.get().resolution == Finding.Resolution.GONE


def test_forbidden_words_come_from_the_administrators_list(team):
    actions.add_forbidden_word(None, "内部测试词")
    doc = draft(team.clerk, body="<p>这里有内部测试词。</p>")
    assert list(doc.findings.values_list("kind", "text")) == [("forbidden_word", "内部测试词")]


def test_secrecy_marking_but_not_the_phrase(team):
    doc = draft(team.clerk, body="<p>秘密★1年</p><p>严守国家秘密，不得泄露。</p>")
    assert list(doc.findings.values_list("kind", "text")) == [("secrecy_mark", "秘密★1年")]
