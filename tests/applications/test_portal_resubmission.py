"""Back + resubmit, a reloaded form, a second tab: one application, the first receipt back."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client

from gongkai.applications.models import Application
from tests.applications.test_portal_intake import form_data

pytestmark = pytest.mark.django_db


def _key(page: str) -> str:
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)


def _fresh_form(client, county, **change) -> dict:
    return form_data(county, **change) | {
        "idempotency_key": _key(client.get("/applications/apply/").content.decode())
    }


def test_the_key_stays_the_same_on_reload(client):
    first = _key(client.get("/applications/apply/").content.decode())
    assert _key(client.get("/applications/apply/").content.decode()) == first


def test_back_and_resubmit_returns_the_first_receipt(client, county):
    data = _fresh_form(client, county)
    first = client.post("/applications/apply/", data)
    again = client.post("/applications/apply/", data)  # Back shows the same form; it is sent again
    assert Application.objects.count() == 1
    assert first["Location"] == again["Location"]


def test_a_reloaded_form_with_the_same_content_is_the_first_application(client, county):
    first = client.post("/applications/apply/", _fresh_form(client, county))
    # After a submission the session's key is new; the same content under it is still a duplicate.
    again = client.post("/applications/apply/", _fresh_form(client, county))
    assert Application.objects.count() == 1 and first["Location"] == again["Location"]


def test_another_browser_with_the_same_content_gets_the_first_receipt(client, county):
    client.post("/applications/apply/", _fresh_form(client, county))
    other = Client()
    response = other.post("/applications/apply/", _fresh_form(other, county))
    code = Application.objects.get().receipt_code
    assert response["Location"].endswith(f"/{code}/")
    assert code in other.get(response["Location"]).content.decode()


def test_a_changed_request_is_a_new_application_even_on_the_old_form(client, county):
    data = _fresh_form(client, county)
    client.post("/applications/apply/", data)
    client.post("/applications/apply/", data | {"description": "2025年县财政局部门决算"})
    assert Application.objects.count() == 2


def test_after_the_window_the_same_content_is_a_new_application(client, county, settings):
    settings.GONGKAI_APPLICATION_RESUBMIT_MINUTES = 30
    client.post("/applications/apply/", _fresh_form(client, county))
    # The first submission was made 31 minutes ago.
    Application.objects.update(created_at=F("created_at") - timedelta(minutes=31))
    client.post("/applications/apply/", _fresh_form(client, county))
    assert Application.objects.count() == 2


def test_the_window_can_be_turned_off(client, county, settings):
    settings.GONGKAI_APPLICATION_RESUBMIT_MINUTES = 0
    client.post("/applications/apply/", _fresh_form(client, county))
    client.post("/applications/apply/", _fresh_form(client, county))
    assert Application.objects.count() == 2
