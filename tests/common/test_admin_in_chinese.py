"""Every admin page the system administrator can reach by following links reads in Chinese.

The crawl starts at the admin index with the demo county's data, follows every admin link (one
page per URL shape, so ten thousand rows cost one visit), and fails on an English word in the
visible text, a title or a placeholder. Identifiers (user names, receipt codes, column slugs,
template placeholders) are data, not words: tokens with a digit or an underscore, all-capital
codes, and the text inside <code> are skipped; proper names are allow-listed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from axes.models import AccessLog
from django.test import Client

from gongkai.agencies.models import Staff
from gongkai.demo.applications import build_applications
from gongkai.demo.county import build_county
from gongkai.demo.publishing import build_publishing
from gongkai.publishing.models import Column, Topic

pytestmark = pytest.mark.django_db

PROPER_NAMES = {"gongkai", "Word", "Django", "Chromium"}
SKIP = re.compile(r"/(logout|delete|password)/|/r/\d+/")  # actions, not pages; /r/ leaves the admin
WORD = re.compile(r"[A-Za-z0-9_/.]*[A-Za-z][A-Za-z0-9_/.]*")
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")  # a notice template's syntax, quoted in help


class VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "template", "code", "textarea"}

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "placeholder"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.texts.append(data)


def english_words(text: str, data: set[str]) -> set[str]:
    found = set()
    text = TEMPLATE_CODE.sub(" ", text)
    for token in WORD.findall(text):
        if any(c.isdigit() or c in "_/." for c in token) or token.isupper() or token in PROPER_NAMES | data:
            continue
        found.add(token)
    return found


def shape(url: str) -> str:
    return re.sub(r"/\d+/", "/<n>/", url)


def test_every_admin_page_is_chinese(django_capture_on_commit_callbacks):
    build_publishing(build_county(), generated=6)
    with django_capture_on_commit_callbacks(execute=False):
        build_applications(only=("czj",))
    # Slugs are identifiers the administrator typed, shown as data.
    data = set(Column.objects.values_list("slug", flat=True)) | set(
        Topic.objects.values_list("slug", flat=True)
    )
    client = Client()
    # A finished login of the sysadmin: password and second factor (tests/conftest.py).
    client.force_login(Staff.objects.get(username="xzf_sysadmin"))
    AccessLog.objects.all().delete()  # force_login's log row has no request path ("<unknown>"): not UI text
    todo, seen, english = ["/admin/"], set(), {}
    while todo:
        url = todo.pop()
        if shape(url) in seen:
            continue
        seen.add(shape(url))
        response = client.get(url)
        assert response.status_code == 200, url
        page = VisibleText()
        page.feed(response.content.decode())
        words = english_words(" ".join(page.texts), data)
        if words:
            english[url] = sorted(words)
        for href in page.links:
            href = href.split("#")[0].split("?")[0]
            if href.startswith("/admin/") and not SKIP.search(href) and shape(href) not in seen:
                todo.append(href)
    assert len(seen) > 40  # the crawl reached the change pages, not just the index
    assert not english, "\n".join(f"{url}: {' '.join(words)}" for url, words in english.items())
