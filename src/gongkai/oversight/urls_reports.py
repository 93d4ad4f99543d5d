"""URLs of the oversight part `reports` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_reports

staff = [
    path("reports/", views_reports.home, name="reports"),
    path("reports/new/", views_reports.report_new, name="report_new"),
    path("reports/<int:pk>/", views_reports.report, name="report"),
    path("reports/<int:pk>/edit/", views_reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/act/<slug:action>/", views_reports.report_act, name="report_act"),
    path("reports/<int:pk>/report.<str:ext>", views_reports.report_download, name="report_download"),
    path("reports/<int:pk>/report.<str:ext>", views_reports.report_download, name="report_download"),
]
public = [
    path("reports/", views_reports.public_home, name="reports"),
    path("reports/<int:pk>/", views_reports.public_report, name="report"),
    path("reports/<int:pk>/report.<str:ext>", views_reports.public_download, name="report_download"),
]
