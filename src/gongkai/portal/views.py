from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.common import registry
from gongkai.common.pagecache import public_page

from . import guide as guide_sections
from .models import Site
from .sites import site_table


def home_blocks(request, site: Site) -> list[tuple[registry.PortalBlock, dict]]:
    """The blocks of the site's home page that have something to show, in the site's order."""
    keys = site.home_blocks or [block.key for block in registry.portal_blocks() if block.default]
    shown = []
    for key in keys:
        block = registry.portal_block(key)
        if block is None:  # a block of a domain no longer installed
            continue
        data = block.context(request, site)
        if data is not None:
            shown.append((block, data))
    return shown


@public_page
def home(request):
    return render(request, "portal/home.html", {"nav": "home", "blocks": home_blocks(request, request.site)})


@public_page
def agencies(request):
    return render(request, "portal/agencies.html", {"nav": "openness", "agencies": request.site.agencies()})


@public_page
def guide(request):
    """The government's 政府信息公开指南, from the data of every domain that offers a section."""
    site = request.site
    context = {"nav": "guide", "government": guide_sections.government(site)}
    numerals = "一二三四五六七八九十"
    context["sections"] = [
        (numerals[i] if i < len(numerals) else str(i + 1), section, data)
        for i, (section, data) in enumerate(guide_sections.sections(request, site))
    ]
    return render(request, "portal/guide.html", context)


@public_page
def accessibility(request):
    return render(request, "portal/accessibility.html")


@require_GET
def logo(request, pk: int):
    """A site's logo, read through the storage API (a shared filesystem or an object store)."""
    site = next((s for s in site_table().sites if s.pk == pk), None)
    if site is None or not site.logo:
        raise Http404
    response = FileResponse(
        site.logo.open("rb"), content_type="image/png" if site.logo.name.endswith(".png") else "image/jpeg"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
