"""The audit page: scoped, in Chinese, filtered by app, object and person; old rows still verify."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.audit import vocabulary
from gongkai.audit.actions import record_audit, verify_chain
from gongkai.publishing.actions import create_document


@pytest.fixture
def old_style(monkeypatch):
    """record_audit as it was before the vocabulary: writes whatever code it is given."""

    def write(**kwargs):
        with monkeypatch.context() as patch:
            patch.setattr(vocabulary, "normalise", lambda code: code)
            return record_audit(**kwargs)

    return write


def rows(page: str) -> int:
    return page.count("<tr><td>")


def test_clerk_without_audit_role_is_refused(client, li_ming):
    client.force_login(li_ming)
    assert client.get(reverse("audit:log")).status_code == 403


def test_signer_sees_own_agency_entries_only(client, county, zhang_wei):
    client.force_login(zhang_wei)
    page = client.get(reverse("audit:log")).content.decode()
    assert "示范县财政局" in page and "示范县住房和城乡建设局" not in page


def test_staff_read_labels_not_codes(client, county, zhang_wei, li_ming, old_style):
    doc = create_document(li_ming, title="关于预算公开的通知")
    old_style(actor=li_ming, action="document.publish", target=doc)
    old_style(actor=li_ming, action="admin.change.staff", target=li_ming, agency=county.finance)
    client.force_login(zhang_wei)
    page = client.get(reverse("audit:log")).content.decode()
    assert "<td>新建政府信息</td>" in page and "<td>发布</td>" in page and "<td>新建机关</td>" in page
    assert "<td>系统管理：修改工作人员</td>" in page
    for code in ("publishing.document.create", "document.publish", "agencies.agency.create", "admin.change"):
        assert code not in page


def test_old_rows_keep_their_code_and_the_chain_verifies(county, li_ming, old_style, capsys):
    doc = create_document(li_ming, title="关于预算公开的通知")
    entry = old_style(actor=li_ming, action="document.publish", target=doc)
    record_audit(actor=li_ming, action="document.unpublish", target=doc)  # new style after an old row
    entry.refresh_from_db()
    assert entry.action == "document.publish" and entry.action_label == "发布"
    assert verify_chain().ok
    call_command("audit", "verify")
    assert "审计链完好" in capsys.readouterr().out


def test_the_app_filter_finds_new_and_legacy_rows_of_publishing(
    client, county, zhang_wei, li_ming, old_style
):
    doc = create_document(li_ming, title="关于预算公开的通知")
    old_style(actor=li_ming, action="document.publish", target=doc)
    old_style(actor=li_ming, action="expert.create", target=doc)
    client.force_login(zhang_wei)
    page = client.get(reverse("audit:log"), {"app": "publishing"}).content.decode()
    assert '<option value="publishing" selected>主动公开</option>' in page
    assert rows(page) == 3 and "新建政府信息" in page and "<td>发布</td>" in page and "登记解读专家" in page
    page = client.get(reverse("audit:log"), {"app": "agencies"}).content.decode()
    assert "关于预算公开的通知" not in page and "新建机关" in page


def test_filters_by_object_and_person(client, county, zhang_wei, li_ming, wang_fang):
    doc = create_document(li_ming, title="关于预算公开的通知")
    client.force_login(zhang_wei)
    by_name = client.get(reverse("audit:log"), {"object": "预算公开"}).content.decode()
    assert rows(by_name) == 1 and "新建政府信息" in by_name
    by_id = client.get(
        reverse("audit:log"), {"object_type": "publishing.document", "object": doc.pk}
    ).content.decode()
    assert rows(by_id) == 1 and "关于预算公开的通知" in by_id
    by_person = client.get(reverse("audit:log"), {"actor": "李明"}).content.decode()
    assert rows(by_person) == 1
    assert rows(client.get(reverse("audit:log"), {"actor": "王芳"}).content.decode()) == 0


def test_audit_list_query_count_is_flat(
    client, county, zhao_qiang, li_ming, old_style, django_assert_max_num_queries
):
    for i in range(30):
        doc = create_document(li_ming, title=f"通知{i}")
        old_style(actor=li_ming, action="document.publish", target=doc)
        old_style(actor=li_ming, action="admin.change.staff", target=li_ming, agency=county.finance)
    client.force_login(zhao_qiang)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("audit:log"))
    assert response.status_code == 200 and rows(response.content.decode()) == 50
