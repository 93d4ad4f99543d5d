"""The live endpoint (gongkai.common.live through the interview's feed): cursor, ETag and 304
without a query, removal, and nothing before the interview is announced."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse

from gongkai.common import live
from gongkai.interviews import actions

from .conftest import make_interview

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit bumps the feed's version


def _get(client, interview, after=0, etag=None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    return client.get(reverse("interviews:live", args=[interview.pk]), {"after": after}, **headers)


def test_new_entries_after_the_cursor(client, interview, li_ming):
    first = actions.post_entry(li_ming, interview, body="各位网友，大家好！")
    response = _get(client, interview)
    data = response.json()
    assert [e["id"] for e in data["entries"]] == [str(first.pk)]
    assert "各位网友，大家好！" in data["entries"][0]["html"]
    assert data["done"] is False
    guest = interview.guests.get()
    second = actions.post_entry(li_ming, interview, body="补贴十个工作日内发放到户。", guest=guest)
    data = _get(client, interview, after=data["cursor"]).json()
    ids = [e["id"] for e in data["entries"]]
    assert ids[-1] == str(second.pk)  # the previous one may repeat (overlap), the new one is last
    assert "王建国" in data["entries"][-1]["html"]


def test_unchanged_feed_answers_304_without_a_query(client, interview, li_ming, django_assert_num_queries):
    actions.post_entry(li_ming, interview, body="欢迎收看。")
    response = _get(client, interview)
    etag, cursor = response["ETag"], response.json()["cursor"]
    with django_assert_num_queries(0):
        again = _get(client, interview, after=cursor, etag=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    actions.post_entry(li_ming, interview, body="下面请嘉宾介绍。")
    changed = _get(client, interview, after=cursor, etag=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["entries"][-1]["html"].count("下面请嘉宾介绍。") == 1


def test_a_lost_version_costs_one_full_answer(client, interview, li_ming):
    actions.post_entry(li_ming, interview, body="欢迎收看。")
    response = _get(client, interview)
    caches[live.CACHE_ALIAS].delete(f"gongkai:live:{interview.live_key}")
    again = _get(client, interview, after=response.json()["cursor"], etag=response["ETag"])
    assert again.status_code == 200
    assert _get(client, interview, after=response.json()["cursor"], etag=again["ETag"]).status_code == 304


def test_a_withdrawn_entry_is_sent_as_removed(client, interview, li_ming):
    entry = actions.post_entry(li_ming, interview, body="打错了的一句话")
    cursor = _get(client, interview).json()["cursor"]
    actions.withdraw_entry(li_ming, entry)
    data = _get(client, interview, after=cursor).json()
    assert {"id": str(entry.pk), "html": None}.items() <= data["entries"][-1].items()


def test_nothing_is_served_before_the_interview_is_announced(client, county, li_ming):
    planned = make_interview(li_ming, county.finance)
    assert _get(client, planned).json()["entries"] == []
    assert client.get(reverse("interviews:detail", args=[planned.pk])).status_code == 404


@pytest.mark.parametrize("raw", ["", "abc", "-5", "1" * 30])
def test_a_nonsense_cursor_means_from_the_start(client, interview, li_ming, raw):
    actions.post_entry(li_ming, interview, body="欢迎收看。")
    assert len(_get(client, interview, after=raw).json()["entries"]) == 1


def test_done_once_the_interview_finished(client, interview, li_ming):
    actions.post_entry(li_ming, interview, body="谢谢大家。")
    first = _get(client, interview)
    actions.finish_interview(li_ming, interview)
    after = _get(client, interview, after=first.json()["cursor"], etag=first["ETag"])
    assert after.status_code == 200 and after.json()["done"] is True


def test_the_page_renders_the_entries_and_the_polling_hooks(client, interview, li_ming):
    actions.post_entry(li_ming, interview, body="欢迎收看。")
    html = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert f'data-live-url="/interviews/{interview.pk}/live.json"' in html
    assert 'aria-live="polite"' in html and "欢迎收看。" in html
    assert "gongkai/live" in html and "刷新页面查看最新内容" in html
