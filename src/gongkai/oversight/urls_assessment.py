"""URLs of the oversight part `assessment` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_assessment

staff = [
    path("assessments/", views_assessment.home, name="assessments"),
]
public = [
    path("scorecards/", views_assessment.public_home, name="scorecards"),
]
