"""URLs of prompt letters and routing keywords: `staff` under /workbench/messages/letters/,
`public` under /messages/prompt-letters/."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import views_letters as views
from .letter_workflow import LETTERS

staff = (
    [
        path("", views.letter_list, name="home"),
        path("<int:pk>/", views.letter_detail, name="detail"),
        path("<int:pk>/docx/", views.letter_docx, name="docx"),
        path("<int:pk>/act/<slug:action>/", workflow_action(LETTERS), name="act"),
        path("template/", views.letter_template, name="template"),
        path("keywords/", views.keywords, name="keywords"),
        path("keywords/<int:pk>/remove/", views.keyword_remove, name="keyword_remove"),
    ],
    "interaction_letters",
)

public = (
    [
        path("", views.public_list, name="list"),
        path("<int:pk>/", views.public_detail, name="detail"),
    ],
    "prompt_letters",
)
