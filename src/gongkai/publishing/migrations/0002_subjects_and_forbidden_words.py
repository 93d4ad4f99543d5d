"""Ship the 主题分类 tree and the default forbidden list with the product."""

from django.db import migrations


def load(apps, schema_editor):
    from gongkai.ingest.screening import DEFAULT_FORBIDDEN_WORDS
    from gongkai.publishing.subjects import load_subjects

    load_subjects(apps.get_model("publishing", "Subject"))
    word_model = apps.get_model("publishing", "ForbiddenWord")
    existing = set(word_model.objects.values_list("word", flat=True))
    word_model.objects.bulk_create(
        [word_model(word=w) for w in dict.fromkeys(DEFAULT_FORBIDDEN_WORDS) if w not in existing]
    )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
