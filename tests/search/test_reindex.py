"""`gongkai search reindex` runs the registered re-indexers: idempotent, removes stale entries."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.common import registry
from gongkai.search.index import Entry, search
from gongkai.search.models import SearchEntry


@pytest.fixture
def documents(county):
    published = {"1": "三公经费预算", "2": "三公经费决算"}

    def documents():
        for pk, title in published.items():
            yield Entry(
                kind="document",
                obj_id=pk,
                agency_id=county.finance.pk,
                title=title,
                url=f"/d/{pk}/",
                published_at=timezone.now(),
            )

    with registry.restoring():
        registry.register_reindexer("document", documents)
        yield published


def run(*args) -> str:
    out = StringIO()
    call_command("search", "reindex", *args, stdout=out)
    return out.getvalue()


def test_dry_run_writes_nothing(documents):
    assert "将写入 2 条" in run("--dry-run")
    assert SearchEntry.objects.count() == 0


def test_reindex_is_idempotent_and_drops_what_is_gone(documents):
    run()
    run()
    assert SearchEntry.objects.count() == 2
    del documents["1"]
    assert "删除 1 条" in run()
    assert [h.title for h in search("三公经费").hits] == ["三公经费决算"]


def test_an_unknown_kind_is_refused(documents):
    with pytest.raises(CommandError, match="未登记的类别"):
        run("--kind", "nonsense")
