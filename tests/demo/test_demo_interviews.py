"""The demo's interviews: a published transcript (guest of 县财政局, about twenty entries, an image,
one unanswered question forwarded as a message) and one collecting questions; twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from gongkai.demo import interviews as demo
from gongkai.demo.county import build_county
from gongkai.interaction.models import Channel, Message
from gongkai.interviews.models import Interview, LiveEntry, State

pytestmark = pytest.mark.django_db


def test_demo_interviews(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agencies = build_county()
    demo.build(agencies, io.StringIO())
    demo.build(agencies, io.StringIO())
    past = Interview.objects.get(topic=demo.PAST_TOPIC)
    upcoming = Interview.objects.get(topic=demo.NEXT_TOPIC)
    assert (past.state, upcoming.state) == (State.PUBLISHED, State.COLLECTING)
    assert past.guests.get().agency == agencies["czj"]
    assert LiveEntry.objects.filter(interview=past).count() == len(demo.SCRIPT) >= 18
    assert LiveEntry.objects.filter(interview=past).exclude(image="").count() == 1
    assert past.media.count() == 1
    forwarded = Message.objects.get(channel=Channel.INTERVIEW)
    assert past.questions.get(message_receipt_code=forwarded.receipt_code)
    page = client.get(reverse("interviews:detail", args=[past.pk])).content.decode()
    assert "访谈实录" in page and "13905395678" not in page and "张建军" not in page
    assert Interview.objects.count() == 2
