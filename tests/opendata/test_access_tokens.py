"""有条件开放: submitting is idempotent; an approval issues a personal token (shown once, stored as a
hash) that serves only its dataset, within its period and its daily quota of calls and rows, until
revoked; every use is logged. Who may decide is checked by the action."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.test import RequestFactory

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.opendata import actions_access as actions
from gongkai.opendata.access import AccessDenied, check_access_token, check_token
from gongkai.opendata.models import AccessApplication, AccessToken, TokenUse
from tests.opendata.access_helpers import apply, approved, at, make_dataset

pytestmark = pytest.mark.django_db


def test_the_same_form_sent_twice_makes_one_application(county):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        first = apply(dataset, key="k-1")
        again, created = actions.submit_access_application(
            dataset,
            applicant_name="别的名字",
            contact="x",
            purpose="y",
            period_from=None,
            period_to=None,
            idempotency_key="k-1",
        )
    assert (again.pk, created) == (first.pk, False)
    assert AccessApplication.objects.count() == 1


def test_personal_data_is_encrypted_at_rest_and_kept_out_of_the_audit(county):
    from django.db import connection

    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        app = apply(dataset)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT applicant_name, contact FROM opendata_accessapplication WHERE id = %s", [app.pk]
        )
        stored = cursor.fetchone()
    assert all(s.startswith("gk1:") and "周研究" not in s and "13912345678" not in s for s in stored)
    entry = AuditEntry.objects.get(action="opendata.access.submit")
    assert "周研究" not in str(entry.after) and "13912345678" not in str(entry.after)


REFUSALS = [
    ({"openness": "open"}, {}, "该数据集不属于有条件开放数据，无需申请"),
    ({}, {"period_to": date(2026, 2, 1)}, "使用期限的结束日期不能早于开始日期"),
    ({}, {"period_from": date(2026, 3, 1), "period_to": date(2030, 3, 1)}, "使用期限最长三年"),
    ({}, {"purpose": "  "}, "请填写使用目的"),
]


@pytest.mark.parametrize("ds_over,over,message", REFUSALS)
def test_bad_applications_are_refused(county, ds_over, over, message):
    dataset = make_dataset(county.finance, **ds_over)
    with at(date(2026, 3, 2)), pytest.raises(ActionRefused, match=message):
        apply(dataset, **over)
    assert AccessApplication.objects.count() == 0


def test_only_a_reviewer_or_signer_of_the_datasets_agency_decides(
    county, li_ming, liu_yang, chen_jing, wang_fang
):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        app = apply(dataset)
        with pytest.raises(ActionRefused, match="审核有条件开放申请需要以下角色之一：审核人、审发人"):
            actions.approve_access_application(li_ming, app)
        for outsider in (liu_yang, chen_jing):
            with pytest.raises(ActionRefused, match="只有县财政局的工作人员才能审核有条件开放申请"):
                actions.approve_access_application(outsider, app)
        actions.refuse_access_application(wang_fang, app, reason="用途不明确")
        with pytest.raises(ActionRefused, match="该申请已审核（不予批准），不能重复审核"):
            actions.approve_access_application(wang_fang, app)
    assert not AccessToken.objects.exists()


def test_the_token_is_stored_as_a_hash_and_expires_with_the_period(county, wang_fang):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        app, token, raw = approved(dataset, wang_fang, daily_rows=500, daily_calls=3)
    assert raw.startswith("gkd_") and len(raw) > 40
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(list(AccessToken.objects.values_list()))
    assert (token.valid_from, token.expires_on) == (date(2026, 3, 2), date(2026, 12, 31))
    assert app.state == "approved"


def _check(raw, dataset):
    try:
        return check_token(raw, dataset).rows_left
    except AccessDenied as exc:
        return exc.code


def test_the_token_check(county, wang_fang, zhang_wei):
    dataset = make_dataset(county.finance)
    other = make_dataset(county.finance, "另一个有条件数据集")
    with at(date(2026, 3, 2)):
        _app, token, raw = approved(dataset, wang_fang, daily_rows=500, daily_calls=3)
        assert _check("", dataset) == "token_required"
        assert _check("gkd_wrong", dataset) == "token_invalid"
        assert _check(raw, other) == "token_wrong_dataset"
        assert _check(raw, dataset) == 500
        check_token(raw, dataset).use(rows=300, what="/api/data/rows")
        assert _check(raw, dataset) == 200
        check_token(raw, dataset).use(rows=200)
        assert _check(raw, dataset) == "quota_rows"
    with at(date(2026, 3, 3)):  # a new day, a new quota
        assert _check(raw, dataset) == 500
        for _ in range(3):
            check_token(raw, dataset).use(rows=1)
        assert _check(raw, dataset) == "quota_calls"
    with at(date(2026, 12, 31)):
        assert _check(raw, dataset) == 500
    with at(date(2027, 1, 1)):
        assert _check(raw, dataset) == "token_expired"
    with at(date(2026, 3, 4)):
        actions.revoke_access_token(zhang_wei, token, reason="申请人违反使用约定")
        assert _check(raw, dataset) == "token_revoked"
        with pytest.raises(ActionRefused, match="该令牌已经撤销"):
            actions.revoke_access_token(zhang_wei, token, reason="再次撤销")
    assert TokenUse.objects.filter(token=token).count() == 5
    assert (
        TokenUse.objects.filter(token=token, day=date(2026, 3, 2)).values_list("rows", flat=True).count() == 2
    )


def test_the_request_helper_reads_the_bearer_header_and_passes_open_data(county, wang_fang):
    conditional = make_dataset(county.finance)
    open_data = make_dataset(county.finance, "公开数据", openness="open")
    closed = make_dataset(county.finance, "不予开放数据", openness="closed")
    rf = RequestFactory()
    with at(date(2026, 3, 2)):
        _app, _token, raw = approved(conditional, wang_fang)
        assert check_access_token(rf.get("/"), open_data) is None
        grant = check_access_token(rf.get("/", HTTP_AUTHORIZATION=f"Bearer {raw}"), conditional)
        assert grant.dataset == conditional
        with pytest.raises(AccessDenied) as denied:
            check_access_token(rf.get("/"), closed)
        assert (denied.value.code, denied.value.status) == ("not_open", 403)
        with pytest.raises(AccessDenied) as denied:
            check_access_token(rf.get("/"), conditional)
        assert (denied.value.code, denied.value.status, denied.value.message) == (
            "token_required",
            401,
            "该数据集为有条件开放数据，请提供经批准的数据访问令牌",
        )


def test_the_approval_cannot_outlast_the_period_nor_the_ceiling(county, wang_fang, settings):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        app = apply(dataset)
        with pytest.raises(ActionRefused, match="令牌有效期不能超过申请的使用期限"):
            actions.approve_access_application(wang_fang, app, expires_on=date(2027, 1, 1))
        with pytest.raises(
            ActionRefused, match=f"每日行数上限不能超过{settings.GONGKAI_OPENDATA_TOKEN_DAILY_ROWS}"
        ):
            actions.approve_access_application(wang_fang, app, daily_rows=10**9)
    app.refresh_from_db()
    assert app.state == "pending" and not AccessToken.objects.exists()
