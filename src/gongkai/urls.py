from importlib import import_module

from django.contrib import admin
from django.urls import include, path

from gongkai.applications import urls as applications_urls
from gongkai.interaction import letters_urls  # prompt letters and routing keywords (mtext)
from gongkai.interaction import portal_urls as message_urls

DOMAIN_URLS = [  # (app, path prefix): its urls.staff under /workbench/<prefix>/, urls.public under /<prefix>/
    ("consultation", "consultations"),
    ("surveys", "surveys"),
    ("interviews", "interviews"),
    ("press", "press"),
    ("plans", "plans"),
    ("newmedia", "new-media"),
    ("opinion", "opinion"),
    ("opendata", "data"),
    ("services", "services"),
    ("api", "api"),
    ("oversight", "oversight"),
]


def _urls(app: str):
    return import_module(f"gongkai.{app}.urls")


admin.site.site_header = "公开 gongkai 系统管理"
admin.site.site_title = "gongkai 系统管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("workbench/applications/", include(applications_urls.staff)),
    path("workbench/agencies/", include("gongkai.agencies.urls")),
    path("workbench/audit/", include("gongkai.audit.urls")),
    path("workbench/workdays/", include("gongkai.workdays.urls")),
    path("workbench/messages/", include(message_urls.staff)),  # 热线登记, 12345 tokens, attachments
    path("workbench/messages/letters/", include(letters_urls.staff)),  # 提示函, 分办关键词
    path("workbench/messages/", include("gongkai.interaction.urls")),  # 留言办理 (issue #10)
    *(path(f"workbench/{prefix}/", include(_urls(app).staff)) for app, prefix in DOMAIN_URLS),
    *(path(f"{prefix}/", include(_urls(app).public)) for app, prefix in DOMAIN_URLS),
    path("workbench/", include("gongkai.workbench.urls")),
    path("applications/", include(applications_urls.public)),
    path("messages/scorecards/", include("gongkai.interaction.scorecard_urls")),  # 留言办理 scorecards
    path("messages/prompt-letters/", include(letters_urls.public)),  # 公开的提示函及反馈
    path("messages/", include(message_urls.public)),  # 互动交流: mailboxes, status, list, 12345 API
    path("search/", include("gongkai.search.urls")),
    path("", include("gongkai.publishing.urls")),
    path("", include("gongkai.portal.urls")),
]
