"""The demo's messages: built through the actions in many states, idempotent, and no public page of
the demo shows a writer's name, phone or ID number (a crawl of every public message page)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from gongkai.demo.county import build_county
from gongkai.demo.messages import build_messages
from gongkai.interaction.models import AgencyDay, Channel, Message, Reply, State, Transfer

pytestmark = pytest.mark.django_db
LINK = re.compile(r'href="(/[^"#]*)"')
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def crawl(client, start: list[str], prefix: tuple[str, ...], limit: int = 400) -> dict[str, str]:
    seen: dict[str, str] = {}
    todo = list(start)
    while todo and len(seen) < limit:
        url = todo.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        html = response.content.decode()
        seen[url] = html
        for link in LINK.findall(html):
            link = unescape(link)
            if link.startswith(prefix) and link not in seen and "/write/" not in link:
                todo.append(link)
    return seen


def test_demo_messages_and_their_public_pages(client):
    build_county()
    made = build_messages(count=45)
    assert sum(made.values()) == 45  # (the prompt letter of the demo adds its own messages)
    assert {State.CLOSED, State.REPLIED, State.ASSIGNED, State.INVALID} <= set(made)
    assert {Channel.WEB, Channel.HOTLINE, Channel.PLATFORM_12345} <= set(
        Message.objects.values_list("channel", flat=True)
    )
    assert Transfer.objects.filter(kind="return").exists() and Message.objects.filter(reopen_count=1).exists()
    assert Reply.objects.filter(published_at__isnull=False).exists()
    assert AgencyDay.objects.exists()
    assert build_messages(count=45) == {}  # a rerun makes nothing

    pages = crawl(client, ["/messages/", "/messages/list/", "/messages/scorecards/"], ("/messages/",))
    message_pages = [u for u in pages if re.fullmatch(r"/messages/\d+/", u)]
    assert len(message_pages) >= 10
    writers = Message.objects.all()
    names = {m.writer_name for m in writers}
    phones = {m.writer_phone for m in writers}
    for url, html in pages.items():
        text = re.sub(r"<[^>]+>", " ", html)
        assert not [n for n in names if n in text], url
        assert not any(p in html for p in phones), url
        assert not PHONE.search(text) and not ID_NUMBER.search(text), url
