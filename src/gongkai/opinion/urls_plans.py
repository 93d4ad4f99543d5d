"""URLs of the watch-plan pages (under /workbench/opinion/plans/)."""

from django.urls import path

from . import views_plans

staff = [
    path("plans/", views_plans.plan_list, name="plans"),
    path("plans/new/", views_plans.plan_create, name="plan_create"),
    path("plans/count/", views_plans.plan_count, name="plan_count"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views_plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/toggle/", views_plans.plan_toggle, name="plan_toggle"),
]
