"""The handling demo: events in every grade and state, the canteen event answered by a published
document within 5 hours, the river event escalated to the county office, an issued weekly report;
running it twice adds nothing."""

from __future__ import annotations

import io

import pytest

from gongkai.demo import opinion_handling as demo
from gongkai.demo.county import build_county
from gongkai.opinion.models import Escalation, Event, Report

pytestmark = pytest.mark.django_db


def test_demo_handling(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agencies = build_county()
    demo.build(agencies, io.StringIO())
    demo.build(agencies, io.StringIO())
    events = {e.title: e for e in Event.objects.all()}
    assert len(events) == len(demo.EVENTS)
    assert {e.grade or e.proposed_grade for e in events.values()} == {"1", "2", "3", "4"}
    assert {"new", "assigned", "closed"} <= {e.state for e in events.values()}
    school = events[demo.EVENTS[0][1]]
    assert school.state == "closed" and school.responses.get().kind == "publishing.document"
    assert (school.responded_at - school.first_seen_at).total_seconds() == 3.5 * 3600 <= 5 * 3600
    # Its page has a heat curve and sources like a clustered event (counted from the attached posts).
    assert sum(h.posts for h in school.hour_counts.all()) == school.post_count == school.posts.count() > 0
    assert [s.posts for s in school.source_counts.all()] == [school.post_count]
    assert school.assessments.get().participants.count() == 4
    river = events[demo.EVENTS[1][1]]
    assert Escalation.objects.get().event == river and river.escalated_at is not None
    report = Report.objects.get()
    assert report.kind == "weekly" and report.state == "issued" and report.file.name.endswith(".docx")
