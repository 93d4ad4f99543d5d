"""The demo 网站群: the county government's portal (the default site) and three sites of its own
departments and a township on host names every browser resolves to this machine (*.localhost).

Through the portal actions, so each site has its audit row. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.portal.actions import create_site, update_site
from gongkai.portal.models import Site

from .county import demo_username


@dataclass(frozen=True)
class SiteSpec:
    agency_key: str
    name: str
    code: str
    host: str
    organizer: str
    operator: str = ""


PORTAL = SiteSpec(
    "xzf", "示范县人民政府", "3709990001", "www.localhost", "示范县人民政府办公室", "示范县大数据中心"
)
SITES = [
    SiteSpec("czj", "示范县财政局", "3709990002", "czj.localhost", "示范县财政局"),
    SiteSpec("zjj", "示范县住房和城乡建设局", "3709990003", "zjj.localhost", "示范县住房和城乡建设局"),
    SiteSpec("cgz", "示范县城关镇人民政府", "3709990004", "cgz.localhost", "示范县城关镇人民政府"),
]
ICP = "示ICP备20260001号"  # 示 is no province: a demo number that cannot be mistaken for a real one


def _psr(code: str) -> str:
    return f"示公网安备 3709990200{code[-4:]}号"


def build_sites(agencies: dict[str, Agency]) -> list[Site]:
    """The portal (the default site, showing its departments' and townships' documents) and the three
    sites; returns every site."""
    actor = Staff.objects.filter(username=demo_username("xzf", Role.SYSADMIN)).first()
    portal = Site.objects.filter(is_default=True).first()
    wanted = {
        "name": PORTAL.name, "code": PORTAL.code, "agency": agencies[PORTAL.agency_key],
        "include_subagencies": True, "organizer": PORTAL.organizer, "operator": PORTAL.operator,
        "icp": ICP, "psr": _psr(PORTAL.code),
    }  # fmt: skip
    if portal is None:
        portal = create_site(actor, hosts=[PORTAL.host], is_default=True, **wanted)
    elif any(getattr(portal, k) != v for k, v in wanted.items()):
        portal = update_site(actor, portal, hosts=[PORTAL.host], **wanted)
    for spec in SITES:
        if not Site.objects.filter(code=spec.code).exists():
            create_site(
                actor, name=spec.name, code=spec.code, hosts=[spec.host], agency=agencies[spec.agency_key],
                organizer=spec.organizer, icp=ICP, psr=_psr(spec.code),
            )  # fmt: skip
    return list(Site.objects.all())


def host_of(site: Site) -> str:
    """The first host name of a site, or 127.0.0.1 for the default site without one."""
    first = site.hosts.first()
    return first.host if first else "127.0.0.1"
