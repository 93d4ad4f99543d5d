# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Interpretations are screened like documents, and their open findings block publication."""

import pytest
from django.urls import reverse
from tests.publishing.builders import draft, review_all, team  # noqa: F401

from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import Finding, State

pytestmark = pytest.mark.django_db

WITH_PHONE = "<p>咨询电话：13812345678。</p>"


def _to_secrecy(obj, team):
    obj = actions.submit_document(team.clerk, obj)
    for person in (team.clerk, team.reviewer, team.signer):
        obj = actions.approve_step(person, obj)
    return obj


def _interpretation(team, doc, body=WITH_PHONE):
    return actions.create_interpretation(
        team.clerk, title="《预算公开通知》政策解读", documents=[doc], body=body
    )


def test_an_interpretation_is_screened_when_drafted(team):
    item = _interpretation(team, draft(team.clerk))
    (finding,) = item.findings.all()
    assert (finding.kind, finding.suggestion, finding.document) == ("mobile", "138****5678", None)


def test_secrecy_review_of_an_interpretation_is_blocked_while_open(team):
    item = _to_secrecy(_interpretation(team, draft(team.clerk)), team)
    with pytest.raises(
        ActionRefused, match="还有1项筛查发现未处理（遮盖或说明理由后同意保留），保密审查不能通过"
    ):
        actions.approve_step(team.secrecy, item)
    actions.redact_finding(team.secrecy, item.findings.get())
    item.refresh_from_db()
    assert "138****5678" in item.body and "13812345678" not in item.body
    item = actions.approve_step(team.secrecy, item)
    assert item.state == State.READY


def _ready_with_new_finding(team):
    """An approved interpretation in which a newly listed forbidden word is found on screening again."""
    doc = review_all(draft(team.clerk), team)
    item = review_all(_interpretation(team, doc, body="<p>本解读附有测试专用禁词的说明。</p>"), team)
    assert item.state == State.READY
    actions.add_forbidden_word(None, "测试专用禁词")
    actions.documents._screen(item)
    return doc, item


def test_publishing_the_document_is_blocked_by_its_interpretations_findings(team):
    doc, item = _ready_with_new_finding(team)
    with pytest.raises(
        ActionRefused, match="随文件同步发布的解读“《预算公开通知》政策解读”还有筛查发现未处理"
    ):
        actions.publish_document(team.clerk, doc)
    doc.refresh_from_db()
    assert doc.state == State.READY


def test_publish_interpretation_is_blocked_then_publishes(team):
    doc, item = _ready_with_new_finding(team)
    with pytest.raises(ActionRefused, match="还有1项筛查发现未处理，不能发布"):
        actions.publish_interpretation(team.clerk, item)
    actions.redact_finding(team.clerk, item.findings.get(resolution=Finding.Resolution.OPEN))
    item = actions.publish_interpretation(team.clerk, item, comment="文件发布后补发")
    assert item.state == State.PUBLISHED and item.published_at
    assert item.review_steps.filter(decision="published", comment="文件发布后补发").exists()


def test_findings_on_the_interpretation_page(team, client):
    item = _interpretation(team, draft(team.clerk))
    client.force_login(team.clerk)
    url = reverse("publishing:interpretation_detail", args=[item.pk])
    page = client.get(url).content.decode()
    findings = page[page.index("findings-title") : page.index("</section>", page.index("findings-title"))]
    assert "待处理 1 项" in findings and "138****5678" in findings and "13812345678" not in findings
    client.post(url, {"action": "redact", "finding": item.findings.get().pk})
    assert item.findings.get().resolution == Finding.Resolution.REDACTED
