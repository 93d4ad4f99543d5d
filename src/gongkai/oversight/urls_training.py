"""URLs of the oversight part `training` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_training

staff = [
    path("trainings/", views_training.home, name="trainings"),
    path("trainings/new/", views_training.session_new, name="training_new"),
    path("trainings/<int:pk>/", views_training.session_detail, name="training"),
]
public = []
