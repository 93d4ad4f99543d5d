"""URLs of the oversight part `inspection` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_inspection

staff = [
    path("inspections/", views_inspection.home, name="inspections"),
]
public = []
