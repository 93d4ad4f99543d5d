"""The government's 政府信息公开指南 (/openness/guide/): sections domains register through
`registry.register_guide_section`, put together from their data. The portal's own sections: who
discloses (the government, its 主管部门 and every agency of the site, with addresses and telephones)
and how to complain or appeal."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.common import registry


def government(site) -> Agency | None:
    """The agency the guide is of: the site's, or (a site of every agency) the first top-level one."""
    if site.agency_id:
        return site.agency
    return Agency.objects.filter(parent=None, is_active=True).order_by("sort_order", "pk").first()


def supervisor(agency: Agency | None) -> Agency | None:
    """政府信息公开工作主管部门: the office that supervises the government (县政府办公室), else itself."""
    if agency is None:
        return None
    return Agency.objects.filter(supervises=agency, is_active=True).order_by("pk").first() or agency


def bodies_section(request, site) -> dict | None:
    gov = government(site)
    agencies = list(site.agencies().only("id", "name", "address", "phone", "path", "kind", "level"))
    if gov is None and not agencies:
        return None
    return {"government": gov, "office": supervisor(gov), "agencies": agencies}


def supervision_section(request, site) -> dict | None:
    return {"office": supervisor(government(site))}


def sections(request, site) -> list[tuple[registry.PortalBlock, dict]]:
    shown = []
    for section in registry.guide_sections():
        data = section.context(request, site)
        if data is not None:
            shown.append((section, data))
    return shown
