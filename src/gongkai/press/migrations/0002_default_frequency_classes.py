"""The default frequency classes of RULES.md §7 (configurable afterwards)."""

from django.db import migrations

CLASSES = [
    (
        "与经济和民生关系密切的部门",
        "国办发〔2013〕100号：每季度至少举办一次新闻发布会，主要负责同志每年至少出席一次",
        [("any", 3, 1), ("head", 12, 1)],
    ),
    (
        "人民政府",
        "经济社会发展全局性的新闻发布会（经济运行发布会）每年不少于两次",
        [("economic", 12, 2)],
    ),
]


def add(apps, schema_editor):
    PressClass = apps.get_model("press", "PressClass")
    FrequencyRule = apps.get_model("press", "FrequencyRule")
    for name, note, rules in CLASSES:
        press_class, _ = PressClass.objects.get_or_create(name=name, defaults={"note": note})
        for measure, months, count in rules:
            FrequencyRule.objects.get_or_create(
                press_class=press_class, measure=measure, defaults={"months": months, "min_count": count}
            )


class Migration(migrations.Migration):
    dependencies = [("press", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
