"""The one JSON API (django-ninja: typed schemas, OpenAPI 3 generated from the code, its own docs page
served from the app's static files — no CDN). Domains contribute routers; this layer mounts them.

django-ninja rather than DRF + drf-spectacular: the schemas are the type hints the handlers already
need, the OpenAPI document comes from them with no second description to keep in step, and it is
one small dependency with no plugin for the schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from . import errors

api = NinjaAPI(
    title=str(_("gongkai 开放接口")),
    version="1",
    urls_namespace="api",
    description=str(
        _(
            "公开数据无需令牌；工作人员对接接口需要在工作台“接口令牌”签发的令牌（Authorization: Bearer gk_…）。"
            '列表均用游标分页（limit、cursor，返回 next_cursor）；错误均返回 {"code": 机器可读代码, "message": 中文说明}。'
        )
    ),
)
errors.install(api)
api.add_router("/documents/", "gongkai.api.routers.documents.router")
api.add_router("/interpretations/", "gongkai.api.routers.interpretations.router")
api.add_router("/consultations/", "gongkai.api.routers.consultations.router")
api.add_router("/press/", "gongkai.api.routers.press.router")
api.add_router("/messages/", "gongkai.api.routers.messages.router")
api.add_router("/applications/", "gongkai.api.routers.applications.router")
api.add_router("/staff/", "gongkai.api.routers.staff.router")
api.add_router("/scorecards/", "gongkai.api.routers.scorecards.router")
api.add_router("/data/", "gongkai.opendata.api.router")
