"""The DCAT-AP export of the published catalog, for a provincial platform to harvest.

One `dcat:Catalog` with a `dcat:Dataset` per published dataset: dct:title and dct:description in
Chinese (`@zh`), dct:publisher (a foaf:Agent per agency), dcat:theme (a skos:Concept per 主题分类),
dct:accrualPeriodicity (the EU frequency vocabulary), dct:license, dcat:contactPoint, dcat:landingPage
and dcat:Distributions: the dataset's page, and each released resource file (dcat:accessURL its page,
dcat:downloadURL its CSV for open data). URIs are built on GONGKAI_PUBLIC_URL so that they do not depend on the Host a
harvester used. Serialised by rdflib as JSON-LD and RDF/XML.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from .models import Openness

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FREQ = Namespace("http://publications.europa.eu/resource/authority/frequency/")

# 更新频率 as written in the catalog → the EU frequency authority table.
FREQUENCIES = {
    "实时": "CONT",
    "每小时": "HOURLY",
    "每日": "DAILY",
    "每天": "DAILY",
    "每周": "WEEKLY",
    "每月": "MONTHLY",
    "每季度": "QUARTERLY",
    "每半年": "BIANNUAL",
    "每年": "ANNUAL",
    "不定期": "IRREG",
    "不更新": "NEVER",
    "hourly": "HOURLY",
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "monthly": "MONTHLY",
    "quarterly": "QUARTERLY",
    "yearly": "ANNUAL",
    "annual": "ANNUAL",
    "irregular": "IRREG",
}


def base_url() -> str:
    return settings.GONGKAI_PUBLIC_URL.rstrip("/")


def absolute(path: str) -> URIRef:
    return URIRef(base_url() + path)


def _resources(dataset) -> list:
    """The dataset's released resource files (prefetched into `released` by the view)."""
    released = getattr(dataset, "released", None)
    if released is not None:
        return released
    return list(dataset.resources.filter(published_version__isnull=False).select_related("published_version"))


def build_graph(datasets: Iterable, *, title: str) -> Graph:
    """The catalog graph of `datasets` (already filtered to the published ones)."""
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dct", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("skos", SKOS)
    g.bind("vcard", VCARD)
    catalog = absolute(reverse("opendata:catalog_jsonld").rsplit(".", 1)[0])
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(title, lang="zh")))
    g.add((catalog, DCTERMS.description, Literal(f"{title}数据资源目录", lang="zh")))
    g.add(
        (catalog, DCTERMS.language, URIRef("http://publications.europa.eu/resource/authority/language/ZHO"))
    )
    g.add((catalog, FOAF.homepage, absolute(reverse("opendata:home"))))
    publishers: dict[int, URIRef] = {}
    themes: dict[str, URIRef] = {}
    for ds in datasets:
        landing = absolute(ds.get_absolute_url())
        node = landing  # the dataset's page is its stable identifier
        g.add((catalog, DCAT.dataset, node))
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((node, DCTERMS.identifier, Literal(str(ds.pk))))
        g.add((node, DCTERMS.title, Literal(ds.title, lang="zh")))
        if ds.summary:
            g.add((node, DCTERMS.description, Literal(ds.summary, lang="zh")))
        g.add((node, DCAT.landingPage, landing))
        if ds.updated_at:
            g.add((node, DCTERMS.modified, Literal(ds.updated_at.isoformat(), datatype=XSD.dateTime)))
        agency = ds.agency
        if agency.pk not in publishers:
            pub = publishers[agency.pk] = absolute(f"/agencies/{agency.pk}")
            g.add((pub, RDF.type, FOAF.Agent))
            g.add((pub, FOAF.name, Literal(agency.name, lang="zh")))
        g.add((node, DCTERMS.publisher, publishers[agency.pk]))
        if ds.theme:
            if ds.theme not in themes:
                concept = themes[ds.theme] = absolute(
                    f"{reverse('opendata:catalog')}?theme={quote(ds.theme)}"
                )
                g.add((concept, RDF.type, SKOS.Concept))
                g.add((concept, SKOS.prefLabel, Literal(ds.theme, lang="zh")))
            g.add((node, DCAT.theme, themes[ds.theme]))
        if ds.industry:
            g.add((node, DCAT.keyword, Literal(ds.industry, lang="zh")))
        freq = FREQUENCIES.get((ds.frequency or "").strip().lower()) or FREQUENCIES.get(ds.frequency or "")
        if freq:
            g.add((node, DCTERMS.accrualPeriodicity, FREQ[freq]))
        licence = None
        if ds.licence:
            if ds.licence.startswith(("http://", "https://")):
                licence = URIRef(ds.licence)
            else:
                licence = BNode()
                g.add((licence, RDF.type, DCTERMS.LicenseDocument))
                g.add((licence, RDFS.label, Literal(ds.licence, lang="zh")))
            g.add((node, DCTERMS.license, licence))
        g.add((node, DCTERMS.accessRights, Literal(ds.get_openness_display(), lang="zh")))
        if ds.contact:
            contact = BNode()
            g.add((contact, RDF.type, VCARD.Kind))
            g.add((contact, VCARD.fn, Literal(agency.name, lang="zh")))
            g.add((contact, VCARD.note, Literal(ds.contact, lang="zh")))
            g.add((node, DCAT.contactPoint, contact))
        # The landing page is always a way in; each resource file adds a download.
        dist = URIRef(f"{node}#page")
        g.add((node, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{ds.title}（数据集页面）", lang="zh")))
        g.add((dist, DCAT.accessURL, landing))
        if licence is not None:
            g.add((dist, DCTERMS.license, licence))
        for resource in _resources(ds):
            version = resource.published_version
            rdist = URIRef(f"{node}#resource-{resource.pk}")
            g.add((node, DCAT.distribution, rdist))
            g.add((rdist, RDF.type, DCAT.Distribution))
            g.add((rdist, DCTERMS.title, Literal(resource.title, lang="zh")))
            g.add((rdist, DCAT.accessURL, absolute(reverse("opendata:resource", args=[resource.pk]))))
            if ds.openness == Openness.OPEN:  # conditional data is served to token holders only
                g.add((rdist, DCAT.downloadURL, absolute(reverse("opendata:download", args=[resource.pk]))))
            g.add((rdist, DCTERMS.format, Literal(version.format.upper())))
            g.add((rdist, DCAT.byteSize, Literal(version.size, datatype=XSD.nonNegativeInteger)))
            if licence is not None:
                g.add((rdist, DCTERMS.license, licence))
    return g


JSONLD_CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def serialise(graph: Graph, fmt: str) -> bytes:
    if fmt == "json-ld":
        return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=1).encode("utf-8")
    return graph.serialize(format="pretty-xml").encode("utf-8")
