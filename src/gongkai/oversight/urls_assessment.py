"""URLs of the oversight part `assessment` (mounted by oversight/urls.py)."""

from django.urls import path

from . import views_assessment as v

staff = [
    path("assessments/", v.home, name="assessments"),
    path("assessments/schemes/new/", v.scheme_new, name="assessment_scheme_new"),
    path("assessments/schemes/<int:pk>/", v.scheme, name="assessment_scheme"),
    path("assessments/<int:pk>/", v.assessment, name="assessment_detail"),
    path("assessments/ratings/", v.ratings, name="assessment_ratings"),
]
public = [
    path("scorecards/", v.public_home, name="scorecards"),
    path("scorecards/<int:pk>/", v.public_ranking, name="scorecard_ranking"),
    path("scorecards/<int:pk>/download/<str:fmt>/", v.public_download, name="scorecard_download"),
    path("scorecards/<int:pk>/<int:agency>/", v.public_scorecard, name="scorecard"),
    path("scorecards/<int:pk>/<int:agency>/rate/", v.public_rate, name="scorecard_rate"),
    path("scorecards/<int:pk>/<int:agency>/rated/<int:rating>/", v.public_rated, name="scorecard_rated"),
]
