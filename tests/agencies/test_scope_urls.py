"""For every staff URL: an outsider gets 403/404 (or does not see the object), a supervisor gets in."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.scope_registry import OPEN_URLS, STAFF_URLS


def _walk(patterns, namespace="", prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p.callback, prefix + str(p.pattern)


def staff_url_names() -> dict[str, object]:
    return {name: cb for name, cb, _ in _walk(get_resolver().url_patterns) if hasattr(cb, "staff_roles")}


def test_every_workbench_view_is_scoped():
    unguarded = [
        name
        for name, cb, route in _walk(get_resolver().url_patterns)
        if route.startswith("workbench/") and name not in OPEN_URLS and not hasattr(cb, "staff_roles")
    ]
    assert unguarded == [], f"workbench views without staff_view: {unguarded}"


def test_every_staff_url_is_in_the_registry():
    missing = sorted(set(staff_url_names()) - set(STAFF_URLS))
    assert missing == [], f"add these staff URLs to tests/scope_registry.py: {missing}"


@pytest.fixture
def people(li_ming, zhao_qiang, chen_jing):
    return {"owner": li_ming, "supervisor": zhao_qiang, "outsider": chen_jing}


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_outsider_is_kept_out(client, county, people, name):
    kwargs, marker = STAFF_URLS[name](county, people)
    client.force_login(people["outsider"])
    response = client.get(reverse(name, kwargs=kwargs))
    if kwargs:
        assert response.status_code in (403, 404)
    else:
        assert response.status_code in (200, 403)
        if marker:
            assert marker not in response.content.decode()


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_supervisor_of_an_ancestor_gets_in(client, county, people, name):
    kwargs, marker = STAFF_URLS[name](county, people)
    client.force_login(people["supervisor"])
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    if marker:
        assert marker in response.content.decode()


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_anonymous_is_sent_to_login(client, county, people, name):
    kwargs, _ = STAFF_URLS[name](county, people)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302 and reverse("workbench:login") in response["Location"]
