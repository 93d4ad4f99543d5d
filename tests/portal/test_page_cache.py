# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""The public page cache (gongkai.common.pagecache): hits, the publication generation, what is never
stored, and the integrity check (`gongkai pages verify`)."""

import threading

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command

from gongkai.common import pagecache
from gongkai.common.models import PublishedPage
from gongkai.publishing import actions
from gongkai.publishing.feeds import DocumentSitemap
from gongkai.publishing.models import Document
from tests.publishing.builders import draft, published, team  # noqa: F401

pytestmark = pytest.mark.django_db

CATALOG = "/catalog/"


@pytest.fixture(autouse=True)
def cache_on(settings, tmp_path):
    settings.GONGKAI_PAGECACHE = True
    settings.GONGKAI_PAGECACHE_GENERATION_FILE = tmp_path / "page-generation"
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit hooks as a real commit would (test transactions never commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def stored_pages() -> int:
    store = caches["pages"]
    return len(store._cache) if hasattr(store, "_cache") else len(store._list_cache_files())


def test_second_view_is_a_hit_and_publishing_shows_at_once(team, client, committed):
    with committed():
        published(team, title="第一份通知")
    first = client.get(CATALOG)
    assert first["X-Gongkai-Cache"] == "miss" and "第一份通知" in first.content.decode()
    again = client.get(CATALOG)
    assert again["X-Gongkai-Cache"] == "hit" and again.content == first.content
    with committed():
        published(team, title="第二份通知")
    after = client.get(CATALOG)
    assert after["X-Gongkai-Cache"] == "miss" and "第二份通知" in after.content.decode()


def test_unpublishing_removes_the_page_at_once(team, client, committed):
    with committed():
        doc = published(team, title="将撤销的通知")
    url = doc.get_absolute_url()
    assert client.get(url).status_code == 200 and client.get(url)["X-Gongkai-Cache"] == "hit"
    with committed():
        actions.unpublish_document(team.signer, doc, reason="内容有误")
    assert client.get(url).status_code == 404
    assert "将撤销的通知" not in client.get(CATALOG).content.decode()


def test_saving_a_draft_keeps_the_cache(team, client, committed):
    with committed():
        published(team, title="已发布的通知")
    client.get(CATALOG)
    before = pagecache.generation.current()
    with committed():
        draft(team.clerk, title="还在起草的通知")
    assert pagecache.generation.current() == before
    assert client.get(CATALOG)["X-Gongkai-Cache"] == "hit"


def test_unknown_parameters_share_one_entry_and_never_reach_the_view(team, client, committed):
    with committed():
        published(team, title="第一份通知")
    client.get(CATALOG)
    count = stored_pages()
    for n in range(20):
        response = client.get(CATALOG, {f"utm{n}": n, "_": "x" * 50})
        assert response["X-Gongkai-Cache"] == "hit"
    assert stored_pages() == count
    # Declared parameters do make their own page.
    assert client.get(CATALOG, {"page": "2"})["X-Gongkai-Cache"] == "miss"
    assert stored_pages() == count + 1


def test_staff_and_visitors_with_messages_get_fresh_pages_never_stored(team, client, committed):
    with committed():
        published(team, title="第一份通知")
    client.force_login(team.clerk)
    response = client.get(CATALOG)
    assert "X-Gongkai-Cache" not in response and stored_pages() == 0
    client.logout()
    client.cookies.pop("sessionid", None)
    anonymous = client.get(CATALOG)
    assert anonymous["X-Gongkai-Cache"] == "miss"
    key = pagecache.key_for("testserver", CATALOG, "", pagecache.generation.current())
    _, headers, content = caches["pages"].get(key)
    for name, _value in headers:
        assert name.lower() != "set-cookie"
    assert b"csrfmiddlewaretoken" not in content and str(team.clerk).encode() not in content
    client.cookies["messages"] = "x"
    assert "X-Gongkai-Cache" not in client.get(CATALOG)


def test_a_head_request_is_answered_from_the_cache(team, client, committed):
    with committed():
        doc = published(team)
    client.get(doc.get_absolute_url())
    head = client.head(doc.get_absolute_url())
    assert head["X-Gongkai-Cache"] == "hit" and head.content == b""


def test_responses_with_cookies_or_errors_are_not_stored(client):
    assert client.get("/documents/no-such-document/").status_code == 404
    assert stored_pages() == 0


def test_verify_names_a_tampered_cache_copy_and_a_page_changed_outside_the_actions(team, client, committed):
    with committed():
        doc = published(team, title="原来的标题")
    url = doc.get_absolute_url()
    client.get(url)
    assert PublishedPage.objects.filter(path=url).exists()
    call_command("pages", "verify")  # nothing differs

    key = pagecache.key_for("testserver", url, "", pagecache.generation.current())
    status, headers, content = caches["pages"].get(key)
    caches["pages"].set(
        key, (status, headers, content.replace("原来的标题".encode(), "被篡改的标题".encode()))
    )
    with pytest.raises(CommandError, match="1 个页面与发布时不一致"):
        call_command("pages", "verify")

    caches["pages"].set(key, (status, headers, content))
    Document.objects.filter(pk=doc.pk).update(title="直接改数据库的标题")  # no action, no publication
    with pytest.raises(CommandError, match="1 个页面与发布时不一致"):
        call_command("pages", "verify")


def test_verify_names_the_page_and_clear_forgets(team, client, committed, capsys):
    with committed():
        doc = published(team, title="原来的标题")
    client.get(doc.get_absolute_url())
    Document.objects.filter(pk=doc.pk).update(title="直接改数据库的标题")
    with pytest.raises(CommandError):
        call_command("pages", "verify")
    assert f"不一致：testserver{doc.get_absolute_url()}　页面内容在没有发布操作的情况下发生了变化" in (
        capsys.readouterr().out
    )
    call_command("pages", "clear")
    assert not PublishedPage.objects.exists()
    call_command("pages", "verify")


def test_sitemap_index_names_every_page(team, client, committed, monkeypatch):
    monkeypatch.setattr(DocumentSitemap, "limit", 2)
    with committed():
        docs = [published(team, title=f"第{i}号通知") for i in range(5)]
    index = client.get("/sitemap.xml").content.decode()
    for page in ("", "?p=2", "?p=3"):
        assert f"<loc>http://testserver/sitemap-documents.xml{page}</loc>" in index
    assert "?p=4" not in index
    third = client.get("/sitemap-documents.xml", {"p": 3}).content.decode()
    assert f"<loc>http://testserver{docs[4].get_absolute_url()}</loc>" in third
    assert docs[0].get_absolute_url() not in third


def test_concurrent_bumps_always_leave_a_whole_generation(settings):
    seen, errors = set(), []

    def bump():
        try:
            pagecache.bump_now()
            seen.add(pagecache.generation.current())
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    text = settings.GONGKAI_PAGECACHE_GENERATION_FILE.read_text()
    assert len(text) == 32 and int(text, 16) >= 0 and len(seen) > 1
