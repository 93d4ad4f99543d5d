"""URLs of the public message pages (/messages/), the 12345 ticket endpoint, and the hotline's
workbench pages (/workbench/messages/hotline/, attachments); included from gongkai/urls.py."""

from django.urls import path

from . import api, hotline_views, portal_views

public = (
    [
        path("", portal_views.index, name="index"),
        path("write/", portal_views.write, name="write"),
        path("submitted/<str:code>/", portal_views.submitted, name="submitted"),
        path("submitted/<str:code>/receipt/", portal_views.receipt, name="receipt"),
        path("status/", portal_views.status, name="status"),
        path("status/<str:code>/", portal_views.status_detail, name="status_detail"),
        path("rate/<str:token>/", portal_views.rate_link, name="rate_link"),
        path("list/", portal_views.message_list, name="list"),
        path("<int:pk>/", portal_views.message_page, name="message"),
        path("api/12345/tickets/", api.tickets, name="api_tickets"),
    ],
    "interaction",
)

staff = (
    [
        path("hotline/", hotline_views.hotline, name="hotline"),
        path("hotline/tokens/", hotline_views.tokens, name="tokens"),
        path("hotline/tokens/<int:pk>/revoke/", hotline_views.token_revoke, name="token_revoke"),
        path("attachments/<int:pk>/", hotline_views.attachment_download, name="attachment"),
    ],
    "interaction_hotline",
)
