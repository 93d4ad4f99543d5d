"""Staff pages (/workbench/surveys/) and public pages (/surveys/) of 网上调查."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import portal_views, views
from .workflow import SURVEYS

staff = (
    [
        path("", views.survey_list, name="home"),
        path("new/", views.survey_new, name="new"),
        path("<int:pk>/", views.survey_detail, name="detail"),
        path("<int:pk>/edit/", views.survey_edit, name="edit"),
        path("<int:pk>/questions/new/", views.question_form, name="question_new"),
        path("<int:pk>/questions/<int:qid>/edit/", views.question_form, name="question_edit"),
        path("<int:pk>/questions/<int:qid>/delete/", views.question_delete, name="question_delete"),
        path("<int:pk>/review/", views.review, name="review"),
        path("<int:pk>/export.<slug:fmt>", views.export, name="export"),
        path("<int:pk>/act/<slug:action>/", workflow_action(SURVEYS), name="act"),
    ],
    "surveys_staff",
)
public = (
    [
        path("", portal_views.index, name="index"),
        path("<int:pk>/", portal_views.answer, name="answer"),
        path("<int:pk>/thanks/", portal_views.thanks, name="thanks"),
        path("<int:pk>/results/", portal_views.results, name="results"),
    ],
    "surveys",
)
