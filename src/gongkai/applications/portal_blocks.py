"""依申请公开's entry on a site's home page (registered in apps.py)."""

from __future__ import annotations

from django.urls import reverse


def entry_block(request, site) -> dict:
    return {"apply": reverse("applications:apply"), "status": reverse("applications:status")}
