"""Two sets of URLs: the public ones under /applications/ and the staff ones under
/workbench/applications/ (both included from gongkai/urls.py)."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import views
from .workflow import APPLICATIONS

public = (
    [
        path("apply/", views.apply, name="apply"),
        path("submitted/<str:code>/", views.submitted, name="submitted"),
        path("submitted/<str:code>/receipt/", views.receipt, name="receipt"),
        path("status/", views.status, name="status"),
        path("status/notices/<int:pk>/", views.citizen_notice_download, name="notice_download"),
        path("status/releases/<int:pk>/", views.citizen_release_download, name="release_download"),
    ],
    "applications",
)

staff = (
    [
        path("", views.application_list, name="list"),
        path("register/", views.register, name="register"),
        path("report/", views.report, name="report"),
        path("<int:pk>/", views.detail, name="detail"),
        path("<int:pk>/act/<slug:action>/", workflow_action(APPLICATIONS), name="act"),
        path("<int:pk>/reveal/", views.reveal, name="reveal"),
        path("notices/<int:pk>/", views.notice, name="notice"),
        path("notices/<int:pk>/download/", views.notice_download, name="notice_download"),
        path("releases/<int:pk>/download/", views.release_download, name="release_download"),
    ],
    "applications_staff",
)
