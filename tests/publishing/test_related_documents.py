# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""A document page lists its 解读 and 相关文件: what it replaces, the same 主题分类, the same agency —
only public documents, never itself, none twice, in a fixed number of queries."""

import re

import pytest
from django.urls import reverse
from tests.publishing.builders import draft, published, team  # noqa: F401

from gongkai.publishing import actions
from gongkai.publishing.models import Subject, Validity

pytestmark = pytest.mark.django_db


def _section(page: str, heading: str) -> str:
    """The <ul> that follows a heading of the 相关文件 section."""
    match = re.search(re.escape(heading) + r"[^<]*</h3><ul[^>]*>(.*?)</ul>", page, re.S)
    assert match, heading
    return match.group(1)


def test_related_documents_by_relation_subject_and_agency(team, client, django_assert_max_num_queries):
    finance = Subject.objects.get(parent__name="财政、金融、审计", name="财政")
    audit = Subject.objects.get(parent__name="财政、金融、审计", name="审计")
    doc = published(team, title="示范县财政局关于2026年预算公开的通知", subject=finance)
    old = published(team, title="示范县财政局关于2025年预算公开的通知", subject=finance)
    actions.set_validity(team.clerk, old, validity=Validity.REPEALED, replaced_by=doc, note="新文件替代")
    peer = published(team, title="示范县财政局关于政府采购公开的通知", subject=finance)
    other = published(team, title="示范县财政局关于审计整改情况的公告", subject=audit)
    draft(team.clerk, title="示范县财政局未发布的财政草稿", subject=finance)

    with django_assert_max_num_queries(14):
        page = client.get(doc.get_absolute_url()).content.decode()

    replaces = _section(page, "本文件替代的文件")
    same_subject = _section(page, "同一主题分类（财政、金融、审计\\财政）")
    same_agency = _section(page, "示范县财政局发布的其他文件")
    assert old.title in replaces and old.title not in same_subject + same_agency  # listed once
    assert peer.title in same_subject and other.title not in same_subject
    assert other.title in same_agency and peer.title not in same_agency
    assert "未发布的财政草稿" not in page
    assert f'href="{reverse("publishing:catalog")}?subject={finance.pk}"' in page
    related = page.split('id="related-title"')[1]
    assert doc.title not in related  # never itself


def test_a_document_alone_shows_no_related_section(team, client):
    doc = published(team, subject=None)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert 'id="related-title"' not in page


def test_document_page_has_font_print_and_close_controls_hidden_without_javascript(team, client):
    doc = published(team)
    page = client.get(doc.get_absolute_url()).content.decode()
    tools = re.search(r'<div class="doc-tools no-print" data-gk-tools hidden>(.*?)</div>', page, re.S)
    assert tools, "the document tools are rendered hidden, for modes.js to show"
    for control in ('data-font="l"', 'data-font="m"', 'data-font="s"', "data-print", "data-close"):
        assert control in tools.group(1)
    assert ">打印</button>" in tools.group(1) and ">关闭窗口</button>" in tools.group(1)


def test_another_domain_adds_a_panel_to_the_document_page_through_the_registry(
    team, client, settings, tmp_path
):
    from gongkai.common import registry

    (tmp_path / "panel.html").write_text('<section id="extra">{{ data.note }}（{{ panel.key }}）</section>')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    doc = published(team, title="示范县关于某项重大决策的决定")
    other = published(team, title="示范县财政局另一份文件")

    def context(request, document):
        return {"note": "本决策经公开征求意见"} if document.pk == doc.pk else None

    with registry.restoring():
        registry.register_document_panel("extra", template="panel.html", context=context)
        page = client.get(doc.get_absolute_url()).content.decode()
        other_page = client.get(other.get_absolute_url()).content.decode()
    assert '<section id="extra">本决策经公开征求意见（extra）</section>' in page
    assert 'id="extra"' not in other_page  # None hides the panel
