# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""A 文号 typed with the wrong brackets is normalised by the importer's own rule."""

import pytest
from tests.publishing.builders import draft, team  # noqa: F401

from gongkai.publishing import actions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("示财发[2026]88号", "示财发〔2026〕88号"),
        ("示财发（2026）88号", "示财发〔2026〕88号"),
        ("示财发【2026】第088号", "示财发〔2026〕88号"),
        (" 示财发〔2026〕88号 ", "示财发〔2026〕88号"),
        ("示财发202688号", "示财发202688号"),  # no brackets: not certain, kept as typed
        ("", ""),
    ],
)
def test_typed_doc_numbers(typed, kept):
    assert actions.normalise_doc_number(typed) == kept


def test_create_and_update_store_the_normalised_number(team):
    doc = draft(team.clerk, doc_number="示财发[2026]88号")
    assert doc.doc_number == "示财发〔2026〕88号"
    doc = actions.update_document(team.clerk, doc, doc_number="示财发(2026)89号")
    assert doc.doc_number == "示财发〔2026〕89号"
    assert doc.revisions.order_by("-number").first().data["doc_number"] == "示财发〔2026〕89号"
