# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Publishing puts a document into the search index on commit; unpublishing takes it out."""

import pytest
from tests.publishing.builders import draft, review_all, team  # noqa: F401

from gongkai.common.registry import reindexers
from gongkai.publishing import actions
from gongkai.search.index import search

pytestmark = pytest.mark.django_db


def test_published_document_is_found_by_doc_number_and_words(team, django_capture_on_commit_callbacks):
    doc = review_all(
        draft(team.clerk, doc_number="示财发〔2025〕7号", body="<p>预算公开的专项检查。</p>"), team
    )
    with django_capture_on_commit_callbacks(execute=True):
        doc = actions.publish_document(team.clerk, doc)
    assert [hit.url for hit in search("示财发〔2025〕7号").hits] == [doc.get_absolute_url()]
    assert search("专项检查").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish_document(team.signer, doc, reason="更正")
    assert search("专项检查").total == 0


def test_reindexers_are_registered():
    assert {"document", "interpretation"} <= set(reindexers())
