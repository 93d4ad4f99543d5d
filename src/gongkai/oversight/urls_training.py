"""URLs of the oversight part `training` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_training

staff = [
    path("trainings/", views_training.home, name="trainings"),
]
public = []
