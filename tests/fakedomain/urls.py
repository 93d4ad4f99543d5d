from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import views
from .workflow import WIDGETS_FLOW

app_name = "fakedomain"
urlpatterns = [
    path("", views.home, name="home"),
    path("widgets/<int:pk>/do/<slug:action>/", workflow_action(WIDGETS_FLOW), name="act"),
]
