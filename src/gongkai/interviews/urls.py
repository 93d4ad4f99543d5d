"""Staff pages (/workbench/interviews/) and public pages (/interviews/) of 在线访谈."""

from django.urls import path  # noqa: F401

staff = ([], "interviews_staff")
public = ([], "interviews")
