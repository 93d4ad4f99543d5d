"""Staff pages (urls.staff, under /workbench/api/: integration tokens) and the API itself (urls.public,
under /api/: /api/docs is its interactive page, /api/openapi.json its OpenAPI 3 document)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views
from .main import api

staff = (
    [
        path("", views.tokens, name="tokens"),
        path("<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    ],
    "api_staff",
)
# ninja names its app "ninja"; the namespace its reverse() uses is "api". /api/ itself opens the docs.
public = (
    [path("", RedirectView.as_view(pattern_name="api:openapi-view"), name="root"), *api.urls[0]],
    "api",
)
