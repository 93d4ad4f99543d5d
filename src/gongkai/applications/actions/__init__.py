"""Every write to applications.

Each action checks the workflow table (`APPLICATIONS.check`), the actor's scope, and its input before
writing anything; raises `ActionRefused` otherwise; writes an audit row; and defers e-mail to
`transaction.on_commit`. The answer clock is a `workdays.Clock`; the rules of 条例第三十条至第三十五条
and 国办函〔2020〕109号 on top of it are here:

- confirm / register: the clock starts on the receipt day of 条例第三十一条 (`receipt.receipt_date`).
- 补正 (第三十条): one notice, within 7 working days of receipt, listing everything, with a deadline;
  the clock is held while the applicant corrects and **restarts** on the day the correction arrives;
  no correction by the deadline → closed as 其他处理-1 (`other_no_correction`).
- 征求第三方 / 其他机关意见 (第三十二条、第三十四条): the clock pauses; 15 working days for the answer;
  it resumes when the answer arrives or the period lapses.
- 延期 (第三十三条): once, at most 20 working days; the clerk asks, the signer (head of the office)
  approves or declines from the signer's own account while the clock runs on.
- 收费 (第四十二条, 109号文): the fee period is not counted; unpaid within 20 working days →
  其他处理-2 (`other_unpaid`).
- 条例第三十五条: asking for reasons holds the clock; unreasonable → 不予处理-4; reasonable → a new,
  stated period replaces the answer clock.

The stages live in their own modules: `intake`, `pauses`, `reply`, `appeals`, and the notice
templates they draft from in `notice_templates`; `_common` holds what they share (tests freeze
today by patching `_common._today`).
"""

from . import _common
from ._common import (
    ANSWER_DAYS,
    CODE_ALPHABET,
    CORRECTION_NOTICE_DAYS,
    FIELDS,
    INQUIRY_DAYS,
    MAX_EXTENSION_DAYS,
    can_handle,
    correction_workdays,
    fee_payment_workdays,
    new_receipt_code,
    normalise_code,
    phone_last4,
)
from .appeals import decide_appeal, decide_application_appeal, record_appeal, supervise_application
from .intake import (
    assign_application,
    check_applicant,
    confirm_application,
    register_application,
    reveal_applicant,
    submit_application,
)
from .notice_templates import create_notice_template, delete_notice_template, update_notice_template
from .pauses import (
    ask_reasons,
    decide_reasons,
    decline_extension,
    end_inquiry,
    extend_application,
    lapse_correction,
    lapse_fee,
    notify_fee,
    nth_in_month,
    receive_correction,
    record_payment,
    request_correction,
    request_extension,
    start_inquiry,
)
from .reply import (
    answer_on_the_spot,
    archive_application,
    closing_warnings,
    draft_reply,
    propose_proactive_disclosure,
    release_redacted,
    return_reply,
    review_reply,
    send_notice,
    send_reply,
)

__all__ = [
    "_common",
    "ANSWER_DAYS",
    "CODE_ALPHABET",
    "CORRECTION_NOTICE_DAYS",
    "FIELDS",
    "INQUIRY_DAYS",
    "MAX_EXTENSION_DAYS",
    "answer_on_the_spot",
    "archive_application",
    "ask_reasons",
    "assign_application",
    "can_handle",
    "check_applicant",
    "closing_warnings",
    "confirm_application",
    "correction_workdays",
    "create_notice_template",
    "decide_appeal",
    "decide_application_appeal",
    "decide_reasons",
    "decline_extension",
    "delete_notice_template",
    "draft_reply",
    "end_inquiry",
    "extend_application",
    "fee_payment_workdays",
    "lapse_correction",
    "lapse_fee",
    "new_receipt_code",
    "normalise_code",
    "notify_fee",
    "nth_in_month",
    "phone_last4",
    "propose_proactive_disclosure",
    "receive_correction",
    "record_appeal",
    "record_payment",
    "register_application",
    "release_redacted",
    "request_correction",
    "request_extension",
    "return_reply",
    "reveal_applicant",
    "review_reply",
    "send_notice",
    "send_reply",
    "start_inquiry",
    "submit_application",
    "update_notice_template",
    "supervise_application",
]
