"""Staff pages (/workbench/new-media/) and public pages (/new-media/) of 政务新媒体."""

from django.urls import path  # noqa: F401

staff = ([], "newmedia_staff")
public = ([], "newmedia")
