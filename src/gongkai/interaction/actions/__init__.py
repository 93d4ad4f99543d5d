"""Every write to messages (留言办理).

Each action checks the workflow table (`MESSAGES.check`: roles, state, which side acts), then its
input, before writing anything; raises `ActionRefused` with a Chinese message otherwise; writes an
audit row of a registered type; and defers SMS and e-mail to `transaction.on_commit`. The stages
live in `intake` (mailboxes, portal, hotline, 12345), `routing` (交办、退回、协办、延期、催办、督办、
无效) and `reply` (答复、审核、发送、公开、评价、重办); `_common` holds what they share (tests
freeze today with time-machine).
"""

from ._common import new_receipt_code, office_for, phone_last4
from .configuration import create_deadline_rule, update_deadline_rule, update_mailbox
from .intake import (
    create_mailbox,
    ensure_mailboxes,
    flagged_words_in,
    receive_forwarded,
    receive_ticket,
    register_hotline_call,
    submit_message,
    submitted_message,
)
from .reply import (
    approve_reply,
    draft_reply,
    publish_reply,
    rate_reply,
    reopen_message,
    return_reply,
    send_reply,
    submit_reply,
)
from .routing import (
    add_assist_opinion,
    assign_responder,
    clear_flagged_words,
    dispatch_message,
    extend_message,
    mark_invalid,
    mark_reminders_seen,
    redispatch_message,
    remind_message,
    request_extension,
    return_message,
    supervise_message,
)
from .tokens import issue_api_token, revoke_api_token

__all__ = [
    "add_assist_opinion",
    "approve_reply",
    "assign_responder",
    "clear_flagged_words",
    "create_deadline_rule",
    "create_mailbox",
    "dispatch_message",
    "draft_reply",
    "ensure_mailboxes",
    "issue_api_token",
    "extend_message",
    "flagged_words_in",
    "mark_invalid",
    "mark_reminders_seen",
    "new_receipt_code",
    "office_for",
    "phone_last4",
    "publish_reply",
    "rate_reply",
    "receive_ticket",
    "redispatch_message",
    "register_hotline_call",
    "remind_message",
    "reopen_message",
    "request_extension",
    "return_message",
    "return_reply",
    "revoke_api_token",
    "send_reply",
    "submit_message",
    "receive_forwarded",
    "submitted_message",
    "submit_reply",
    "supervise_message",
    "update_deadline_rule",
    "update_mailbox",
]
