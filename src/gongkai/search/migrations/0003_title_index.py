"""PostgreSQL: a GIN index on the title tokens alone, for ranking title matches of broad queries.

(SQLite needs nothing: the title tokens are already their own column of the FTS5 table.)
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_searchentry_title_vector ON search_searchentry "
            "USING gin (to_tsvector('simple', title_tokens))"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_searchentry_title_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(forward, backward)]
