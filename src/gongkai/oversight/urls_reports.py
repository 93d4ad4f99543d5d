"""URLs of the oversight part `reports` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_reports

staff = [
    path("reports/", views_reports.home, name="reports"),
]
public = [
    path("reports/", views_reports.public_home, name="reports"),
]
