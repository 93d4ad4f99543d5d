"""Staff pages (/workbench/new-media/) and public pages (/new-media/) of 政务新媒体."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import views
from .workflow import ACCOUNTS

staff = (
    [
        path("", views.account_list, name="home"),
        path("accounts/new/", views.account_new, name="account_new"),
        path("accounts/<int:pk>/", views.account_detail, name="account"),
        path("accounts/<int:pk>/act/<slug:action>/", workflow_action(ACCOUNTS), name="act"),
        path("accounts/<int:pk>/posts/", views.post_new, name="post_new"),
        path("accounts/<int:pk>/import/", views.post_import, name="post_import"),
        path("accounts/<int:pk>/fetch/", views.feed_fetch, name="feed_fetch"),
        path("releases/", views.release_home, name="releases"),
        path("releases/<int:pk>/", views.release_detail, name="release"),
        path("release/<str:key>/<int:pk>/", views.release_new, name="release_new"),
        path("outbox/<int:pk>/retry/", views.item_retry, name="item_retry"),
        path("outbox/<int:pk>/posted/", views.item_mark_posted, name="item_posted"),
    ],
    "newmedia_staff",
)
public = ([path("", views.public_list, name="index")], "newmedia")
