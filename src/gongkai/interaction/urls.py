from django.urls import include, path

from gongkai.workbench.workflow_views import workflow_action

from . import scorecard_views, views
from .workflow import MESSAGES

staff = (
    [
        path("", views.message_list, name="home"),
        path("dashboard/", scorecard_views.dashboard, name="dashboard"),
        path("<int:pk>/", views.detail, name="detail"),
        path("<int:pk>/act/<slug:action>/", workflow_action(MESSAGES), name="act"),
    ],
    "interaction_staff",
)

urlpatterns = [path("", include(staff))]
