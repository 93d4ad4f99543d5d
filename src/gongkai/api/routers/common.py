"""What every router shares: the error responses each operation documents, and list shapes."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from ninja import Schema

from ..errors import PUBLIC_ERRORS, TOKEN_ERRORS, WRITE_ERRORS, ErrorBody


def responses(ok, *, errors=PUBLIC_ERRORS, status: int = 200) -> dict:
    return {status: ok, frozenset(errors): ErrorBody}


def public(ok, status: int = 200) -> dict:
    return responses(ok, errors=PUBLIC_ERRORS, status=status)


def with_token(ok, status: int = 200) -> dict:
    return responses(ok, errors=TOKEN_ERRORS, status=status)


def writing(ok, status: int = 200) -> dict:
    return responses(ok, errors=WRITE_ERRORS, status=status)


def local(moment: datetime | None) -> datetime | None:
    """Instants are given in Beijing time (with the +08:00 offset)."""
    return timezone.localtime(moment) if moment is not None else None


class AgencyRef(Schema):
    id: int
    name: str
