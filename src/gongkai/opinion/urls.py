"""Staff pages (urls.staff, under /workbench/<prefix>/) and public pages (urls.public)."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import urls_events, urls_plans, views_handling
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
    ],
    "opinion_staff",
)
public = ([], "opinion")
