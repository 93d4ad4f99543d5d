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


class HeadAsGetMiddleware:
    """HEAD is answered wherever GET is: the view sees a GET, the client gets the headers only.

    Function views limited with `require_http_methods(["GET", ...])` would otherwise answer 405 to
    HEAD (link checkers, monitoring, crawlers of the 政府网站 inspections use it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        else:
            length = len(response.content)
            response.content = b""
            if length and not response.has_header("Content-Length"):
                response["Content-Length"] = str(length)
        return response
