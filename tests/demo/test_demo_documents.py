"""The demo tells the truth about other governments' documents and writes the county's own in full."""

import datetime as dt
import re

import pytest
from django.utils.timezone import localtime

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import COUNTY, build_county, demo_name
from gongkai.demo.county_documents import document_year, own_documents
from gongkai.demo.publishing import build_publishing
from gongkai.publishing.models import Document, Interpretation, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    build_publishing(build_county(), generated=0)


def test_seeds_keep_their_issuer_number_and_date_in_a_column_of_their_own(demo):
    seeds = Document.objects.filter(source_name__endswith=".txt")
    assert seeds.count() == 5 and {d.column.name for d in seeds} == {"上级文件"}
    state_council = seeds.get(doc_number="国办发〔2013〕100号")
    assert state_council.written_on == dt.date(2013, 10, 1)
    assert "发文机关：国务院办公厅" in state_council.summary
    huantai = seeds.get(doc_number="桓政办发〔2014〕47号")
    assert "桓台县人民政府办公室" in huantai.summary
    assert huantai.written_on is None  # the copy carries no date, and none is made up
    liaoning = seeds.get(doc_number="辽政办发〔2013〕61号")
    assert liaoning.forwarded_by.written_on == dt.date(2014, 1, 6)
    assert "盘锦市人民政府办公室" in liaoning.forwarded_by.summary
    assert all(not d.title.startswith("示范县") and "示范县" not in d.summary for d in seeds)
    assert all(localtime(d.published_at).weekday() < 5 for d in seeds if d.written_on)


def test_a_republished_document_names_its_real_issuer_on_the_portal(demo, client):
    doc = Document.objects.get(doc_number="国办发〔2013〕100号")
    assert doc.original_issuer == "国务院办公厅"
    page = client.get(f"/documents/{doc.index_number}/").content.decode()
    assert '<th scope="row">原发文机关</th><td colspan="3">国务院办公厅（本网转载）</td>' in page
    own = Document.objects.filter(state=State.PUBLISHED, original_issuer="").exclude(
        source_name__endswith=".txt"
    )
    assert (
        own.exists()
        and "原发文机关" not in client.get(f"/documents/{own.first().index_number}/").content.decode()
    )


def test_the_countys_own_documents_are_dated_and_interpreted(demo):
    year = document_year()
    for spec in own_documents(year):
        doc = Document.objects.get(title=spec.title)
        assert doc.state == State.PUBLISHED and doc.written_on.year == year
        published = localtime(doc.published_at)
        assert published.date() >= doc.written_on and published.weekday() < 5
        assert len(re.sub(r"<[^>]+>", "", doc.body)) > 400  # a document, not a stub
        if spec.interpretation:
            item = doc.interpretations.get()
            assert item.state == State.PUBLISHED and len(re.sub(r"<[^>]+>", "", item.body)) > 300
    # every interpretation of the demo is one of the written-out ones
    assert Interpretation.objects.count() == sum(1 for s in own_documents(year) if s.interpretation)


@pytest.mark.parametrize(
    ("today", "year"),
    [(dt.date(2027, 1, 10), 2026), (dt.date(2027, 4, 14), 2026), (dt.date(2027, 4, 15), 2027)],
)
def test_own_documents_are_never_dated_in_the_future(today, year):
    assert document_year(today) == year
    assert all(dt.date(year, *spec.month_day) < today for spec in own_documents(year))


def test_no_two_demo_staff_share_a_name():
    build_county()
    names = list(Staff.objects.values_list("full_name", flat=True))
    assert len(names) == len(set(names)) == len(COUNTY) * len(Role.values)
    assert len({demo_name(i) for i in range(400)}) == 400
