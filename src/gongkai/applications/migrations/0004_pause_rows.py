"""Pauses become `workdays.Pause` rows: the open pause of a paused application takes its kind and
the state to return to (formerly `Application.state_before_pause`); a drafted reply records the
state it was drafted in (the same field's other use); then that field goes."""

from django.db import migrations, models

KIND_BY_STATE = {"correction": "correction", "fee_pending": "fee", "reasons_pending": "reasons"}
PAUSED = ("correction", "paused", "fee_pending", "reasons_pending")


def carry_pause_state(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Pause = apps.get_model("workdays", "Pause")
    for app in Application.objects.filter(state__in=PAUSED, clock__isnull=False).iterator():
        kind = app.pause_kind if app.state == "paused" else KIND_BY_STATE[app.state]
        due = {"correction": app.correction_due_on, "fee_pending": app.fee_due_on}.get(
            app.state, app.inquiry_due_on if app.state == "paused" else None
        )
        Pause.objects.filter(clock_id=app.clock_id, ended_on__isnull=True).update(
            kind=kind or "pause", resume_state=app.state_before_pause or "in_progress", due_on=due
        )
    Reply = apps.get_model("applications", "Reply")
    for reply in Reply.objects.filter(application__state__in=("drafted", "reviewed")).select_related(
        "application"
    ):
        reply.drafted_in = reply.application.state_before_pause or "in_progress"
        reply.save(update_fields=["drafted_in"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_notice_template"),
        ("workdays", "0002_pause_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="drafted_in",
            field=models.CharField(
                blank=True,
                choices=[
                    ("received", "待确认"),
                    ("accepted", "已受理"),
                    ("correction", "待补正"),
                    ("in_progress", "办理中"),
                    ("paused", "征求意见（暂停计时）"),
                    ("fee_pending", "待缴费（暂停计时）"),
                    ("reasons_pending", "待说明理由（暂停计时）"),
                    ("extended", "已延期"),
                    ("drafted", "答复已拟稿"),
                    ("reviewed", "答复已审核"),
                    ("replied", "已答复"),
                    ("archived", "已归档"),
                ],
                max_length=20,
                verbose_name="拟稿时的状态",
            ),
        ),
        migrations.RunPython(carry_pause_state, migrations.RunPython.noop),
        migrations.RemoveField(model_name="application", name="state_before_pause"),
    ]
