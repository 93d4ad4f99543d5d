"""Public scorecard pages of 留言办理 (mounted at /messages/scorecards/)."""

from django.urls import path

from . import scorecard_views

app_name = "message_scorecards"

urlpatterns = [
    path("", scorecard_views.index, name="index"),
    path("<int:pk>/", scorecard_views.agency, name="agency"),
    path("data.<str:fmt>", scorecard_views.download, name="download"),
]
