"""The default periods of RULES.md §7 (Shandong's practice for messages and 12345 tickets): reply
within 5 working days, one extension of up to 10, return a misrouted message within 2; warn 60
days after receipt of a message still unanswered (the veto line is 3 months, RULES.md §8)."""

from django.db import migrations


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("interaction", "DeadlineRule")
    if not DeadlineRule.objects.filter(kind="", channel="").exists():
        DeadlineRule.objects.create(
            kind="", channel="", reply_days=5, max_extension_days=10, return_days=2, veto_warning_days=60
        )


class Migration(migrations.Migration):
    dependencies = [("interaction", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
