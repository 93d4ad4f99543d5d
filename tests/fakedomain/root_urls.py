"""The site's URLs plus the fake domain's, for tests that install it."""

from django.urls import include, path

from gongkai.urls import urlpatterns as site

urlpatterns = [path("workbench/fake/", include("tests.fakedomain.urls")), *site]
