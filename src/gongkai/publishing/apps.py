from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.publishing"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.common import registry

        from . import metrics, portal_blocks
        from .audit_events import AUDIT_EVENTS, LEGACY_AUDIT_CODES
        from .guide_sections import proactive_section
        from .models import Attachment, Column, Document, Expert, Guide, Interpretation, Subject, Topic
        from .queries import column_activity
        from .search_entries import REINDEXERS
        from .todo import publishing_items
        from .views import WORKBENCH_ROLES
        from .workflow import DOCUMENTS, INTERPRETATIONS

        registry.register_workflow(DOCUMENTS)
        metrics.register()
        # The page cache: documents and interpretations once published (published_at stays set when
        # withdrawn), and everything the catalog and the document pages show.
        registry.register_public_models(Document, Interpretation, when=_was_published)
        registry.register_public_models(Attachment, when=lambda item: _was_published(item.document))
        registry.register_public_models(Column, Subject, Topic, Guide, Expert)
        registry.register_workflow(INTERPRETATIONS)
        registry.register_todo(publishing_items)
        registry.register_guide_section(
            "proactive",
            _("主动公开"),
            template="publishing/guide_proactive.html",
            context=proactive_section,
            order=20,
        )
        for kind, fn in REINDEXERS.items():
            registry.register_reindexer(kind, fn)
        registry.register_menu(  # only the roles its pages admit (a responder has no 主动公开 work)
            "workbench", "publishing", _("主动公开"), "publishing:drafts", order=40, roles=WORKBENCH_ROLES
        )
        registry.register_menu(
            "portal", "catalog", _("公开目录"), "publishing:catalog", order=50, group="disclosure"
        )
        registry.register_menu(
            "portal",
            "interpretations",
            _("政策解读"),
            "publishing:interpretations",
            order=60,
            group="response",
        )
        registry.register_audit_events("publishing", AUDIT_EVENTS, legacy=LEGACY_AUDIT_CODES)
        registry.register_site_columns(lambda: Column.objects.values_list("slug", "name"))
        # Other domains' items published as documents (oversight's annual reports): catalog_items.py
        from .catalog_items import publish_catalog_item

        registry.register_catalog_publisher(publish_catalog_item)
        registry.register_column_activity(column_activity)
        documents, entries = "publishing/blocks/documents.html", "publishing/blocks/entries.html"
        registry.register_portal_block(
            "latest", _("最新公开"), template=documents, context=portal_blocks.latest_block, order=20
        )
        registry.register_portal_block(
            "policies", _("政策文件"), template=documents, context=portal_blocks.policies_block, order=30
        )
        registry.register_portal_block(
            "interpretations", _("政策解读"), template="publishing/blocks/interpretations.html",
            context=portal_blocks.interpretations_block, order=40,
        )  # fmt: skip
        registry.register_portal_block(
            "key_areas",
            _("重点领域信息公开"),
            template=entries,
            context=portal_blocks.key_areas_block,
            order=50,
        )
        registry.register_portal_block(
            "annual_reports", _("政府信息公开工作年度报告"), template=documents,
            context=portal_blocks.annual_reports_block, order=70,
        )  # fmt: skip
        registry.register_job(
            "publish_scheduled", group="frequent", description="发布到了定时发布时间的政府信息"
        )


def _was_published(obj) -> bool:
    return obj.published_at is not None
