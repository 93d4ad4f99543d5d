"""Personal data in a resource blocks its dataset until masked in a new version or decided by a reviewer."""

from __future__ import annotations

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.opendata import actions, query
from gongkai.opendata.models import DatasetState, Screening
from tests.opendata.conftest import budget_dataset

WITH_PHONES = (
    "科目编码,项目名称,预算金额,批复日期\n"
    "201,联系人13812345678,1,2026-01-01\n"
    "202,身份证11010519491231002X,2,2026-01-01\n"
)


def test_a_column_of_personal_data_blocks_submission(li_ming):
    dataset = budget_dataset(li_ming, rows=WITH_PHONES)
    version = dataset.resources.get().latest_version()
    assert version.screening == Screening.BLOCKED
    assert [(f["column"], f["kind"], f["count"], f["sample"]) for f in version.findings] == [
        ("item", "mobile", 1, "138****5678"),
        ("item", "resident_id", 1, "110105********002X"),
    ]
    with pytest.raises(
        ActionRefused,
        match=r"资源“预算支出明细”第1版发现个人信息：项目名称（居民身份证号码）、项目名称（手机号码），请屏蔽该列生成新版本",
    ):
        actions.submit_dataset(li_ming, dataset)


def test_masking_the_column_makes_a_clear_new_version(li_ming):
    dataset = budget_dataset(li_ming, rows=WITH_PHONES)
    first = dataset.resources.get().latest_version()
    masked = actions.mask_column(li_ming, first, column="item")
    assert (masked.number, masked.screening, masked.derived_from) == (2, Screening.CLEAR, first)
    rows = query.rows(masked.path(), masked.schema, query.Query(sort=[(0, False)]))
    assert [r[1] for r in rows] == ["联系人138****5678", "身份证110105********002X"]
    actions.submit_dataset(li_ming, dataset)
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.REVIEWING


def test_a_reviewer_may_decide_to_publish_with_a_reason(li_ming, wang_fang, sun_li):
    dataset = budget_dataset(li_ming, rows=WITH_PHONES)
    version = dataset.resources.get().latest_version()
    with pytest.raises(ActionRefused, match="决定公开筛查结果需要本单位以下角色之一"):
        actions.decide_screening(li_ming, version, reason="x")
    with pytest.raises(ActionRefused, match="请填写决定理由"):
        actions.decide_screening(wang_fang, version, reason="")
    version = actions.decide_screening(sun_li, version, reason="均为单位公开的办公联系方式")
    assert (version.screening, version.decided_by) == (Screening.ACCEPTED, sun_li)
    actions.submit_dataset(li_ming, dataset)
