from django.urls import path

from gongkai.common.pagecache import public_page
from gongkai.workbench.workflow_views import workflow_action

from . import feeds, views
from .interpretations import views as interpretation_views
from .workflow import DOCUMENTS, INTERPRETATIONS

app_name = "publishing"
urlpatterns = [
    # workbench
    path("workbench/publishing/", views.drafts, name="drafts"),
    path("workbench/publishing/waiting/", views.waiting, name="waiting"),
    path("workbench/publishing/ready/", views.ready, name="ready"),
    path("workbench/publishing/scheduled/", views.scheduled, name="scheduled"),
    path("workbench/publishing/published/", views.published, name="published"),
    path("workbench/publishing/late/", views.late, name="late"),
    path("workbench/publishing/new/", views.create, name="create"),
    path("workbench/publishing/import/", views.upload, name="import"),
    path("workbench/publishing/guide/", views.guide_edit, name="guide_edit"),
    path("workbench/publishing/<int:pk>/", views.detail, name="detail"),
    path("workbench/publishing/<int:pk>/do/<slug:action>/", workflow_action(DOCUMENTS), name="act"),
    path("workbench/publishing/<int:pk>/edit/", views.edit, name="edit"),
    path("workbench/publishing/<int:pk>/diff/", views.revision_diff, name="diff"),
    path("workbench/publishing/findings/<int:pk>/reveal/", views.finding_reveal, name="finding_reveal"),
    path("workbench/publishing/experts/", interpretation_views.experts, name="experts"),
    path("workbench/publishing/experts/new/", interpretation_views.expert_create, name="expert_create"),
    path("workbench/publishing/experts/<int:pk>/edit/", interpretation_views.expert_edit, name="expert_edit"),
    path(
        "workbench/publishing/interpretations/new/",
        interpretation_views.interpretation_create,
        name="interpretation_create",
    ),
    path(
        "workbench/publishing/interpretations/<int:pk>/",
        interpretation_views.interpretation_detail,
        name="interpretation_detail",
    ),
    path(
        "workbench/publishing/interpretations/<int:pk>/do/<slug:action>/",
        workflow_action(INTERPRETATIONS),
        name="interpretation_act",
    ),
    # portal
    path("openness/<int:pk>/", views.openness, name="openness"),
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/subjects/", views.subjects, name="subjects"),
    path("documents/<path:key>/", views.document, name="document"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("interpretations/", interpretation_views.interpretations, name="interpretations"),
    path("interpretations/<int:pk>/", interpretation_views.interpretation, name="interpretation"),
    path("feeds/<slug:slug>/rss/", public_page(feeds.ColumnFeed()), name="feed_rss"),
    path("feeds/<slug:slug>/atom/", public_page(feeds.ColumnAtomFeed()), name="feed_atom"),
    # A sitemap index naming paged sitemaps (sitemaps.org: at most 50,000 URLs per file).
    path(
        "sitemap.xml",
        public_page(feeds.sitemap_index),
        {"sitemap_url_name": "publishing:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(feeds.sitemap_section, params=("p",)),
        name="sitemap_section",
    ),
]
