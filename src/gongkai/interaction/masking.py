"""Masking of what the portal shows of a message and its reply.

`mask_text` is the core masking of personal data (`ingest.masking`: names — the writer's own and
those a cue introduces —, mobiles, landlines, ID numbers, bank cards, e-mail addresses, house
numbers of addresses, vehicle plates). The actions call `refresh_masked_question` when a message
arrives and `mask_reply` when a reply is drafted, so a reviewer sees the masked version before
publishing; the agency's own published phone number stays readable in its reply.
"""

from __future__ import annotations

from gongkai.ingest import masking


def mask_text(text: str, *, names: tuple[str, ...] = (), keep: tuple[str, ...] = ()) -> str:
    return masking.mask_text(text or "", known_names=names, keep=keep)


def refresh_masked_question(message) -> None:
    names = (message.writer_name,)
    message.masked_subject = mask_text(message.subject, names=names)[:200]
    message.masked_body = mask_text(message.body, names=names)
    type(message).objects.filter(pk=message.pk).update(
        masked_subject=message.masked_subject, masked_body=message.masked_body
    )


def mask_reply(reply) -> str:
    message = reply.message
    agency = message.lead_agency
    keep = (agency.phone,) if agency is not None and agency.phone else ()
    return mask_text(reply.body, names=(message.writer_name,), keep=keep)
