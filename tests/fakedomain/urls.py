from django.urls import path

from . import views

app_name = "fakedomain"
urlpatterns = [path("", views.home, name="home")]
