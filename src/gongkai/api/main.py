"""The one JSON API (django-ninja: typed schemas, OpenAPI 3 generated from the code, its own docs page
served from the app's static files — no CDN). Domains contribute routers; this layer mounts them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

api = NinjaAPI(
    title=str(_("gongkai 开放接口")),
    version="1",
    urls_namespace="api",
)
api.add_router("/data/", "gongkai.opendata.api.router")
