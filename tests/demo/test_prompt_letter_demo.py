"""The demo's routing keywords and its published prompt letter, built through the real actions."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.demo import county
from gongkai.demo.prompt_letters import HEATING, build_prompt_letter
from gongkai.interaction import actions, routing
from gongkai.interaction.models import LetterState, Mailbox, Message, PromptLetter


@pytest.fixture
def demo_county(db):
    agencies = county.build_county()
    actions.ensure_mailboxes(None, agencies["xzf"])
    return agencies


def test_one_published_letter_with_feedback_and_nothing_personal_on_its_page(client, demo_county):
    letter = build_prompt_letter()
    assert letter.state == LetterState.PUBLISHED and "循环泵" in letter.feedback
    assert letter.number == f"示政办提〔{timezone.localdate().year}〕1号"
    assert letter.messages.count() == 5
    assert build_prompt_letter() == letter  # again: nothing new
    assert PromptLetter.objects.count() == 1 and Message.objects.count() == 5

    for url in ("/messages/prompt-letters/", f"/messages/prompt-letters/{letter.pk}/"):
        page = client.get(url).content.decode()
        assert letter.number in page
        for name, phone, _ in HEATING:
            assert name not in page and phone not in page and phone[-8:] not in page


def test_the_keywords_suggest_the_housing_bureau(demo_county):
    build_prompt_letter()
    box = Mailbox.objects.get(agency=demo_county["xzf"], kind="leader")
    message, _ = actions.submit_message(
        mailbox=box,
        kind="complaint",
        subject="暖气不热",
        body="幸福小区暖气一直不热，室温只有十二度，请尽快解决。",
        writer_name="钱多多",
        writer_phone="13937119999",
        public_consent=False,
        idempotency_key="demo-test",
    )
    (first, *_) = routing.suggest(message)
    assert first.agency == demo_county["zjj"]
    assert first.reason == "关键词：" + "、".join(sorted(["小区", "暖气"]))
