from django.conf import settings


def site(request):
    """Site identity for every page: the header, the footer and the government-site meta tags."""
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "site_code": settings.GONGKAI_SITE_CODE,
        "site_icp": settings.GONGKAI_ICP,
        "site_psr": settings.GONGKAI_PUBLIC_SECURITY_RECORD,
    }
