"""主动公开's sections of the government's 公开指南 page (registered in apps.py): what is published,
where, how fast, and each agency's own guide."""

from __future__ import annotations

from django.conf import settings

from .models import Column, Guide, Subject


def proactive_section(request, site) -> dict:
    agencies = site.agencies()
    return {
        "publish_days": settings.GONGKAI_PUBLISH_LIMIT_DAYS,
        "normative_days": settings.GONGKAI_NORMATIVE_LIMIT_DAYS,
        "columns": list(Column.objects.only("name", "slug", "is_key_area")),
        "subject_count": Subject.objects.filter(parent=None).count(),
        "guides": list(
            Guide.objects.filter(agency__in=agencies)
            .select_related("agency")
            .only("agency__name", "updated_at")
        ),
    }
