"""Staff pages (/workbench/interviews/) and public pages (/interviews/) of 在线访谈."""

from django.urls import path

from . import portal_views

staff = ([], "interviews_staff")
public = (
    [
        path("<int:pk>/", portal_views.detail, name="detail"),
        path("<int:pk>/live.json", portal_views.live_feed, name="live"),
        path("<int:pk>/entries/<int:entry>/image", portal_views.entry_image, name="entry_image"),
    ],
    "interviews",
)
