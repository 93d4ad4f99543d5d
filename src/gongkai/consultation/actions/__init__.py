"""Every write of 重大决策与征求意见 (views, commands, the demo and tests call these)."""

from .catalog import create_decision_item, update_decision_item
from .comments import (
    approve_comment,
    contact_channels,
    enter_offline_comment,
    hide_comment,
    late_refusal,
    submit_comment,
    submitted_comment,
)
from .consultations import (
    approve_consultation,
    close_consultation,
    close_due_consultations,
    create_consultation,
    open_consultation,
    return_consultation,
    submit_consultation,
    update_consultation,
)

__all__ = [
    "approve_comment",
    "approve_consultation",
    "close_consultation",
    "close_due_consultations",
    "contact_channels",
    "create_consultation",
    "create_decision_item",
    "enter_offline_comment",
    "hide_comment",
    "late_refusal",
    "open_consultation",
    "return_consultation",
    "submit_comment",
    "submit_consultation",
    "submitted_comment",
    "update_consultation",
    "update_decision_item",
]
