import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_jobs_are_listed(capsys):
    call_command("scheduled", "--list")
    out = capsys.readouterr().out
    assert (
        "gongkai publish_scheduled" in out
        and "gongkai send_reminders" in out
        and "gongkai audit verify" in out
    )


def test_daily_dry_run_changes_nothing(county, capsys):
    from gongkai.audit.models import AuditEntry

    before = AuditEntry.objects.count()
    call_command("scheduled", "daily", "--dry-run")
    out = capsys.readouterr().out
    assert "==> gongkai send_reminders --dry-run" in out and "==> gongkai audit verify" in out
    assert "审计链完好" in out
    assert AuditEntry.objects.count() == before
