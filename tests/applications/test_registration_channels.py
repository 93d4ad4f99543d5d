"""Staff registration: the receipt day of 条例第三十一条 for each channel, through the real page."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from gongkai.applications.models import Application, State
from tests.applications.helpers import CITIZEN

pytestmark = pytest.mark.django_db

CASES = [
    # channel, dates given, expected receipt day
    ("in_person", {"submitted_on": "2026-11-02"}, date(2026, 11, 2)),
    ("oral", {"submitted_on": "2026-11-03"}, date(2026, 11, 3)),
    ("registered_mail", {"submitted_on": "2026-10-28", "signed_on": "2026-11-04"}, date(2026, 11, 4)),
    ("ordinary_mail", {"confirmed_on": "2026-11-05", "signed_on": "2026-11-02"}, date(2026, 11, 5)),
    ("fax", {"confirmed_on": "2026-11-06"}, date(2026, 11, 6)),
    ("email", {"confirmed_on": "2026-11-09", "submitted_on": "2026-11-07"}, date(2026, 11, 9)),
]


def post(client, county, channel, dates, key):
    data = {
        "agency": county.finance.pk,
        "channel": channel,
        "applicant_kind": "natural",
        "name": CITIZEN["name"],
        "identity_number": CITIZEN["identity_number"],
        "phone": CITIZEN["phone"],
        "address": CITIZEN["address"],
        "description": "县财政局2026年部门预算",
        "form_wanted": "paper",
        "delivery": "post",
        "idempotency_key": key,
    }
    return client.post("/workbench/applications/register/", data | dates)


@pytest.mark.parametrize(("channel", "dates", "expected"), CASES)
def test_receipt_day_per_channel(client, county, li_ming, channel, dates, expected):
    client.force_login(li_ming)
    response = post(client, county, channel, dates, f"reg-{channel}")
    assert response.status_code == 302
    app = Application.objects.get()
    assert (app.received_on, app.clock.started_on, app.state) == (expected, expected, State.ACCEPTED)


def test_missing_date_names_the_rule_and_saves_nothing(client, county, li_ming):
    client.force_login(li_ming)
    response = post(client, county, "registered_mail", {"submitted_on": "2026-11-02"}, "reg-x")
    assert "行政机关签收之日" in response.content.decode() and Application.objects.count() == 0


def test_register_twice_with_the_same_form_is_one_application(client, county, li_ming):
    client.force_login(li_ming)
    post(client, county, "fax", {"confirmed_on": "2026-11-06"}, "same")
    post(client, county, "fax", {"confirmed_on": "2026-11-06"}, "same")
    assert Application.objects.count() == 1


def test_production_refuses_to_start_without_a_data_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DATA_KEY"}
    env |= {
        "GONGKAI_DEBUG": "0",
        "GONGKAI_SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode != 0 and "GONGKAI_DATA_KEY" in result.stderr
