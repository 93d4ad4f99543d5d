"""Signed copies of the audit chain's head, kept outside the database.

A checkpoint is a small JSON file (seq, hash, time, key id, HMAC) in `GONGKAI_AUDIT_CHECKPOINT_DIR`,
written daily by `gongkai audit checkpoint` and optionally mailed to `GONGKAI_AUDIT_CHECKPOINT_MAIL`.
Someone who can write the database but not this directory (mount it from another machine, or keep
the mailed copies) can then neither remove the chain's tail nor rewrite it unnoticed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from gongkai.common.dates import zh_date
from gongkai.common.mail import queue_mail

PREFIX = "audit-checkpoint-"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: dt.datetime
    key_id: str
    mac: str
    path: Path | None = None

    @property
    def label(self) -> str:
        """How a message names it: 「2026年12月2日的检查点」."""
        return f"{zh_date(self.at)}的检查点"

    def body(self) -> dict:
        return {"seq": self.seq, "hash": self.hash, "at": self.at.isoformat(), "key_id": self.key_id}


def _mac(body: dict, key: bytes) -> str:
    blob = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, b"gongkai-audit-checkpoint:" + blob, hashlib.sha256).hexdigest()


def directory() -> Path:
    return Path(settings.GONGKAI_AUDIT_CHECKPOINT_DIR)


def write(*, seq: int, hash: str, at: dt.datetime, key_id: str, key: bytes) -> Checkpoint:
    mark = Checkpoint(seq, hash, at, key_id, "")
    body = mark.body()
    body["mac"] = _mac(mark.body(), key)
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{PREFIX}{seq:012d}-{at.astimezone(dt.UTC):%Y%m%dT%H%M%S%fZ}.json"
    # Written whole or not at all: a half-written checkpoint would fail every later verify.
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(body, out, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return Checkpoint(seq, hash, at, key_id, body["mac"], path)


def read_all(keyset: dict[str, bytes]) -> tuple[list[Checkpoint], str]:
    """Every checkpoint in the directory, or the problem with the first that is not genuine."""
    folder = directory()
    if not folder.is_dir():
        return [], ""
    marks = []
    for path in sorted(folder.glob(f"{PREFIX}*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            body = {k: raw[k] for k in ("seq", "hash", "at", "key_id")}
            mark = Checkpoint(
                int(body["seq"]),
                str(body["hash"]),
                dt.datetime.fromisoformat(body["at"]),
                str(body["key_id"]),
                str(raw["mac"]),
                path,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return [], f"检查点文件 {path.name} 无法读取或格式不对"
        key = keyset.get(mark.key_id)
        if key is None:
            return (
                [],
                f"检查点文件 {path.name} 由编号 {mark.key_id} 的密钥签名，该密钥不在 GONGKAI_AUDIT_KEY 中",
            )
        if not hmac.compare_digest(_mac(body, key), mark.mac):
            return [], f"检查点文件 {path.name} 的签名不符：文件已被修改"
        marks.append(mark)
    return marks, ""


def mail(mark: Checkpoint) -> None:
    """Send the checkpoint to the configured addresses, a second copy out of the server's reach."""
    recipients = settings.GONGKAI_AUDIT_CHECKPOINT_MAIL
    if recipients:
        body = dict(mark.body(), mac=mark.mac)
        queue_mail(
            f"审计日志检查点：第{mark.seq}条",
            "请保存本邮件，审计日志被篡改时可据此核对。\n\n" + json.dumps(body, sort_keys=True, indent=2),
            recipients,
        )
