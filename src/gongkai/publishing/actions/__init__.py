"""Every write of 主动公开: documents, screening, review, publication, interpretations, guides.

Each function runs in one transaction, checks before it changes anything (ActionRefused with a
Chinese message), writes its audit entry, and defers the search index to `transaction.on_commit`.

The stages live in their own modules: `documents` (drafts, attachments, screening), `review`,
`publication` (索引号, publishing, the search index) and `catalog` (policies, guides, columns, topics);
`_common` holds what they share. Interpretations and experts are `gongkai.publishing.interpretations`;
their actions are re-exported here so `actions.create_interpretation` keeps working.
"""

from gongkai.publishing.interpretations.actions import (
    EXPERT_FIELDS,
    create_expert,
    create_interpretation,
    publish_interpretation,
    update_expert,
)

from ._common import DOC_FIELDS, EDITABLE_STATES, M2M_FIELDS, STATE_FIELDS
from .catalog import (
    COLUMN_FIELDS,
    POLICY_FIELDS,
    SUBJECT_FIELDS,
    create_column,
    create_subject,
    create_topic,
    set_publishing_policy,
    subject_by_label,
    update_column,
    update_guide,
    update_subject,
    update_topic,
)
from .documents import (
    ALLOWED_UPLOAD_KINDS,
    accept_finding,
    add_attachment,
    add_forbidden_word,
    compute_due,
    create_document,
    forbidden_words,
    normative_limit_days,
    publish_limit_days,
    redact_finding,
    remove_forbidden_word,
    revision_data,
    screen_document,
    screened_text,
    seed_forbidden_words,
    set_validity,
    update_document,
    update_forbidden_word,
)
from .publication import (
    ScheduledResult,
    assign_index_number,
    document_entry_kwargs,
    index_pattern,
    interpretation_entry_kwargs,
    publish_document,
    publish_scheduled,
    reopen_document,
    schedule_publication,
    unpublish_document,
)
from .review import approve_step, reject_step, submit_document, withdraw_document

__all__ = [
    "ALLOWED_UPLOAD_KINDS",
    "COLUMN_FIELDS",
    "DOC_FIELDS",
    "EDITABLE_STATES",
    "EXPERT_FIELDS",
    "M2M_FIELDS",
    "POLICY_FIELDS",
    "STATE_FIELDS",
    "SUBJECT_FIELDS",
    "ScheduledResult",
    "accept_finding",
    "add_attachment",
    "add_forbidden_word",
    "approve_step",
    "assign_index_number",
    "compute_due",
    "create_column",
    "create_document",
    "create_expert",
    "create_interpretation",
    "create_subject",
    "create_topic",
    "document_entry_kwargs",
    "forbidden_words",
    "index_pattern",
    "interpretation_entry_kwargs",
    "normative_limit_days",
    "publish_document",
    "publish_interpretation",
    "publish_limit_days",
    "publish_scheduled",
    "redact_finding",
    "reject_step",
    "remove_forbidden_word",
    "reopen_document",
    "revision_data",
    "schedule_publication",
    "screen_document",
    "screened_text",
    "seed_forbidden_words",
    "set_publishing_policy",
    "set_validity",
    "subject_by_label",
    "submit_document",
    "unpublish_document",
    "update_column",
    "update_document",
    "update_expert",
    "update_forbidden_word",
    "update_guide",
    "update_subject",
    "update_topic",
    "withdraw_document",
]
