"""Staff pages (urls.staff, under /workbench/opinion/) and public pages (urls.public, under /opinion/)."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import urls_events, urls_plans, views_handling, views_sources
from .collect import push
from .workflow import EVENTS

staff = (
    [
        *urls_events.staff,
        # handling (op-act)
        path("handling/", views_handling.handling, name="handling"),
        path("handling/<int:pk>/", views_handling.handling_event, name="handling_event"),
        path("events/<int:pk>/act/<slug:action>/", workflow_action(EVENTS), name="event_act"),
        path("rules/", views_handling.rules, name="rules"),
        path("rules/<int:pk>/delete/", views_handling.rule_delete, name="rule_delete"),
        path("reports/", views_handling.reports, name="reports"),
        path("reports/<int:pk>/", views_handling.report, name="report"),
        path("reports/<int:pk>/download/", views_handling.report_download, name="report_download"),
        # watch plans (op-understand)
        *urls_plans.staff,
        # sources and posts (op-collect)
        path("posts/", views_sources.post_list, name="posts"),
        path("sources/", views_sources.source_list, name="sources"),
        path("sources/new/", views_sources.source_new, name="source_new"),
        path("sources/<int:pk>/", views_sources.source_detail, name="source"),
        path("sources/<int:pk>/edit/", views_sources.source_edit, name="source_edit"),
        path("sources/<int:pk>/toggle/", views_sources.source_toggle, name="source_toggle"),
        path("sources/<int:pk>/fetch/", views_sources.source_refetch, name="source_refetch"),
        path("sources/<int:pk>/import/", views_sources.source_import, name="source_import"),
        path("sources/<int:pk>/token/", views_sources.source_token, name="source_token"),
    ],
    "opinion_staff",
)
public = ([path("push/", push.push, name="push")], "opinion")
