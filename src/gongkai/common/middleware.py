"""Answers a login attempt refused by the per-account back-off (gongkai.common.lockout)."""

from __future__ import annotations

import math

from django.conf import settings
from django.shortcuts import render


class AccountBackoffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        wait = getattr(request, "gongkai_account_wait", 0)
        if wait and request.method == "POST":
            return render(
                request,
                settings.AXES_LOCKOUT_TEMPLATE,
                {"wait_minutes": math.ceil(wait / 60), "account_backoff": True},
                status=429,
            )
        return response
