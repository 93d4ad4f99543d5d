"""Checking what a person typed, the same way in every domain's actions.

`checked_text` strips the value, refuses a missing required text and one over its limit with a Chinese
`ActionRefused` naming the field (the form shows it beside that field), and returns the text.
"""

from __future__ import annotations

from typing import Any

from .errors import ActionRefused
from .identifiers import clean_text


def checked_text(
    value: Any, what: str, field: str, *, limit: int, required: bool = True, clean: bool = False
) -> str:
    """`what` is the field's Chinese name ("退回理由"); `clean` also folds full-width forms and control
    characters (identifiers.clean_text) for texts the public types."""
    text = str(value or "")
    text = (clean_text(text) if clean else text).strip()
    if required and not text:
        raise ActionRefused(f"请填写{what}", field=field)
    if len(text) > limit:
        raise ActionRefused(f"{what}不能超过{limit}字（现有{len(text)}字）", field=field)
    return text
