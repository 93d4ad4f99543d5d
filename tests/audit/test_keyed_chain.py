"""The chain is keyed: rewriting rows needs the key, and checkpoints outside the database catch the rest."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gongkai.agencies.actions import update_agency
from gongkai.audit.actions import checkpoint_head, verify_chain
from gongkai.audit.keys import key_id
from gongkai.audit.models import AuditEntry, AuditHead
from gongkai.common import registry

KEY_A = "first-audit-key-for-tests-0123456789abcdef"
KEY_B = "second-audit-key-for-tests-fedcba9876543210"


@pytest.fixture
def keyed(settings):
    settings.GONGKAI_AUDIT_KEY = KEY_A


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rewrite_with_plain_sha256(from_seq: int, *, change=None, unkey: bool = False) -> None:
    """What an attacker with database access can do: edit a row and recompute every later hash."""
    prev = AuditEntry.objects.get(seq=from_seq - 1).hash if from_seq > 1 else "0" * 64
    for entry in AuditEntry.objects.filter(seq__gte=from_seq).order_by("seq"):
        entry.prev_hash = prev
        if change is not None and entry.seq == from_seq:
            change(entry)
        entry.hash = entry.compute_hash()
        key = "" if unkey else entry.key_id
        _raw(
            "UPDATE audit_auditentry SET object_repr = %s, prev_hash = %s, hash = %s, key_id = %s WHERE seq = %s",
            [entry.object_repr, entry.prev_hash, entry.hash, key, entry.seq],
        )
        prev = entry.hash
    _raw("UPDATE audit_audithead SET hash = %s WHERE id = 1", [prev])


def test_new_rows_are_signed_with_the_first_key(keyed, county):
    entry = AuditEntry.objects.latest("seq")
    assert entry.key_id == key_id(KEY_A.encode())
    assert entry.hash == entry.compute_hash(KEY_A.encode()) != entry.compute_hash()
    assert verify_chain().ok


def _set_repr(entry):
    entry.object_repr = "篡改"


def test_a_row_rewritten_with_plain_sha256_is_detected(keyed, county):
    target = AuditEntry.objects.order_by("seq")[2]
    _rewrite_with_plain_sha256(target.seq, change=_set_repr)
    result = verify_chain()
    assert not result.ok and result.broken_seq == target.seq
    assert result.problem == f"第{target.seq}条记录的内容与哈希不符：记录已被修改"


def test_a_row_passed_off_as_an_old_unkeyed_row_is_detected(keyed, county):
    target = AuditEntry.objects.order_by("seq")[2]
    _rewrite_with_plain_sha256(target.seq, change=_set_repr, unkey=True)
    result = verify_chain()
    assert not result.ok and result.broken_seq == target.seq
    assert "没有密钥签名，而此前的记录已有签名" in result.problem


def test_rows_from_before_the_key_still_verify_and_are_not_rewritten(keyed, county, li_ming):
    # The chain as an installation upgraded from the unkeyed version has it: plain SHA-256, no key id.
    _rewrite_with_plain_sha256(1, unkey=True)
    old = {e.seq: e.hash for e in AuditEntry.objects.all()}
    update_agency(li_ming, county.finance, short_name="财政局")
    result = verify_chain()
    assert result.ok and result.unkeyed == len(old) and result.checked == len(old) + 1
    assert {e.seq: e.hash for e in AuditEntry.objects.filter(seq__in=old)} == old
    assert AuditEntry.objects.latest("seq").key_id == key_id(KEY_A.encode())


def test_key_rotation_keeps_old_rows_verifiable(settings, keyed, county, li_ming):
    settings.GONGKAI_AUDIT_KEY = f"{KEY_B},{KEY_A}"
    update_agency(li_ming, county.finance, short_name="财政局")
    ids = set(AuditEntry.objects.values_list("key_id", flat=True))
    assert ids == {key_id(KEY_A.encode()), key_id(KEY_B.encode())}
    assert verify_chain().ok

    settings.GONGKAI_AUDIT_KEY = KEY_B  # the old key dropped too early
    result = verify_chain()
    assert not result.ok and result.broken_seq == 1
    assert f"编号 {key_id(KEY_A.encode())} 的密钥签名，该密钥不在 GONGKAI_AUDIT_KEY 中" in result.problem


def test_a_truncated_tail_after_a_checkpoint_is_detected(keyed, county):
    mark = checkpoint_head()
    assert mark.path.exists() and mark.seq == AuditEntry.objects.count()
    keep = mark.seq - 3
    # Remove the last three rows and make the head agree, so that the chain alone looks whole.
    _raw("DELETE FROM audit_auditentry WHERE seq > %s", [keep])
    last = AuditEntry.objects.get(seq=keep)
    _raw("UPDATE audit_audithead SET seq = %s, hash = %s WHERE id = 1", [keep, last.hash])
    result = verify_chain()
    assert not result.ok and result.broken_seq == keep + 1
    assert f"现在只有 {keep} 条：第{keep + 1}至{mark.seq}条共 3 条记录已被删除" in result.problem
    with pytest.raises(CommandError, match="共 3 条记录已被删除"):
        call_command("audit", "verify")


def test_a_whole_chain_rewritten_without_the_key_differs_from_the_checkpoint(keyed, county):
    mark = checkpoint_head()
    _rewrite_with_plain_sha256(1, change=_set_repr, unkey=True)
    result = verify_chain()
    assert not result.ok and result.broken_seq == mark.seq
    assert "与" in result.problem and "的检查点不符" in result.problem


def test_a_forged_checkpoint_is_refused(keyed, county):
    mark = checkpoint_head()
    body = json.loads(mark.path.read_text())
    body["seq"] = 1
    body["hash"] = AuditEntry.objects.get(seq=1).hash
    mark.path.write_text(json.dumps(body))
    result = verify_chain()
    assert not result.ok
    assert result.problem == f"检查点文件 {mark.path.name} 的签名不符：文件已被修改"


def test_rows_added_after_a_checkpoint_verify(keyed, county, li_ming, capsys):
    call_command("audit", "checkpoint")
    update_agency(li_ming, county.finance, short_name="财政局")
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "已写入检查点" in out and "的检查点（第" in out


def test_checkpoint_refuses_to_sign_a_broken_chain(keyed, county, settings):
    _raw("UPDATE audit_auditentry SET note = %s WHERE seq = 2", ["改"])
    with pytest.raises(CommandError, match="第2条记录的内容与哈希不符"):
        call_command("audit", "checkpoint")
    assert not list(settings.GONGKAI_AUDIT_CHECKPOINT_DIR.glob("*.json"))


def test_checkpoint_is_mailed_when_configured(
    keyed, county, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.GONGKAI_AUDIT_CHECKPOINT_MAIL = ["audit@example.gov.cn"]
    with django_capture_on_commit_callbacks(execute=True):
        mark = checkpoint_head()
    assert [m.to for m in mailoutbox] == [["audit@example.gov.cn"]]
    assert f'"seq": {mark.seq}' in mailoutbox[0].body and mark.mac in mailoutbox[0].body


def test_checkpoint_is_a_daily_job():
    assert any(
        j.command == "audit" and j.args == ("checkpoint",) and j.group == "daily" for j in registry.jobs()
    )


def test_the_head_row_still_tracks_the_last_entry(keyed, county):
    head = AuditHead.objects.get(pk=1)
    last = AuditEntry.objects.latest("seq")
    assert (head.seq, head.hash) == (last.seq, last.hash)
