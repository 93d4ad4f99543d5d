"""Staff pages (/workbench/services/) and public pages (/services/) of 办事服务."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import public_views, views
from .workflow import POWER_LISTS

staff = (
    [
        path("", views.power_lists, name="power_lists"),
        path("power-lists/new/", views.power_list_new, name="power_list_new"),
        path("power-lists/<int:pk>/", views.power_list, name="power_list"),
        path("power-lists/<int:pk>/act/<slug:action>/", workflow_action(POWER_LISTS), name="power_list_act"),
        path("power-lists/<int:pk>/items/new/", views.item_new, name="item_new"),
        path("power-items/<int:pk>/edit/", views.item_edit, name="item_edit"),
        path("power-items/<int:pk>/remove/", views.item_remove, name="item_remove"),
        path("decisions/", views.decisions, name="decisions"),
        path("decisions/new/", views.decision_new, name="decision_new"),
        path("decisions/<int:pk>/", views.decision, name="decision"),
        path("guides/", views.guides, name="guides"),
        path("guides/new/", views.guide_new, name="guide_new"),
        path("guides/<int:pk>/", views.guide, name="guide"),
        path("cases/", views.cases, name="cases"),
        path("cases/import/", views.case_import, name="case_import"),
    ],
    "services_staff",
)
public = (
    [
        path("", public_views.index, name="index"),
        path("powers/", public_views.power_lists, name="power_lists"),
        path("powers/<int:agency>/", public_views.power_list, name="power_list"),
        path("enforcement/", public_views.decisions, name="decisions"),
        path("enforcement/<int:pk>/", public_views.decision, name="decision"),
        path("guides/", public_views.guides, name="guides"),
        path("guides/<int:pk>/", public_views.guide, name="guide"),
        path("cases/", public_views.case_lookup, name="case_lookup"),
    ],
    "services",
)
