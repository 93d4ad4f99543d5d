from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "门户网站"

    def ready(self) -> None:
        from gongkai.common import registry

        from . import blocks, guide
        from .audit_events import AUDIT_EVENTS

        # The portal's top row: groups of entries, so that it stays on two rows at 375 px as domains are added.
        registry.register_menu_group("portal", "disclosure", _("政务公开"), order=20)
        registry.register_menu_group("portal", "participation", _("政民互动"), order=40)
        registry.register_menu_group("portal", "response", _("解读回应"), order=60)
        registry.register_menu("portal", "home", _("首页"), "portal:home", order=10)
        registry.register_menu(
            "portal", "openness", _("政府信息公开"), "portal:agencies", order=20, group="disclosure"
        )
        registry.register_menu("portal", "guide", _("公开指南"), "portal:guide", order=30, group="disclosure")
        registry.register_menu("workbench", "portal", _("门户网站"), "portal:home", order=90)
        registry.register_audit_events("portal", AUDIT_EVENTS)
        # A cached site holds its agency's tree path: moving or renaming an agency reloads the sites.
        post_save.connect(_agency_saved, sender="agencies.Agency", dispatch_uid="portal-sites-agency")
        registry.register_portal_block(
            "search",
            _("站内检索"),
            template="portal/blocks/search.html",
            context=blocks.search_block,
            order=10,
        )
        registry.register_portal_block(
            "agencies",
            _("机构导航"),
            template="portal/blocks/agencies.html",
            context=blocks.agencies_block,
            order=90,
        )
        registry.register_guide_section(
            "bodies",
            _("公开主体"),
            template="portal/guide/bodies.html",
            context=guide.bodies_section,
            order=10,
        )
        registry.register_guide_section(
            "supervision",
            _("监督和救济"),
            template="portal/guide/supervision.html",
            context=guide.supervision_section,
            order=90,
        )


def _agency_saved(sender, instance, **kwargs) -> None:
    from .sites import agency_changed

    agency_changed(instance.pk)
