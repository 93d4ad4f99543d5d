"""The demo builds a live catalog through the real import path and workflow, and runs twice safely."""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.common import registry
from gongkai.demo.county import build_county
from gongkai.demo.publishing import build_publishing
from gongkai.publishing.models import Column, Document, ReviewStep, State

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_goes_through_the_workflow():
    agencies = build_county()
    first = build_publishing(agencies, generated=24)
    # 4 seed files (seed 000 forwards one more document), 4 of the county's own written out
    assert first == {"seeds": 5, "own": 4, "generated": 23}
    count = Document.objects.count()
    assert build_publishing(agencies, generated=24) == {"seeds": 0, "own": 0, "generated": 0}
    assert Document.objects.count() == count
    seed = Document.objects.get(doc_number="辽政办发〔2013〕61号")
    assert seed.state == State.PUBLISHED and seed.forwarded_by is not None
    steps = set(ReviewStep.objects.filter(document=seed).values_list("step", flat=True))
    assert {"check", "review", "sign_off", "secrecy_review"} <= steps
    assert Column.objects.filter(is_key_area=True).count() == 4
    via = Document.objects.filter(agency__name="示范县教育局", state=State.PUBLISHED).first()
    assert via.review_steps.filter(step=State.VIA_REVIEW).exists()
    # 县财政局 revised a 行政规范性文件 last year and made another: 表二 has figures to show
    last, czj = timezone.localdate().year - 1, agencies["czj"].pk
    year = (date(last, 1, 1), date(last, 12, 31))
    metrics = registry.metrics()
    assert metrics["publishing.normative.made"].fn(*year, [czj]) == {czj: 2}
    assert metrics["publishing.normative.repealed"].fn(*year, [czj]) == {czj: 1}
    assert metrics["publishing.normative.in_force"].fn(*year, [czj]) == {czj: 2}
