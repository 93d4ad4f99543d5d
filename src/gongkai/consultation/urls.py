"""Staff pages (/workbench/consultations/) and public pages (/consultations/) of 重大决策与征求意见."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import portal_views, report_urls, views
from .workflow import CONSULTATIONS

staff = (
    [
        path("", views.home, name="home"),
        path("new/", views.create, name="create"),
        path("moderation/", views.moderation, name="moderation"),
        path("comments/<int:pk>/moderate/", views.moderate, name="moderate"),
        path("decisions/", views.decisions, name="decisions"),
        path("decisions/<int:pk>/", views.decision_edit, name="decision_edit"),
        path("<int:pk>/", views.detail, name="detail"),
        path("<int:pk>/edit/", views.edit, name="edit"),
        path("<int:pk>/offline/", views.offline, name="offline"),
        path("<int:pk>/act/<slug:action>/", workflow_action(CONSULTATIONS), name="act"),
        *report_urls.staff_patterns,
    ],
    "consultation_staff",
)
public = (
    [
        path("", portal_views.index, name="index"),
        path("decisions/", portal_views.decisions, name="decisions"),
        path("<int:pk>/", portal_views.detail, name="detail"),
        path("<int:pk>/comment/", portal_views.comment, name="comment"),
        path("<int:pk>/comment/<int:comment>/", portal_views.submitted, name="submitted"),
        *report_urls.public_patterns,
    ],
    "consultation",
)
