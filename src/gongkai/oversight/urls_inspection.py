"""URLs of the oversight part `inspection` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_inspection

staff = [
    path("inspections/", views_inspection.home, name="inspections"),
    path("inspections/rules/", views_inspection.rules, name="inspection_rules"),
    path("inspections/site/<int:pk>/", views_inspection.site_history, name="inspection_site"),
    path("inspections/site/<int:pk>/run/", views_inspection.run, name="inspection_run"),
    path("inspections/<int:pk>/", views_inspection.report, name="inspection"),
    path("inspections/<int:pk>/xlsx/", views_inspection.report_xlsx, name="inspection_xlsx"),
    path("inspections/finding/<int:pk>/", views_inspection.finding, name="finding"),
]
public = []
