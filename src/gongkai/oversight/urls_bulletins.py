"""URLs of the oversight part `bulletins` (mounted by oversight/urls.py)."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import views_bulletins as v
from .bulletins_workflow import BULLETINS

staff = [
    path("bulletins/", v.home, name="bulletins"),
    path("bulletins/new/", v.bulletin_new, name="bulletin_new"),
    path("bulletins/<int:pk>/", v.bulletin_detail, name="bulletin"),
    path("bulletins/<int:pk>/edit/", v.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:pk>/act/<slug:action>/", workflow_action(BULLETINS), name="bulletin_act"),
    path("bulletins/<int:pk>/docx/", v.bulletin_docx, name="bulletin_docx"),
    path("bulletins/rectifications/<int:pk>/", v.rectification, name="rectification"),
    path("feedback/", v.feedback, name="feedback"),
    path("feedback/new/", v.feedback_new, name="feedback_new"),
    path("feedback/<int:pk>/", v.feedback_item, name="feedback_item"),
    path("feedback/supervisors/<int:pk>/", v.feedback_supervisor, name="feedback_supervisor"),
]
public = [
    path("bulletins/", v.public_home, name="bulletins"),
    path("bulletins/<int:pk>/", v.public_bulletin, name="bulletin"),
    path("bulletins/<int:pk>/docx/", v.public_docx, name="bulletin_docx"),
    path("feedback/<str:token>/", v.feedback_form, name="feedback_form"),
]
