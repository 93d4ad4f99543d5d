"""Datasets and applications of the test county for 有条件开放, the opening plan and 需求征集.

Most datasets here are made with `objects.create` (metadata only: access does not need fields or
files, and the review through the catalog's actions costs time); tests that need a released resource
use `published_budget` of tests/opendata/conftest.py. Every access-side object is made through the
real actions.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from gongkai.opendata import actions_access as actions
from gongkai.opendata.models import Dataset

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI), tick=False)


def make_dataset(
    agency, title="县级财政专项资金明细", *, openness="conditional", state="published", **extra
) -> Dataset:
    from django.utils import timezone

    return Dataset.objects.create(
        published_at=timezone.now() if state == "published" else None,
        agency=agency,
        title=title,
        summary=extra.pop("summary", f"{title}的说明"),
        openness=openness,
        state=state,
        theme=extra.pop("theme", "财税金融"),
        frequency=extra.pop("frequency", "每月"),
        licence=extra.pop("licence", "政府数据开放许可协议"),
        contact=extra.pop("contact", "0531-12345678"),
        **extra,
    )


def apply(dataset, key="form-1", **over):
    values = {
        "applicant_name": "周研究",
        "organisation": "示范大学经济学院",
        "contact": "13912345678",
        "purpose": "研究县级财政支出结构",
        "period_from": date(2026, 3, 1),
        "period_to": date(2026, 12, 31),
        "idempotency_key": key,
    }
    return actions.submit_access_application(dataset, **{**values, **over})[0]


def approved(dataset, decider, **over):
    """(application, token object, plain token) of an approved application."""
    app, raw = actions.approve_access_application(
        decider, apply(dataset, key=over.pop("key", "form-ok")), **over
    )
    return app, app.token, raw


# ---------------------------------------------------------------- for tests/scope_registry.py


def finance_access(county):
    """An approved application of 县财政局 with its token, decided by its reviewer (made once per test)."""
    from gongkai.agencies.models import Role, Staff
    from gongkai.opendata.models import AccessApplication
    from tests.conftest import _person

    found = AccessApplication.objects.filter(agency=county.finance, purpose="财政范围测试用途").first()
    if found:
        return found, found.token
    reviewer = Staff.objects.filter(username="od_reviewer").first() or _person(
        "od_reviewer", "数据审核员", county.finance, Role.REVIEWER
    )
    dataset = make_dataset(county.finance, "财政范围测试数据集")
    today = timezone_today()
    app = apply(dataset, key="scope-form", purpose="财政范围测试用途", period_from=today, period_to=today)
    app, _raw = actions.approve_access_application(reviewer, app)
    return app, app.token


def finance_plan_item(county, people):
    from gongkai.opendata.models import OpeningPlanItem

    found = OpeningPlanItem.objects.filter(title="财政数据开放计划测试事项").first()
    return found or actions.add_plan_item(
        people["owner"],
        year=timezone_today().year,
        title="财政数据开放计划测试事项",
        agency=county.finance,
        planned_on=timezone_today(),
    )


def finance_request(county):
    from gongkai.opendata.models import DataRequest

    found = DataRequest.objects.filter(agency=county.finance).first()
    return (
        found
        or actions.submit_data_request(
            agency=county.finance,
            title="财政范围测试需求",
            description="请开放财政数据",
            requester_name="需求人",
            contact="13700000000",
            idempotency_key="scope-request",
        )[0]
    )


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()
