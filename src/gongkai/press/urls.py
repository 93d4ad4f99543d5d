"""Staff pages (/workbench/press/) and public pages (/press/) of 新闻发布."""

from django.urls import path  # noqa: F401

staff = ([], "press_staff")
public = ([], "press")
