"""Masking of what the portal shows of a message and its reply.

`mask_text` hides personal data (ID numbers, mobiles, bank cards, e-mail addresses — the ingest
screening detectors) and the writer's own name wherever it appears. The actions call
`refresh_masked_question` when a message arrives and `mask_reply` when a reply is drafted, so a
reviewer sees the masked version before publishing.
"""

from __future__ import annotations

from gongkai.common import crypto
from gongkai.ingest import screening


def mask_text(text: str, *, names: tuple[str, ...] = ()) -> str:
    text = text or ""
    masked = screening.redact(text, [f for f in screening.screen(text) if f.kind != "forbidden_word"])
    for name in names:
        if name and len(name) >= 2:
            masked = masked.replace(name, crypto.mask_name(name))
    return masked


def refresh_masked_question(message) -> None:
    names = (message.writer_name,)
    message.masked_subject = mask_text(message.subject, names=names)[:200]
    message.masked_body = mask_text(message.body, names=names)
    type(message).objects.filter(pk=message.pk).update(
        masked_subject=message.masked_subject, masked_body=message.masked_body
    )


def mask_reply(reply) -> str:
    return mask_text(reply.body, names=(reply.message.writer_name,))
