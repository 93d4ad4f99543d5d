# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Public pages: only published proactive documents; metadata table and meta tags; query counts."""

import pytest
from django.urls import reverse
from tests.publishing.builders import draft, published, team  # noqa: F401

from gongkai.publishing import actions
from gongkai.publishing.models import Column, Subject, UpdateClass

pytestmark = pytest.mark.django_db


@pytest.fixture
def column():
    return actions.create_column(None, name="政策文件", slug="zcwj", update_class=UpdateClass.NOTICE)


def test_document_page_has_the_metadata_table_and_meta_tags(team, client, column, county):
    subject = Subject.objects.get(parent__name="财政、金融、审计", name="财政")
    doc = published(
        team, doc_number="示财发〔2025〕3号", subject=subject, column=column, keywords="预算 公开"
    )
    page = client.get(doc.get_absolute_url()).content.decode()
    for label in ("索引号", "信息名称", "发布机构", "文号", "主题分类", "成文日期", "发布日期", "有效性"):
        assert f'<th scope="row">{label}</th>' in page
    assert doc.index_number in page and "财政、金融、审计\\财政" in page
    assert '<meta name="ArticleTitle" content="示范县财政局关于做好预算公开工作的通知">' in page
    assert '<meta name="ColumnName" content="政策文件">' in page
    assert '<meta name="ContentSource" content="示范县财政局">' in page
    assert '<meta name="PubDate"' in page and '<meta name="SiteIDCode"' in page


def test_drafts_and_non_public_documents_are_not_public(team, client):
    doc = draft(team.clerk)
    assert client.get(reverse("publishing:document", args=[doc.pk])).status_code == 404
    pub = published(team, title="已发布的通知")
    pub = actions.unpublish_document(team.signer, pub, reason="更正")
    assert client.get(reverse("publishing:document", args=[pub.index_number])).status_code == 404
    assert "已发布的通知" not in client.get(reverse("publishing:catalog")).content.decode()


def test_catalog_lists_and_filters_with_a_fixed_number_of_queries(
    team, client, column, django_assert_max_num_queries
):
    for i in range(25):
        published(team, title=f"第{i}号通知", column=column if i % 2 else None)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("publishing:catalog"))
    page = response.content.decode()
    assert response.status_code == 200 and "第 1 / 2 页" in page
    filtered = client.get(reverse("publishing:catalog"), {"column": "zcwj"}).content.decode()
    assert "第1号通知" in filtered and "第2号通知" not in filtered
    assert reverse("publishing:feed_rss", args=["zcwj"]) in filtered


def test_openness_home_shows_the_guide(team, client, county):
    actions.update_guide(
        team.clerk, county.finance, body="<h2>一、公开的主体</h2><p>本机关办公室负责。</p><script>x</script>"
    )
    doc = published(team)
    page = client.get(reverse("publishing:openness", args=[county.finance.pk])).content.decode()
    assert "一、公开的主体" in page and doc.title in page and "<script>x" not in page
    assert county.finance.credit_code in page


def test_feeds_and_sitemap(team, client, column):
    doc = published(team, column=column)
    rss = client.get(reverse("publishing:feed_rss", args=["zcwj"])).content.decode()
    atom = client.get(reverse("publishing:feed_atom", args=["zcwj"])).content.decode()
    assert doc.title in rss and "<rss" in rss and "http://www.w3.org/2005/Atom" in atom
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index and "http://testserver/sitemap-documents.xml" in index
    sitemap = client.get("/sitemap-documents.xml").content.decode()
    assert f"http://testserver{doc.get_absolute_url()}</loc>" in sitemap


def test_interpretations_list_links_back_to_documents(team, client):
    from tests.publishing.builders import normative, review_all

    doc = normative(team.clerk)
    item = actions.create_interpretation(team.clerk, title="一图读懂预算公开", documents=[doc])
    doc = review_all(doc, team)
    item = review_all(item, team)
    doc = actions.publish_document(team.clerk, doc)
    listing = client.get(reverse("publishing:interpretations")).content.decode()
    assert item.title in listing and doc.get_absolute_url() in listing
    assert item.get_absolute_url() in client.get(doc.get_absolute_url()).content.decode()


def test_subject_tree_has_the_22_top_categories():
    assert Subject.objects.filter(parent=None).count() == 22
    assert Subject.objects.get(parent__name="综合政务", name="政务公开").label == "综合政务\\政务公开"
    assert Column.objects.count() == 0


def test_document_page_has_a_fixed_number_of_queries(team, client, column, django_assert_max_num_queries):
    doc = published(team, column=column, keywords="预算")
    for i in range(5):
        published(team, title=f"相关的第{i}号通知", column=column, keywords="预算")
    with django_assert_max_num_queries(12):
        response = client.get(doc.get_absolute_url())
    assert response.status_code == 200 and "相关的第" in response.content.decode()
