"""Every write to the 网站群: creating a site and changing its settings, each with an audit row."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import pagecache, registry
from gongkai.common.errors import ActionRefused
from gongkai.common.filetypes import identify

from .models import Site, SiteHost
from .sites import bump_sites_version, normalise_host

SITE_FIELDS = [
    "name",
    "code",
    "agency",
    "include_subagencies",
    "organizer",
    "operator",
    "icp",
    "psr",
    "logo",
    "home_blocks",
    "columns",
    "is_default",
]
LOGO_MAX_BYTES = 1024 * 1024
_ICP = re.compile(r"^[\u4e00-\u9fff]ICP备\d{6,10}号(-\d{1,3})?$")
_PSR = re.compile(r"^[\u4e00-\u9fff]公网安备\s?\d{14}号$")


def clean_hosts(hosts: Iterable[str]) -> list[str]:
    """Host names as stored: lower case, no port, no duplicates; refuses one that is no host name."""
    out: list[str] = []
    for raw in hosts:
        raw = (raw or "").strip()
        if not raw:
            continue
        if "/" in raw or "@" in raw:
            raise ActionRefused(
                f"“{raw}”不是域名：只填写域名，如 www.example.gov.cn，不要带 http:// 或路径", field="hosts"
            )
        host = normalise_host(raw)
        if host is None:
            raise ActionRefused(f"“{raw}”不是有效的域名", field="hosts")
        if host not in out:
            out.append(host)
    return out


def _check(site: Site, hosts: list[str]) -> None:
    site.name = site.name.strip()
    if not site.name:
        raise ActionRefused("网站名称不能为空", field="name")
    if Site.objects.exclude(pk=site.pk).filter(name=site.name).exists():
        raise ActionRefused(f"已有名为“{site.name}”的网站", field="name")
    site.code = site.code.strip()
    if len(site.code) != 10 or not site.code.isdigit():
        raise ActionRefused("网站标识码应为10位数字", field="code")
    site.icp, site.psr = site.icp.strip(), re.sub(r"\s+", " ", site.psr.strip())
    if site.icp and not _ICP.match(site.icp):
        raise ActionRefused("ICP备案号格式应如：鲁ICP备12345678号 或 鲁ICP备12345678号-1", field="icp")
    if site.psr and not _PSR.match(site.psr):
        raise ActionRefused("公安机关备案号格式应如：鲁公网安备 37099902000001号（14位数字）", field="psr")
    if site.agency_id and not site.agency.is_active:
        raise ActionRefused(f"机关“{site.agency.name}”已停用，不能作为网站的所属机关", field="agency")
    unknown = [key for key in site.home_blocks if registry.portal_block(key) is None]
    if unknown:
        raise ActionRefused(f"没有这些首页版块：{'、'.join(unknown)}", field="home_blocks")
    if len(set(site.home_blocks)) != len(site.home_blocks):
        raise ActionRefused("同一个首页版块只能放一次", field="home_blocks")
    known = {slug for slug, _name in registry.site_columns()}
    unknown = [slug for slug in site.columns if slug not in known]
    if unknown:
        raise ActionRefused(f"没有这些栏目：{'、'.join(unknown)}", field="columns")
    if not hosts and not site.is_default:
        raise ActionRefused("请至少填写一个域名（默认网站除外）", field="hosts")
    taken = SiteHost.objects.filter(host__in=hosts).exclude(site_id=site.pk).select_related("site")
    for row in taken:
        raise ActionRefused(f"域名 {row.host} 已属于网站“{row.site.name}”", field="hosts")


def _store_logo(site: Site, logo: UploadedFile | None) -> None:
    if logo is None:
        return
    if logo.size > LOGO_MAX_BYTES:
        raise ActionRefused("网站标志不能超过1MB", field="logo")
    head = logo.read(64)
    logo.seek(0)
    kind = identify(head)
    if kind not in {"png", "jpeg"}:
        raise ActionRefused("网站标志须为 PNG 或 JPEG 图片", field="logo")
    site.logo.save(f"site-logo.{'png' if kind == 'png' else 'jpg'}", logo, save=False)


def _save(site: Site, hosts: list[str]) -> None:
    if site.is_default:
        Site.objects.select_for_update().filter(is_default=True).exclude(pk=site.pk).update(is_default=False)
    site.save()
    SiteHost.objects.filter(site=site).exclude(host__in=hosts).delete()
    existing = set(SiteHost.objects.filter(site=site).values_list("host", flat=True))
    SiteHost.objects.bulk_create([SiteHost(site=site, host=h) for h in hosts if h not in existing])
    bump_sites_version()
    pagecache.changed()  # cached public pages carry the site's name, footer and home page


def _audit_after(site: Site, hosts: list[str]) -> dict:
    fields = [name for name in SITE_FIELDS if name != "logo"]
    return {**snapshot(site, fields), "logo": site.logo.name or "", "hosts": hosts}


@transaction.atomic
def create_site(
    actor,
    *,
    name: str,
    code: str,
    hosts: Iterable[str] = (),
    agency=None,
    include_subagencies: bool = True,
    organizer: str = "",
    operator: str = "",
    icp: str = "",
    psr: str = "",
    logo: UploadedFile | None = None,
    home_blocks: Iterable[str] = (),
    columns: Iterable[str] = (),
    is_default: bool = False,
) -> Site:
    hosts = clean_hosts(hosts)
    site = Site(
        name=name, code=code, agency=agency, include_subagencies=include_subagencies,
        organizer=organizer.strip(), operator=operator.strip(), icp=icp, psr=psr,
        home_blocks=list(home_blocks), columns=list(columns), is_default=is_default,
    )  # fmt: skip
    if not Site.objects.exists():
        site.is_default = True  # the first site is the default one
    _check(site, hosts)
    _store_logo(site, logo)
    _save(site, hosts)
    record_audit(
        actor=actor,
        action="portal.site.create",
        target=site,
        agency=site.agency,
        after=_audit_after(site, hosts),
    )
    return site


@transaction.atomic
def update_site(actor, site: Site, *, hosts: Iterable[str] | None = None, logo=None, **changes) -> Site:
    """Change a site's settings; `hosts` replaces its host names, `logo` (an upload) its logo,
    `logo=False` removes it."""
    unknown = set(changes) - set(SITE_FIELDS) - {"logo"}
    if unknown:
        raise ActionRefused(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    site = Site.objects.select_for_update(of=("self",)).select_related("agency").get(pk=site.pk)
    old_hosts = list(site.hosts.values_list("host", flat=True))
    before = _audit_after(site, old_hosts)
    new_hosts = clean_hosts(hosts) if hosts is not None else old_hosts
    if changes.get("is_default") is False and site.is_default:
        raise ActionRefused("请把另一个网站设为默认网站，而不是取消本网站的默认设置", field="is_default")
    for key, value in changes.items():
        if key in {"home_blocks", "columns"}:
            value = list(value)
        if key in {"organizer", "operator"}:
            value = (value or "").strip()
        setattr(site, key, value)
    _check(site, new_hosts)
    if logo is False:
        site.logo = ""
    else:
        _store_logo(site, logo)
    after = _audit_after(site, new_hosts)
    if after == before:
        return site
    _save(site, new_hosts)
    record_audit(
        actor=actor, action="portal.site.update", target=site, agency=site.agency, before=before, after=after
    )
    return site
