"""Workbench pages of the hotline: the operator's entry form for a call, and the tokens of the
12345 platform's ticket endpoint (issued once, shown once, revocable); and the download of a
message's attachments for the staff who handle it."""

from __future__ import annotations

import uuid

from django.contrib import messages as flash
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Role
from gongkai.agencies.scope import agency_filter, get_scoped_or_404, staff_view
from gongkai.common.errors import ActionRefused

from . import actions, portal_forms, queries
from .actions.tokens import issue_api_token, revoke_api_token
from .models import ApiToken, MessageAttachment

HOTLINE_ROLES = (Role.CLERK, Role.RESPONDER, Role.SUPERVISOR)
STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.RESPONDER, Role.SUPERVISOR)  # as the case page
TOKEN_ROLES = (Role.SYSADMIN, Role.SUPERVISOR)
NAV = "messages"
ACTION_FIELDS = {"writer_phone": "writer_phone", "writer_name": "writer_name", "body": "summary"}


@staff_view(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
def hotline(request):
    form = portal_forms.HotlineForm(
        request.POST or None, user=request.user, initial={"idempotency_key": uuid.uuid4().hex}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            message, created = actions.register_hotline_call(
                request.user,
                mailbox=d["mailbox"],
                kind=d["kind"],
                subject=d["subject"],
                summary=d["summary"],
                caller_name=d["writer_name"],
                caller_number=d["caller_number"],
                call_time=d["call_time"],
                callback_phone=d["writer_phone"],
                public_consent=d["public_consent"],
                idempotency_key=d["idempotency_key"],
            )
        except ActionRefused as exc:
            field = ACTION_FIELDS.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            if created:
                flash.success(request, f"来电已登记，查询码 {message.receipt_code}（请告知来电人）")
            else:
                flash.info(request, f"该来电已登记过，查询码 {message.receipt_code}")
            return redirect("interaction_staff:detail", pk=message.pk)
    return render(request, "interaction/wb_hotline.html", {"nav": NAV, "form": form})


def _tokens(user):
    return ApiToken.objects.filter(agency_filter(user, "agency")).select_related(
        "agency", "created_by", "revoked_by"
    )


@staff_view(*TOKEN_ROLES)
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = portal_forms.TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = issue_api_token(request.user, name=form.cleaned_data["name"])
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            # Shown on this response only, never stored: the page is not cached and not redirected to.
            issued = {"token": token, "raw": raw}
            form = portal_forms.TokenForm()
    response = render(
        request,
        "interaction/wb_tokens.html",
        {"nav": NAV, "form": form, "tokens": _tokens(request.user), "issued": issued},
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_view(*TOKEN_ROLES)
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk: int):
    """GET asks to confirm; POST revokes."""
    token = get_scoped_or_404(request.user, _tokens(request.user), pk=pk)
    if request.method == "GET":
        return render(request, "interaction/wb_token_revoke.html", {"nav": NAV, "token": token})
    try:
        revoke_api_token(request.user, token)
    except ActionRefused as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, f"令牌“{token.name}”已吊销，使用它的请求将被拒绝")
    return redirect("interaction_hotline:tokens")


@staff_view(*STAFF_ROLES)
def attachment_download(request, pk: int):
    """A file the writer attached, for the staff who see the message (its office, lead and assists)."""
    attachment = get_object_or_404(
        MessageAttachment.objects.select_related("message"),
        pk=pk,
        message__in=queries.messages_for(request.user),
    )
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
