"""Staff pages (urls.staff, under /workbench/data/) and public pages (urls.public, under /data/)."""

from django.urls import path

from gongkai.workbench.workflow_views import workflow_action

from . import urls_access
from . import views_catalog as catalog
from .workflow import DATASETS

staff = (
    [
        path("datasets/", catalog.home, name="home"),
        path("datasets/new/", catalog.dataset_new, name="new"),
        path("datasets/<int:pk>/", catalog.dataset_detail, name="dataset"),
        path("datasets/<int:pk>/edit/", catalog.dataset_edit, name="edit"),
        path("datasets/<int:pk>/fields/", catalog.dataset_fields, name="fields"),
        path("datasets/<int:pk>/resources/new/", catalog.resource_new, name="resource_new"),
        path("datasets/<int:pk>/act/<slug:action>/", workflow_action(DATASETS), name="act"),
        path("resources/<int:pk>/", catalog.resource_detail, name="resource"),
        *urls_access.staff,
    ],
    "opendata_staff",
)
public = (
    [
        path("datasets/", catalog.catalog, name="catalog"),
        path("datasets/<int:pk>/", catalog.dataset, name="dataset"),
        path("resources/<int:pk>/", catalog.resource, name="resource"),
        path("resources/<int:pk>/download.csv", catalog.download, name="download"),
        *urls_access.public,
    ],
    "opendata",
)
