"""Applications by token: its agency's only, never the applicant's personal data."""

from __future__ import annotations

from datetime import date

from tests.applications.helpers import register

from .helpers import bearer


def test_a_token_lists_its_agency_applications_without_personal_data(
    client, county, he_jing, li_ming, finance_token, housing_token
):
    application = register(li_ming, county.finance, on=date(2026, 11, 2))
    response = client.get("/api/staff/applications/", **bearer(finance_token))
    assert response.status_code == 200
    [row] = response.json()["items"]
    assert row["receipt_code"] == application.receipt_code
    assert row["agency"] == "示范县财政局" and row["state_label"]
    for personal in ("张三", "13812345678", "人民路"):
        assert personal not in response.content.decode()
    assert client.get("/api/staff/applications/", **bearer(housing_token)).json()["items"] == []
