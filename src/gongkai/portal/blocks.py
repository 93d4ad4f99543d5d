"""The portal's own home-page blocks: the search box and the agency directory."""

from __future__ import annotations

from django.urls import reverse

from gongkai.common import registry

DIRECTORY_SIZE = 24


def search_block(request, site) -> dict | None:
    url_name = registry.site_search()
    return {"action": reverse(url_name)} if url_name else None


def agencies_block(request, site) -> dict | None:
    """The agencies below the site's agency (every agency on a site of none); hidden on a site of one."""
    agencies = list(site.agencies().only("id", "name", "short_name", "path")[: DIRECTORY_SIZE + 1])
    agencies = [a for a in agencies if a.pk != site.agency_id]
    return {"agencies": agencies[:DIRECTORY_SIZE]} if agencies else None
