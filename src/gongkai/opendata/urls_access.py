"""URLs of the open-data home page, DCAT, 有条件开放, the opening plan and 需求征集 (added to urls.py's
lists)."""

from django.urls import path

from . import views_access, views_home

staff = [
    path("access/", views_access.access_home, name="access"),
    path("access/<int:pk>/", views_access.application_detail, name="application"),
    path("tokens/<int:pk>/", views_access.token_detail, name="token"),
    path("opening-plan/", views_access.plan_home, name="plan"),
    path("opening-plan/new/", views_access.plan_new, name="plan_new"),
    path("opening-plan/<int:pk>/", views_access.plan_item, name="plan_item"),
    path("requests/", views_access.requests_home, name="requests"),
    path("requests/<int:pk>/", views_access.request_detail, name="request"),
]
public = [
    path("", views_home.home, name="home"),
    path("catalog.jsonld", views_home.catalog_jsonld, name="catalog_jsonld"),
    path("catalog.rdf", views_home.catalog_rdf, name="catalog_rdf"),
    path("datasets/<int:pk>/apply/", views_access.apply, name="apply"),
    path("apply/<str:code>/", views_access.applied, name="applied"),
    path("opening-plan/", views_access.public_plan, name="plan"),
    path("requests/", views_access.public_requests, name="requests"),
    path("requests/new/", views_access.request_new, name="request_new"),
    path("requests/received/<str:code>/", views_access.requested, name="requested"),
]
