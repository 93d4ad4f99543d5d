"""Workbench pages of the API: the agency's integration tokens — issued (shown once), listed with
their scopes, expiry and last use, and revoked — by its system administrator or a supervisor."""

from __future__ import annotations

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Role
from gongkai.agencies.scope import get_scoped_or_404, scoped, staff_view
from gongkai.common.errors import ActionRefused

from .actions import issue_api_token, revoke_api_token
from .forms import TokenForm
from .models import ApiToken

TOKEN_ROLES = (Role.SYSADMIN, Role.SUPERVISOR)
NAV = "api"


def _tokens(user):
    return scoped(user, ApiToken.objects.select_related("agency", "created_by", "revoked_by"))


@staff_view(*TOKEN_ROLES)
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            token, raw = issue_api_token(
                request.user, name=d["name"], scopes=d["scopes"], valid_days=d["valid_days"]
            )
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            # Shown on this response only, never stored: the page is not cached and not redirected to.
            issued = {"token": token, "raw": raw}
            form = TokenForm()
    response = render(
        request,
        "api/wb_tokens.html",
        {
            "nav": NAV,
            "form": form,
            "tokens": _tokens(request.user),
            "issued": issued,
            "docs_url": reverse("api:openapi-view"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_view(*TOKEN_ROLES)
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk: int):
    """GET asks to confirm; POST revokes."""
    token = get_scoped_or_404(request.user, _tokens(request.user), pk=pk)
    if request.method == "GET":
        return render(request, "api/wb_token_revoke.html", {"nav": NAV, "token": token})
    try:
        revoke_api_token(request.user, token)
    except ActionRefused as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, f"令牌“{token.name}”已吊销，使用它的请求将被拒绝")
    return redirect("api_staff:tokens")
