from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("openness/", views.agencies, name="agencies"),
    path("openness/guide/", views.guide, name="guide"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("site-logo/<int:pk>/", views.logo, name="logo"),
]
