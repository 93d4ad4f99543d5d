# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Personal data in 筛查发现 is masked on the staff pages; shown in clear only with a reason, audited."""

import pytest
from django.urls import reverse
from tests.publishing.builders import draft, team  # noqa: F401

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import FindingReveal

pytestmark = pytest.mark.django_db

WITH_DATA = "<p>联系人：李四，电话13812345678，身份证号11010519491231002X。</p>"


def test_the_detail_page_shows_personal_findings_masked(team, client):
    doc = draft(team.clerk, body="<p>电话13812345678。</p>")
    client.force_login(team.reviewer)
    page = client.get(reverse("publishing:detail", args=[doc.pk])).content.decode()
    findings = page[page.index("findings-title") : page.index("</section>", page.index("findings-title"))]
    assert "138****5678" in findings and "13812345678" not in findings
    assert reverse("publishing:finding_reveal", args=[doc.findings.get().pk]) in findings


def test_reveal_needs_a_reason_and_is_logged_and_audited(team, client):
    doc = draft(team.clerk, body=WITH_DATA)
    finding = doc.findings.get(kind="resident_id")
    url = reverse("publishing:finding_reveal", args=[finding.pk])
    client.force_login(team.secrecy)
    page = client.get(url).content.decode()
    assert "11010519491231002X" not in page
    response = client.post(url, {"reason": ""})
    assert "请填写查看事由" in response.content.decode() and not FindingReveal.objects.exists()
    response = client.post(url, {"reason": "核对身份证号是否为公示所需"})
    assert "11010519491231002X" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    (reveal,) = FindingReveal.objects.all()
    assert (reveal.staff, reveal.reason) == (team.secrecy, "核对身份证号是否为公示所需")
    entry = AuditEntry.objects.filter(action="publishing.finding.reveal").get()
    assert "核对身份证号" in entry.note and "11010519491231002X" not in str(entry.after)


def test_staff_of_another_agency_cannot_reveal(team, liu_yang, zhao_qiang):
    doc = draft(team.clerk, body=WITH_DATA)
    finding = doc.findings.get(kind="mobile")
    for outsider in (liu_yang, zhao_qiang):
        with pytest.raises(ActionRefused, match="只有示范县财政局的工作人员可以查看筛查发现的完整内容"):
            actions.reveal_finding(outsider, finding, reason="好奇")
    assert not FindingReveal.objects.exists()


def test_the_reveal_page_is_not_found_outside_the_scope(team, client, chen_jing):
    doc = draft(team.clerk, body=WITH_DATA)
    client.force_login(chen_jing)
    url = reverse("publishing:finding_reveal", args=[doc.findings.first().pk])
    assert client.get(url).status_code == 404


def test_accepting_keeps_no_personal_data_in_the_audit_trail(team):
    doc = draft(team.clerk, body=WITH_DATA)
    actions.accept_finding(team.secrecy, doc.findings.get(kind="mobile"), reason="为公开的举报电话")
    entry = AuditEntry.objects.filter(action="publishing.finding.accept").get()
    assert "13812345678" not in str(entry.after) and "138****5678" in str(entry.after)
