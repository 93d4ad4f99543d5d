import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gongkai.agencies.actions import update_agency
from gongkai.audit.actions import record_audit, verify_chain
from gongkai.audit.models import AppendOnly, AuditEntry
from gongkai.common import registry


def test_every_write_is_recorded_with_before_and_after(county, li_ming):
    update_agency(li_ming, county.finance, short_name="财政局")
    entry = AuditEntry.objects.latest("seq")
    assert entry.action == "agencies.agency.update"
    assert entry.actor == li_ming and entry.agency == county.finance
    assert entry.before["short_name"] == "县财政局" and entry.after["short_name"] == "财政局"


def test_chain_verifies(county):
    result = verify_chain()
    assert result.ok and result.checked == AuditEntry.objects.count() > 0


def test_rows_cannot_be_changed_or_deleted_through_the_app(county):
    entry = AuditEntry.objects.first()
    entry.note = "改"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(note="x")


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_row_changed_in_the_database_is_named(county):
    target = AuditEntry.objects.order_by("seq")[2]
    _raw("UPDATE audit_auditentry SET object_repr = %s WHERE seq = %s", ["篡改", target.seq])
    result = verify_chain()
    assert not result.ok and result.broken_seq == target.seq
    with pytest.raises(CommandError, match=f"第{target.seq}条"):
        call_command("audit", "verify")


def test_a_row_removed_from_the_database_is_named(county):
    target = AuditEntry.objects.order_by("seq")[3]
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [target.seq])
    result = verify_chain()
    assert not result.ok and result.broken_seq == target.seq


def test_a_removed_tail_is_detected(county):
    last = AuditEntry.objects.latest("seq")
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [last.seq])
    result = verify_chain()
    assert not result.ok and result.broken_seq == last.seq


def test_values_survive_the_round_trip(county):
    import datetime as dt
    from decimal import Decimal

    with registry.restoring():
        registry.register_audit_events("audit", {"audit.test.values": "测试取值"})
        record_audit(
            actor=None,
            action="audit.test.values",
            after={"d": dt.date(2026, 1, 2), "n": Decimal("1.50"), "l": [1, "二"]},
        )
    assert verify_chain().ok


def test_verify_command_reports_success(county, capsys):
    call_command("audit", "verify")
    assert "审计链完好" in capsys.readouterr().out
