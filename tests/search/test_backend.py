"""The database keeps its full-text index in step with SearchEntry (whichever database is active)."""

from django.db import connection

from gongkai.search.index import search
from gongkai.search.models import SearchEntry


def fulltext_rows(term: str) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [f'"{term}"'])
        else:
            cursor.execute(
                "SELECT count(*) FROM search_searchentry WHERE search_vector @@ plainto_tsquery('simple', %s)",
                [term],
            )
        return cursor.fetchone()[0]


def test_insert_update_and_delete_reach_the_fulltext_index(index, county):
    index(county.finance, "三公经费")
    assert fulltext_rows("三公经费") == 1
    SearchEntry.objects.update(title_tokens="预算 公开")
    assert fulltext_rows("三公经费") == 0 and fulltext_rows("预算") == 1
    SearchEntry.objects.all().delete()
    assert fulltext_rows("预算") == 0


def test_terms_with_quotes_or_operators_are_plain_words(index, county):
    index(county.finance, "NOT AND OR NEAR 三公经费")
    assert search('三公经费 "NOT" OR *').total == 1
    assert search("NEAR(三公经费)").total == 1
