"""Datasets of the test county for the data resource catalog, built through the real actions.

县财政局's clerk 李明 prepares 「2026年部门预算」 with a CSV of three budget lines; 王芳 (reviewer)
approves and 孙丽 (secrecy reviewer) releases it.
"""

from __future__ import annotations

import pytest

from gongkai.opendata import actions

BUDGET_FIELDS = "code|科目编码|文本\nitem|项目名称|文本\namount|预算金额|数值|万元\nday|批复日期|日期"
BUDGET_CSV = (
    "科目编码,项目名称,预算金额,批复日期\n"
    "201,一般公共服务支出,1250.5,2026-01-15\n"
    "205,教育支出,=1+2 的说明,2026-01-15\n"
).replace("=1+2 的说明", "3800")
BUDGET_META = {
    "title": "2026年部门预算",
    "summary": "县财政局2026年部门预算支出明细",
    "theme": "财税金融",
    "industry": "公共管理、社会保障和社会组织",
    "frequency": "每年",
    "openness": "open",
    "licence": "政府数据开放许可协议（署名）",
    "contact": "县财政局预算股",
}


@pytest.fixture(autouse=True)
def _opendata_dirs(settings, tmp_path):
    settings.GONGKAI_OPENDATA_DIR = tmp_path / "opendata"
    settings.MEDIA_ROOT = tmp_path / "media"


def budget_dataset(clerk, *, rows: str | None = None, **meta):
    """A draft dataset of the clerk's agency with fields and one uploaded CSV resource."""
    dataset = actions.create_dataset(clerk, agency=clerk.agency, **{**BUDGET_META, **meta})
    actions.set_fields(clerk, dataset, actions.parse_fields(BUDGET_FIELDS))
    data = (rows if rows is not None else BUDGET_CSV).encode("gbk")
    actions.add_resource(clerk, dataset, title="预算支出明细", data=data, filename="budget.csv")
    return dataset


def published_budget(clerk, reviewer, secrecy_reviewer, **kwargs):
    dataset = budget_dataset(clerk, **kwargs)
    actions.submit_dataset(clerk, dataset)
    actions.approve_dataset(reviewer, dataset)
    return actions.publish_dataset(secrecy_reviewer, dataset)
