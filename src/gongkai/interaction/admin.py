"""Read-only admin of messages: every change goes through the actions (and the workbench)."""

from django.contrib import admin

from gongkai.common.admin import ActionAdmin, ReadOnlyAdmin

from .models import (
    ApiToken,
    AssistOpinion,
    DeadlineRule,
    Mailbox,
    Message,
    MessageAttachment,
    Rating,
    Reminder,
    Reply,
    Transfer,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TransferInline(ReadOnlyInline):
    model = Transfer
    fields = ["at", "kind", "role", "from_agency", "to_agency", "reason", "actor"]


class ReplyInline(ReadOnlyInline):
    model = Reply
    fields = ["round", "state", "author", "reviewer", "sent_at", "published_at"]


class RatingInline(ReadOnlyInline):
    model = Rating
    fields = ["round", "value", "via", "at"]


class ReminderInline(ReadOnlyInline):
    model = Reminder
    fields = ["at", "kind", "from_agency", "text", "seen_at"]


class AttachmentInline(ReadOnlyInline):
    model = MessageAttachment
    fields = ["name", "size", "uploaded_at"]


@admin.register(Mailbox)
class MailboxAdmin(ActionAdmin):
    create_action = "gongkai.interaction.actions.create_mailbox"
    update_action = "gongkai.interaction.actions.update_mailbox"
    fields = ["agency", "name", "kind", "intro", "is_active", "order"]
    list_display = ["name", "agency", "kind", "is_active", "order"]
    list_filter = ["kind", "is_active"]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = [
        "receipt_code",
        "subject",
        "kind",
        "channel",
        "state",
        "lead_agency",
        "due_on",
        "submitted_at",
    ]
    list_filter = ["state", "kind", "channel", "is_valid", "public_status"]
    search_fields = ["receipt_code", "subject"]
    # The writer's data stays out of the admin: staff see it masked on the case page.
    exclude = [
        "writer_name",
        "writer_phone",
        "writer_email",
        "caller_number",
        "phone_last4_hash",
        "idempotency_key",
    ]
    inlines = [TransferInline, ReplyInline, RatingInline, ReminderInline, AttachmentInline]


@admin.register(AssistOpinion)
class AssistOpinionAdmin(ReadOnlyAdmin):
    list_display = ["message", "agency", "actor", "at"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(ActionAdmin):
    """RULES.md §7 is provincial: an installation sets its periods per kind and channel here."""

    create_action = "gongkai.interaction.actions.create_deadline_rule"
    update_action = "gongkai.interaction.actions.update_deadline_rule"
    fields = ["kind", "channel", "reply_days", "max_extension_days", "return_days", "veto_warning_days"]
    list_display = ["__str__", "reply_days", "max_extension_days", "return_days", "veto_warning_days"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Issued and revoked on the workbench page (interaction_hotline:tokens), through the actions."""

    list_display = ["name", "agency", "prefix", "created_by", "created_at", "revoked_at", "last_used_at"]
    list_filter = ["agency"]
    exclude = ["token_hash"]
