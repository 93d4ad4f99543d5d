"""Staff pages (/workbench/plans/) and public pages (/plans/) of 政务公开工作要点."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import views
from .workflow import PLANS

staff = (
    [
        path("", views.home, name="home"),
        path("new/", views.plan_new, name="new"),
        path("import/", views.plan_import, name="import"),
        path("import/<str:key>/", views.plan_review, name="review"),
        path("<int:pk>/", views.plan_detail, name="plan"),
        path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
        path("<int:pk>/tasks/new/", views.task_new, name="task_new"),
        path("<int:pk>/act/<slug:action>/", workflow_action(PLANS), name="act"),
        path("tasks/<int:pk>/", views.task_detail, name="task"),
        path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    ],
    "plans_staff",
)
public = (
    [
        path("", views.public_index, name="index"),
        path("<int:pk>/", views.public_plan, name="plan"),
    ],
    "plans",
)
