"""The catalog's metrics for oversight: 表二 第二十条第（一）项 (规章 and 行政规范性文件 made, repealed
and in force) and publication on time, counted right on hand-made documents, dates inclusive, the
agency filter; the workbench list narrowed to a figure shows the same documents; repealing records
the day."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest
from django.utils import timezone

from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import Disclosure, Document, State, Validity

pytestmark = pytest.mark.django_db

Y25 = (date(2025, 1, 1), date(2025, 12, 31))


def _at(day: date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _doc(agency, title, *, written=None, made=None, published=None, due=None, **fields) -> Document:
    made = made or written or date(2025, 6, 1)
    return Document.objects.create(
        agency=agency, title=title, made_on=made, written_on=written,
        published_at=_at(published) if published else None,
        state=fields.pop("state", State.PUBLISHED if published else State.DRAFT), due_on=due, **fields,
    )  # fmt: skip


@pytest.fixture
def docs(county):
    f, h = county.finance, county.housing
    return {
        # 行政规范性文件 of 县财政局
        "n_first_day": _doc(f, "规范性一", written=date(2025, 1, 1), published=date(2025, 1, 3), is_normative=True,
                            due=date(2025, 1, 8)),
        "n_last_day": _doc(f, "规范性二", written=date(2025, 12, 31), published=date(2026, 1, 6), is_normative=True,
                           due=date(2026, 1, 8)),
        "n_old_repealed": _doc(f, "规范性三", written=date(2023, 3, 1), published=date(2023, 3, 2), is_normative=True,
                               validity=Validity.REPEALED, validity_changed_on=date(2025, 12, 31)),
        "n_old_expired_2024": _doc(f, "规范性四", written=date(2022, 3, 1), published=date(2022, 3, 2),
                                   is_normative=True, validity=Validity.EXPIRED, validity_changed_on=date(2024, 12, 31)),
        "n_old_amended": _doc(f, "规范性五", written=date(2021, 3, 1), published=date(2021, 3, 2), is_normative=True,
                              validity=Validity.AMENDED, validity_changed_on=date(2025, 5, 1)),
        "n_draft": _doc(f, "规范性草稿", written=date(2025, 5, 1), is_normative=True),
        "n_forwarded": _doc(f, "转发上级规范性文件", written=date(2025, 4, 1), published=date(2025, 4, 2),
                            is_normative=True, original_issuer="示范市人民政府"),
        # 规章 of 县住建局
        "r_made": _doc(h, "规章一", written=date(2025, 7, 1), published=date(2025, 7, 2), is_regulation=True),
        "r_repealed_2026": _doc(h, "规章二", written=date(2020, 7, 1), published=date(2020, 7, 2),
                                is_regulation=True, validity=Validity.REPEALED, validity_changed_on=date(2026, 1, 1)),
        # ordinary documents: late, on time, unpublished past due, withheld
        "late": _doc(f, "逾期发布", made=date(2025, 3, 1), published=date(2025, 4, 30), due=date(2025, 3, 28)),
        "waiting": _doc(f, "超期未发布", made=date(2025, 11, 1), due=date(2025, 11, 28), state=State.REVIEW),
        "waiting_2026": _doc(f, "明年到期", made=date(2025, 12, 20), due=date(2026, 1, 19), state=State.REVIEW),
        "withheld": _doc(f, "不予公开", made=date(2025, 3, 1), due=date(2025, 3, 28),
                         disclosure=Disclosure.WITHHELD, withheld_category="internal"),
    }  # fmt: skip


def _fn(code):
    return registry.metrics()[code].fn


def test_normative_and_regulation_figures(county, docs):
    f, h = county.finance.pk, county.housing.pk
    assert _fn("publishing.normative.made")(*Y25) == {f: 2}  # first and last day; not the draft, not 转发
    assert _fn("publishing.normative.repealed")(*Y25) == {f: 1}  # repealed on 31 December; amended is not
    # in force at 31 December: the two made in 2025 and the amended one; not repealed/expired ones
    assert _fn("publishing.normative.in_force")(*Y25) == {f: 3}
    assert _fn("publishing.normative.in_force")(date(2024, 1, 1), date(2024, 12, 31)) == {f: 2}  # 三 and 五
    assert _fn("publishing.regulations.made")(*Y25) == {h: 1}
    assert _fn("publishing.regulations.repealed")(*Y25) == {}
    assert _fn("publishing.regulations.in_force")(*Y25) == {h: 2}  # repealed only in 2026
    assert _fn("publishing.regulations.in_force")(date(2026, 1, 1), date(2026, 12, 31)) == {h: 1}
    assert _fn("publishing.normative.made")(*Y25, agency_ids=[h]) == {}
    assert _fn("publishing.regulations.made")(*Y25, agency_ids=[h, f]) == {h: 1}


def test_publication_figures(county, docs):
    f, h = county.finance.pk, county.housing.pk
    # published in 2025: 规范性一, 转发, 规章一, 逾期发布 (规范性二 only in 2026)
    assert _fn("publishing.documents.published")(*Y25) == {f: 3, h: 1}
    # finance: 规范性一 on time, 转发 without a limit, 逾期发布 late -> 66.7%
    assert _fn("publishing.documents.on_time_pct")(*Y25) == {f: 66.7, h: 100.0}
    # late: 逾期发布 (published late) and 超期未发布 (due 28 November, still in review); not 明年到期,
    # not the withheld one
    assert _fn("publishing.documents.late")(*Y25) == {f: 2}
    assert _fn("publishing.documents.late")(date(2025, 11, 28), date(2025, 11, 28)) == {f: 1}
    assert _fn("publishing.documents.on_time_pct")(date(2024, 1, 1), date(2024, 12, 31)) == {}


def test_records_lists_show_the_documents_behind_a_figure(client, county, docs, zhao_qiang):
    client.force_login(zhao_qiang)
    url = registry.metrics()["publishing.normative.in_force"].records(*Y25, [county.finance.pk])
    page = client.get(url).content.decode()
    assert "统计口径：现行有效的行政规范性文件（2025-01-01至2025-12-31，1个机关），共 3 条" in page
    for title in ("规范性一", "规范性二", "规范性五"):
        assert title in page
    for title in ("规范性三", "规范性四", "规章一", "转发上级规范性文件"):
        assert title not in page
    late = client.get(registry.metrics()["publishing.documents.late"].records(*Y25, None)).content.decode()
    assert "逾期发布" in late and "超期未发布" in late and "明年到期" not in late
    # an unknown figure or bad dates: the ordinary list, no figure
    plain = client.get("/workbench/publishing/published/?figure=nope&from=2025-01-01&to=2025-12-31")
    assert "统计口径" not in plain.content.decode() and "规章一" in plain.content.decode()


def test_set_validity_records_the_day_and_refuses_a_future_one(county, docs, zhang_wei):
    doc = docs["n_first_day"]
    with pytest.raises(ActionRefused, match="不能晚于今天"):
        actions.set_validity(
            zhang_wei, doc, validity=Validity.REPEALED, on=timezone.localdate() + dt.timedelta(1)
        )
    with pytest.raises(ActionRefused, match="不能早于文件的成文日期"):
        actions.set_validity(zhang_wei, doc, validity=Validity.REPEALED, on=date(2024, 12, 31))
    doc.refresh_from_db()
    assert doc.validity == Validity.VALID and doc.validity_changed_on is None
    actions.set_validity(zhang_wei, doc, validity=Validity.REPEALED, on=date(2025, 6, 30))
    doc.refresh_from_db()
    assert doc.validity_changed_on == date(2025, 6, 30)
    assert _fn("publishing.normative.repealed")(date(2025, 6, 30), date(2025, 6, 30)) == {
        county.finance.pk: 1
    }
    actions.set_validity(zhang_wei, doc, validity=Validity.VALID)
    doc.refresh_from_db()
    assert doc.validity_changed_on is None
    actions.set_validity(zhang_wei, doc, validity=Validity.EXPIRED)
    doc.refresh_from_db()
    assert doc.validity_changed_on == timezone.localdate()


def test_validity_is_changed_from_the_document_page(client, county, docs, zhang_wei):
    doc = docs["n_first_day"]
    client.force_login(zhang_wei)
    url = f"/workbench/publishing/{doc.pk}/"
    assert "变更有效性" in client.get(url).content.decode()
    bad = client.post(url, {"action": "validity", "validity": "repealed", "on": "2025-13-40"}, follow=True)
    assert "年-月-日" in bad.content.decode()
    doc.refresh_from_db()
    assert doc.validity == Validity.VALID
    form = {"action": "validity", "validity": "repealed", "on": "2025-09-01", "note": "被新文件替代"}
    client.post(url, form)
    client.post(url, form)  # re-submitted: recorded once
    doc.refresh_from_db()
    assert (doc.validity, doc.validity_changed_on) == (Validity.REPEALED, date(2025, 9, 1))
    assert doc.revisions.filter(note="被新文件替代").count() == 1
    assert "（2025-09-01起）" in client.get(url).content.decode()
