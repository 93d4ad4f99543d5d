"""Another domain's item published into the catalog through the core registry (oversight's annual
report): a published document of the agency with its 索引号, the item's page linked, its files
attached; publishing it again updates the same document; the 年度报告 block of the portal lists it."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common import registry
from gongkai.publishing.catalog_items import publish_catalog_item
from gongkai.publishing.models import Document
from gongkai.publishing.portal_blocks import annual_reports_block

pytestmark = pytest.mark.django_db


def _item(county, **extra):
    fields = {
        "key": "oversight.report:7",
        "agency": county.finance,
        "title": "示范县财政局2025年政府信息公开工作年度报告",
        "summary": "2025年，本机关全年主动公开政府信息120条。",
        "url": "/oversight/reports/7/",
    }
    return registry.CatalogItem(**(fields | extra))


def test_the_registry_reaches_publishing(county, wang_fang):
    url = registry.publish_to_catalog(wang_fang, _item(county))
    doc = Document.objects.get()
    assert url == doc.get_absolute_url()
    assert doc.state == "published" and doc.index_number and doc.agency == county.finance
    assert doc.title == "示范县财政局2025年政府信息公开工作年度报告"
    assert '<a href="/oversight/reports/7/">' in doc.body
    codes = list(
        AuditEntry.objects.filter(object_type="publishing.document", object_id=str(doc.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert codes == ["publishing.document.create", "publishing.document.publish"]
    with registry.restoring():
        registry.unregister_catalog_publisher()
        assert registry.publish_to_catalog(wang_fang, _item(county)) == ""


def test_publishing_again_updates_the_one_document(county, wang_fang):
    import io

    from openpyxl import Workbook

    book = io.BytesIO()
    Workbook().save(book)
    publish_catalog_item(wang_fang, _item(county))
    index = Document.objects.get().index_number
    publish_catalog_item(
        wang_fang, _item(county, summary="更正后的概述。", attachments=(("报告.xlsx", book.getvalue()),))
    )
    doc = Document.objects.get()
    assert doc.index_number == index and "更正后的概述。" in doc.body
    assert [(a.name, a.kind) for a in doc.attachments.all()] == [("报告.xlsx", "xlsx")]


def test_the_annual_reports_block_lists_it(county, wang_fang, rf):
    from gongkai.portal.sites import site_for_host

    publish_catalog_item(wang_fang, _item(county))
    site = site_for_host("testserver")  # the default site, over every agency
    block = annual_reports_block(rf.get("/"), site)
    assert [d.title for d in block["documents"]] == ["示范县财政局2025年政府信息公开工作年度报告"]
