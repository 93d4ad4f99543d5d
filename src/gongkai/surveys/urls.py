"""Staff pages (/workbench/surveys/) and public pages (/surveys/) of 网上调查."""

from django.urls import path  # noqa: F401

staff = ([], "surveys_staff")
public = ([], "surveys")
