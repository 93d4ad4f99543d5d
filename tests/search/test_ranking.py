# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""For the same query a document ranks above its own interpretation (backends.KIND_WEIGHTS)."""

import pytest

from gongkai.publishing import actions
from gongkai.search.index import search
from tests.publishing.builders import normative, review_all, team  # noqa: F401

pytestmark = pytest.mark.django_db

INTERPRETATION_BODY = (
    "<p>一、为什么制定保障性住房分配办法？保障性住房是解决住房困难家庭的重要举措。</p>"
    "<p>二、保障性住房的申请条件是什么？</p><p>三、保障性住房如何轮候和分配？</p>"
)


def test_document_comes_before_its_interpretation(team, django_capture_on_commit_callbacks):
    doc = review_all(
        normative(
            team.clerk,
            title="示范县财政局关于印发《示范县保障性住房分配办法》的通知",
            body="<p>为规范保障性住房分配，制定本办法。</p><p>第一条 本办法适用于本县。</p>",
        ),
        team,
        waiver="解读材料与文件同步起草，随后报审",
    )
    item = actions.create_interpretation(
        team.clerk, title="保障性住房分配办法解读", documents=[doc], body=INTERPRETATION_BODY
    )
    review_all(item, team)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_document(team.clerk, doc)
    for query in ("保障性住房", "保障房", "保障性住房分配"):
        assert [hit.kind for hit in search(query).hits] == ["document", "interpretation"], query
    assert [hit.kind for hit in search("保障性住房", filters={"kind": "interpretation"}).hits] == [
        "interpretation"
    ]
