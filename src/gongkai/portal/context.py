from __future__ import annotations

from .sites import default_site


def site(request):
    """Site identity for every page: the header, the footer and the government-site meta tags."""
    current = getattr(request, "site", None) or default_site()
    return {
        "site": current,
        "site_name": current.name,
        "site_code": current.code,
        "site_icp": current.icp,
        "site_psr": current.psr,
    }
