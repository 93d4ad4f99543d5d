"""Staff pages (/workbench/plans/) and public pages (/plans/) of 政务公开工作要点."""

from django.urls import path  # noqa: F401

staff = ([], "plans_staff")
public = ([], "plans")
