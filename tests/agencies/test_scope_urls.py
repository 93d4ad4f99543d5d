"""For every staff URL: staff of another agency (of another county, or a sibling in the same county)
get 403/404 or do not see the object of 县财政局; a supervisor over it gets in and sees it."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from tests.conftest import PASSWORD
from tests.scope_registry import OPEN_URLS, SEEN_BY, STAFF_URLS


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


def _texts(marker) -> tuple[str, ...]:
    """The texts of a registry marker: none, one, or a tuple of them."""
    if marker is None:
        return ()
    return marker if isinstance(marker, tuple) else (marker,)


@pytest.fixture
def people(county, li_ming, zhao_qiang, chen_jing):
    sibling = create_staff(
        None,
        username="zhujian_all",
        password=PASSWORD,
        agency=county.housing,
        full_name="住建全能",
        roles=[Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER],
    )
    return {
        "owner": li_ming,
        "supervisor": zhao_qiang,
        "outsider": chen_jing,  # 邻县: clerk, signer and supervisor there
        "sibling": sibling,  # 县住建局, beside 县财政局 under the same government: every role but supervisor
    }


@pytest.mark.parametrize("who", ["outsider", "sibling"])
@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_other_agencies_are_kept_out(client, county, people, name, who):
    kwargs, marker = STAFF_URLS[name](county, people)
    client.force_login(people[who])
    response = client.get(reverse(name, kwargs=kwargs))
    if kwargs:
        assert response.status_code in (403, 404)
    else:
        assert response.status_code in (200, 403)
        for text in _texts(marker):
            assert text not in response.content.decode()


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_supervisor_of_an_ancestor_gets_in(client, county, people, name):
    kwargs, marker = STAFF_URLS[name](county, people)
    client.force_login(people["supervisor"])
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    if name not in SEEN_BY:
        for text in _texts(marker):
            assert text in response.content.decode()


@pytest.mark.parametrize("name", sorted(SEEN_BY))
def test_own_staff_see_what_only_they_see(client, county, people, name):
    """The pages of one person's work (待办, review queue) or of the user's own agency: the marker
    is shown to that person of 县财政局, so a marker that never appears cannot pass."""
    kwargs, marker = STAFF_URLS[name](county, people)
    assert marker
    client.force_login(people[SEEN_BY[name]])
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    for text in _texts(marker):
        assert text in response.content.decode()


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_anonymous_is_sent_to_login(client, county, people, name):
    kwargs, _ = STAFF_URLS[name](county, people)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302 and reverse("workbench:login") in response["Location"]
