"""URLs of the oversight part `bulletins` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_bulletins

staff = [
    path("bulletins/", views_bulletins.home, name="bulletins"),
]
public = [
    path("bulletins/", views_bulletins.public_home, name="bulletins"),
]
