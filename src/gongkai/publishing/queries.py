"""What other parts read of the published catalog (the portal pages and the JSON API alike):
only published, proactively disclosed documents leave here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from gongkai.agencies.models import Agency

from .models import Column, Disclosure, Document, Interpretation, State


def public_documents() -> QuerySet[Document]:
    return Document.objects.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE)


@dataclass(frozen=True)
class CatalogFilters:
    """The catalog's filters (公开目录): publishing agency, subject (and its children), genre,
    year of publication, validity, column, and words of the title or document number."""

    agency: int | None = None
    subject: int | None = None
    genre: str = ""
    year: int | None = None
    validity: str = ""
    column: str = ""
    text: str = ""


def catalog_documents(filters: CatalogFilters, *, scope: Q | None = None) -> QuerySet[Document]:
    """The public documents matching `filters`, newest first, with what a list row shows in a
    constant number of queries; `scope` narrows to a site of the 网站群."""
    qs = public_documents()
    if scope is not None:
        qs = qs.filter(scope)
    if filters.agency:
        # A subquery rather than a join, so no DISTINCT over whole rows is needed (PostgreSQL paid 3×).
        published_by = Document.publishers.through.objects.filter(agency_id=filters.agency)
        qs = qs.filter(pk__in=published_by.values("document_id"))
    if filters.subject:
        qs = qs.filter(Q(subject_id=filters.subject) | Q(subject__parent_id=filters.subject))
    if filters.genre:
        qs = qs.filter(genre=filters.genre)
    if filters.year:
        qs = qs.filter(published_at__year=filters.year)
    if filters.validity:
        qs = qs.filter(validity=filters.validity)
    if filters.column:
        qs = qs.filter(column__slug=filters.column)
    if filters.text:
        qs = qs.filter(Q(title__icontains=filters.text) | Q(doc_number__icontains=filters.text))
    return (
        qs.select_related("agency", "subject__parent", "column")
        .prefetch_related(Prefetch("publishers", queryset=Agency.objects.only("id", "name", "short_name")))
        .defer("body", "source_text", "stripped_text")
        .order_by("-published_at", "-pk")
    )


def column_activity(site):
    """For the website self-inspection (registry.column_activity): each column the site shows, with
    the newest publication date and the number of public documents of the site's agencies in it."""
    from gongkai.common.registry import ColumnActivity

    figures = {
        row["column_id"]: row
        for row in public_documents()
        .filter(site.scope(), column__isnull=False)
        .values("column_id")
        .annotate(latest=Max("published_at"), items=Count("id"))
        .order_by()
    }
    catalog = reverse("publishing:catalog")
    for column in Column.objects.all():
        if not site.shows_column(column.slug):
            continue
        row = figures.get(column.pk, {})
        yield ColumnActivity(
            slug=column.slug,
            name=column.name,
            update_class=column.update_class,
            latest=row.get("latest"),
            items=row.get("items", 0),
            url=f"{catalog}?{urlencode({'column': column.slug})}",
        )


def public_document(key: str) -> Document | None:
    """The public document with 索引号 `key` (or primary key), else None."""
    qs = Document.objects.select_related("agency", "subject__parent", "column").defer(
        "source_text", "stripped_text"
    )
    doc = qs.filter(index_number=key).first() if key else None
    if doc is None and key.isdigit() and len(key) < 12:
        doc = qs.filter(pk=int(key)).first()
    return doc if doc is not None and doc.is_public else None


def public_attachments(doc: Document):
    """The files of a public document (the document page lists them all)."""
    return doc.attachments.order_by("pk") if doc.is_public else doc.attachments.none()


def public_interpretations(scope: Q | None = None) -> QuerySet[Interpretation]:
    """Published interpretations (解读), newest first, each with its public documents."""
    qs = Interpretation.objects.filter(state=State.PUBLISHED)
    if scope is not None:
        qs = qs.filter(scope)
    return (
        qs.select_related("agency")
        .prefetch_related(
            Prefetch("documents", queryset=public_documents().only("id", "title", "index_number"))
        )
        .order_by("-published_at", "-pk")
    )


def citable_documents(user, *, title_contains: str = "", limit: int | None = 200) -> QuerySet[Document]:
    """The published proactive documents of the user's agency subtree, newest first: what another domain's
    record may cite as its evidence or source (a plan, a dataset). `user=None`: every agency's."""
    from gongkai.agencies.scope import agency_filter

    qs = Document.objects.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE)
    if user is not None:
        qs = qs.filter(agency_filter(user))
    if title_contains:
        qs = qs.filter(title__contains=title_contains)
    qs = qs.order_by("-published_at", "-pk").only("pk", "title", "published_at")
    return qs[:limit] if limit else qs
