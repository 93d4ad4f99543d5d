# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""索引号: configurable pattern, unique per agency and year, even with concurrent publishers."""

import threading

import pytest
from django.db import close_old_connections, connection
from tests.publishing.builders import draft, published, review_all, team  # noqa: F401

from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.numbering import format_index_number, pattern_problem


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("{credit_code}/{YYYY}-{NNNNN}", "11441700007280420Y/2021-00050"),
        ("{credit_code}-{YYYY}-{NNN}", "11441700007280420Y-2021-050"),
        ("CZJ/{YYYY}/{NNNNNN}", "CZJ/2021/000050"),
    ],
)
def test_pattern(pattern, expected):
    assert format_index_number(pattern, credit_code="11441700007280420Y", year=2021, seq=50) == expected


@pytest.mark.parametrize(
    "pattern", ["{credit_code}/{YYYY}", "{credit_code}/{NNNN}", "{YYYY}-{NNN}-{NNN}", "{YYYY}-{NN}-{foo}"]
)
def test_patterns_that_cannot_be_unique_are_refused(pattern):
    assert pattern_problem(pattern)


@pytest.mark.django_db
def test_numbers_run_per_agency_and_year(team, county):
    first = published(team)
    second = published(team, title="示范县财政局关于第二件事的通知")
    year = first.published_at.year
    code = county.finance.credit_code
    assert [first.index_number, second.index_number] == [f"{code}/{year}-00001", f"{code}/{year}-00002"]


@pytest.mark.django_db
def test_configured_pattern_is_used_and_a_bad_one_refused(team, county):
    with pytest.raises(ActionRefused, match="流水号"):
        actions.set_publishing_policy(None, county.finance, index_pattern="{credit_code}/{YYYY}")
    actions.set_publishing_policy(None, county.finance, index_pattern="CZJ-{YYYY}-{NNN}")
    doc = published(team)
    assert doc.index_number == f"CZJ-{doc.published_at.year}-001"


@pytest.mark.django_db
def test_republishing_keeps_the_number(team):
    doc = published(team)
    number = doc.index_number
    doc = actions.unpublish_document(team.signer, doc, reason="数据更正")
    doc = actions.reopen_document(team.clerk, doc)
    doc = actions.publish_document(team.clerk, review_all(doc, team))
    assert doc.index_number == number


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_publishing_at_once_get_different_numbers(team):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers; the race exists only on PostgreSQL")
    docs = [review_all(draft(team.clerk, title=f"并发发布测试{i}"), team) for i in range(6)]
    barrier = threading.Barrier(len(docs))
    errors = []

    def publish(doc):
        try:
            barrier.wait()
            actions.publish_document(team.clerk, doc)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=publish, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(type(d).objects.get(pk=d.pk).index_number[-5:] for d in docs)
    assert numbers == ["00001", "00002", "00003", "00004", "00005", "00006"]
