"""The demo's closed consultation gets its groups, dispositions, a published adoption report and the
adopted decision linked both ways; running the demo twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.consultation.models import Consultation, State
from gongkai.demo import consultation as demo
from gongkai.demo.county import build_county

pytestmark = pytest.mark.django_db


def test_demo_publishes_the_report_and_links_the_decision(client):
    agencies = build_county()
    demo.build(agencies, io.StringIO())
    c = Consultation.objects.get(title=demo.DOGS)
    assert c.state == State.REPORTED
    assert c.comments.filter(disposition="", group__isnull=True).count() == 0
    assert c.groups.count() == 1
    decision = c.adopted_document
    assert decision is not None and decision.is_public
    assert c.decision_item.adopted_document_id == decision.pk
    report = client.get(reverse("consultation:report", args=[c.pk])).content.decode()
    assert decision.title in report and "13905391234" not in report
    assert (
        f'href="{reverse("consultation:report", args=[c.pk])}"'
        in client.get(decision.get_absolute_url()).content.decode()
    )
    entries = AuditEntry.objects.count()
    demo.build(agencies, io.StringIO())  # idempotent
    assert AuditEntry.objects.count() == entries
