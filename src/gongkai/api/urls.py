"""Staff pages (urls.staff, under /workbench/api/: integration tokens) and the API itself (urls.public,
under /api/: /api/docs is its interactive page, /api/openapi.json its OpenAPI 3 document)."""

from django.urls import path  # noqa: F401

from .main import api

staff = ([], "api_staff")
public = (api.urls[0], "api")  # ninja names its app "ninja"; the namespace its reverse() uses is "api"
