"""Staff pages (urls.staff, under /workbench/<prefix>/) and public pages (urls.public)."""

from django.urls import path  # noqa: F401

staff = ([], "opinion_staff")
public = ([], "opinion")
