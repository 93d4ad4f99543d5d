"""The stored MinHash signature of each message (`MessageSignature`), for routing and prompt letters.

A signature is derived data, like a search index entry: written when a message is registered
(`remember_text`, called by the intake actions in their transaction) and filled in for older
messages on first use (`signatures_for`) or by `gongkai prompt_letters`, which indexes what is
missing before it looks for concentrations. No audit row: nothing a person decided changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.ingest import similarity

from .models import Message, MessageSignature


def text_of(message: Message) -> str:
    return f"{message.subject}\n{message.body}"


def remember_text(message: Message) -> None:
    data = similarity.to_bytes(similarity.signature(text_of(message)))
    MessageSignature.objects.update_or_create(message=message, defaults={"signature": data})


def signatures_for(messages: Iterable[Message]) -> dict[int, bytes]:
    """The stored signature of each message (computed and stored where missing), by message id."""
    messages = list(messages)
    found = dict(
        MessageSignature.objects.filter(message__in=[m.pk for m in messages]).values_list(
            "message_id", "signature"
        )
    )
    missing = [
        MessageSignature(message=m, signature=similarity.to_bytes(similarity.signature(text_of(m))))
        for m in messages
        if m.pk not in found
    ]
    MessageSignature.objects.bulk_create(missing, ignore_conflicts=True)
    found.update({s.message_id: s.signature for s in missing})
    return {pk: bytes(data) for pk, data in found.items()}
