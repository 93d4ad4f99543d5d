"""The DCAT-AP export (/data/catalog.jsonld and /data/catalog.rdf), parsed back with rdflib: the
catalog, each published dataset with its publisher, theme, frequency, licence and distribution;
drafts are not in it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

from tests.opendata.access_helpers import make_dataset
from tests.opendata.conftest import published_budget

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "fmt", "ctype"),
    [
        ("opendata:catalog_jsonld", "json-ld", "application/ld+json"),
        ("opendata:catalog_rdf", "xml", "application/rdf+xml"),
    ],
)
def test_the_catalog_parses_back(client, county, settings, li_ming, wang_fang, sun_li, url_name, fmt, ctype):
    settings.GONGKAI_PUBLIC_URL = "https://data.example.gov.cn"
    ds = published_budget(li_ming, wang_fang, sun_li, title="县级预算收支")
    make_dataset(
        county.housing,
        "住房保障名单",
        openness="conditional",
        theme="社会保障",
        licence="https://example.gov.cn/licence",
    )
    make_dataset(county.finance, "未发布的草稿", state="draft")
    make_dataset(county.finance, "不予开放的数据", openness="closed")
    response = client.get(reverse(url_name))
    assert response.status_code == 200 and response["Content-Type"].startswith(ctype)
    g = Graph().parse(data=response.content, format=fmt)
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    datasets = set(g.objects(catalogs[0], DCAT.dataset))
    assert len(datasets) == 2 and set(g.subjects(RDF.type, DCAT.Dataset)) == datasets
    node = URIRef(f"https://data.example.gov.cn/data/datasets/{ds.pk}/")
    assert node in datasets
    assert g.value(node, DCTERMS.title) == Literal("县级预算收支", lang="zh")
    assert g.value(node, DCTERMS.description) == Literal("县财政局2026年部门预算支出明细", lang="zh")
    publisher = g.value(node, DCTERMS.publisher)
    assert g.value(publisher, FOAF.name) == Literal("示范县财政局", lang="zh")
    theme = g.value(node, DCAT.theme)
    assert (theme, RDF.type, SKOS.Concept) in g and g.value(theme, SKOS.prefLabel) == Literal(
        "财税金融", lang="zh"
    )
    assert g.value(node, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
    )
    assert g.value(node, DCTERMS.license) is not None
    dists = set(g.objects(node, DCAT.distribution))
    assert len(dists) == 2 and all((d, RDF.type, DCAT.Distribution) in g for d in dists)
    assert {g.value(d, DCAT.accessURL) for d in dists} >= {node}
    resource = ds.resources.get()
    (csv,) = [d for d in dists if g.value(d, DCAT.downloadURL)]
    assert g.value(csv, DCAT.downloadURL) == URIRef(
        f"https://data.example.gov.cn/data/resources/{resource.pk}/download.csv"
    )
    assert g.value(csv, DCTERMS.title) == Literal("预算支出明细", lang="zh")
    assert str(g.value(csv, DCTERMS.format)) == "CSV"
    titles = {str(t) for t in g.objects(None, DCTERMS.title)}
    assert "未发布的草稿" not in titles and "不予开放的数据" not in titles
    housing = next(d for d in datasets if d != node)
    assert g.value(housing, DCTERMS.license) == URIRef("https://example.gov.cn/licence")
