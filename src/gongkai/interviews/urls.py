"""Staff pages (/workbench/interviews/) and public pages (/interviews/) of 在线访谈."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import portal_views, views
from .workflow import INTERVIEWS

staff = (
    [
        path("", views.home, name="home"),
        path("new/", views.create, name="create"),
        path("<int:pk>/", views.detail, name="detail"),
        path("<int:pk>/act/<slug:action>/", workflow_action(INTERVIEWS), name="act"),
        path("<int:pk>/guests/", views.add_guest, name="add_guest"),
        path("<int:pk>/media/", views.add_media, name="add_media"),
        path("<int:pk>/media/<int:media>/", views.media_file, name="media_file"),
        path("<int:pk>/questions/<int:question>/moderate/", views.moderate, name="moderate"),
        path("<int:pk>/console/", views.console, name="console"),
        path("<int:pk>/console/questions.json", views.questions_feed, name="questions"),
        path("<int:pk>/entries/<int:entry>/withdraw/", views.withdraw, name="withdraw"),
    ],
    "interviews_staff",
)
public = (
    [
        path("", portal_views.index, name="index"),
        path("<int:pk>/", portal_views.detail, name="detail"),
        path("<int:pk>/ask/", portal_views.ask, name="ask"),
        path("<int:pk>/asked/", portal_views.asked, name="asked"),
        path("<int:pk>/live.json", portal_views.live_feed, name="live"),
        path("<int:pk>/entries/<int:entry>/image", portal_views.entry_image, name="entry_image"),
        path("<int:pk>/media/<int:media>/", portal_views.media_file, name="media_file"),
    ],
    "interviews",
)
