# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""The catalog by 主题分类: the tree with the number of public documents under each node (a top
category counts its children's), links into the catalog filtered by that node."""

import re

import pytest
from django.urls import reverse
from tests.publishing.builders import draft, published, team  # noqa: F401

from gongkai.publishing.models import Subject

pytestmark = pytest.mark.django_db


def test_subject_tree_counts_public_documents(team, client, django_assert_max_num_queries):
    finance = Subject.objects.get(parent__name="财政、金融、审计", name="财政")
    audit = Subject.objects.get(parent__name="财政、金融、审计", name="审计")
    published(team, title="示范县财政局关于预算公开的通知", subject=finance)
    published(team, title="示范县财政局关于决算公开的通知", subject=finance)
    published(team, title="示范县财政局关于审计整改的公告", subject=audit)
    draft(team.clerk, title="未发布的财政草稿", subject=finance)

    with django_assert_max_num_queries(8):
        page = client.get(reverse("publishing:subjects")).content.decode()

    top = Subject.objects.get(parent=None, name="财政、金融、审计")
    catalog = reverse("publishing:catalog")
    assert re.search(
        rf'href="{catalog}\?subject={top.pk}">财政、金融、审计</a> <span class="muted">（3）', page
    )
    assert re.search(rf'href="{catalog}\?subject={finance.pk}">财政</a> <span class="muted">（2）', page)
    assert re.search(rf'href="{catalog}\?subject={audit.pk}">审计</a> <span class="muted">（1）', page)
    assert page.count('class="subject-top"') == 22  # the State Council's 22 top categories
    assert page.count('<a class="subject-top"') == 1  # only a category with documents is a link

    listed = client.get(catalog, {"subject": top.pk}).content.decode()
    assert "关于预算公开" in listed and "关于审计整改" in listed and "未发布的财政草稿" not in listed
    only_audit = client.get(catalog, {"subject": audit.pk}).content.decode()
    assert "关于审计整改" in only_audit and "关于预算公开" not in only_audit
    assert f'<option value="{audit.pk}" selected>审计</option>' in only_audit  # the tree in the filter
    assert (
        f'<a href="?subject={top.pk}">财政、金融、审计</a> › 审计</h2>' in only_audit
    )  # where the reader is
    by_top = client.get(catalog, {"subject": top.pk}).content.decode()
    assert f'<li><a href="?subject={audit.pk}">审计</a></li>' in by_top  # and where to go next
