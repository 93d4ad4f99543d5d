"""Staff pages (/workbench/press/) and public pages (/press/) of 新闻发布."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import portal_views, views
from .workflow import CONFERENCES

staff = (
    [
        path("", views.home, name="home"),
        path("new/", views.create, name="create"),
        path("<int:pk>/", views.detail, name="detail"),
        path("<int:pk>/edit/", views.edit, name="edit"),
        path("<int:pk>/act/<slug:action>/", workflow_action(CONFERENCES), name="act"),
        path("<int:pk>/media/<int:media_pk>/", views.media_file, name="media_file"),
        path("<int:pk>/media/<int:media_pk>/remove/", views.media_remove, name="media_remove"),
        path("spokespersons/", views.spokespersons, name="spokespersons"),
        path("spokespersons/<int:pk>/end/", views.spokesperson_end, name="spokesperson_end"),
        path("frequency/", views.frequency_table, name="frequency"),
        path("frequency/<int:agency_pk>/", views.frequency_setting, name="frequency_setting"),
    ],
    "press_staff",
)
public = (
    [
        path("", portal_views.index, name="index"),
        path("calendar/", portal_views.calendar, name="calendar"),
        path("spokespersons/", portal_views.spokespersons, name="spokespersons"),
        path("<int:pk>/", portal_views.conference, name="conference"),
        path("<int:pk>/live.json", portal_views.live_feed, name="live"),
        path("media/<int:pk>/", portal_views.media, name="media"),
    ],
    "press",
)
