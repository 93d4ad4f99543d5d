"""Builders of the assessment tests: metrics registered for the test only (restored afterwards), and a
2025 scheme of 示范县人民政府 made through the actions by 赵强 (the county office's supervisor)."""

from __future__ import annotations

from contextlib import contextmanager

from gongkai.common import registry
from gongkai.oversight import assessment_actions as actions

# 县财政局 answers 97% on time, 县住建局 60%; 2 of 4 conferences held by 县住建局; 县财政局 had
# none required (no data); 1 correction for 县住建局.
ON_TIME = "testing.work.on_time_pct"
HELD = "testing.conferences.held"
REQUIRED = "testing.conferences.required"
CORRECTED = "testing.applications.corrected"
UNREGISTERED = "testing.nowhere.count"


@contextmanager
def county_metrics(county, calls=None):
    """Register the test metrics (restored on leaving); `calls` collects (code, start, end, ids)."""
    fin, hou = county.finance.pk, county.housing.pk

    def metric(code, values):
        def fn(start, end, agency_ids=None):
            if calls is not None:
                calls.append((code, start, end, list(agency_ids or [])))
            return {k: v for k, v in values.items() if agency_ids is None or k in agency_ids}

        return fn

    with registry.restoring():
        registry.register_metric(
            ON_TIME,
            "按时率",
            metric(ON_TIME, {fin: 97.0, hou: 60}),
            records=lambda start, end, ids: f"/workbench/records/?from={start}&to={end}&agency={ids[0]}",
        )
        registry.register_metric(HELD, "召开场次", metric(HELD, {fin: 0, hou: 2}))
        registry.register_metric(REQUIRED, "应召开场次", metric(REQUIRED, {fin: 0, hou: 4}))
        registry.register_metric(CORRECTED, "纠错数", metric(CORRECTED, {hou: 1}))
        yield


ROWS = [
    # higher better 95..60: 县财政局 97 → 40; 县住建局 60 → 0; others no data → full (40)
    {
        "label": "按时答复率",
        "metric": ON_TIME,
        "weight": "40",
        "direction": "higher",
        "full_at": "95",
        "zero_at": "60",
    },
    # ratio held/required, 100..0: 县住建局 50% → 15; 县财政局 0/0 → no data → full 30
    {
        "label": "发布会召开率",
        "metric": HELD,
        "denominator": REQUIRED,
        "weight": "30",
        "direction": "higher",
        "full_at": "100",
        "zero_at": "0",
    },
    # lower better 0..2: 县住建局 1 → 10; missing (no correction) → zero points by the rule
    {
        "label": "纠错数",
        "metric": CORRECTED,
        "weight": "20",
        "direction": "lower",
        "full_at": "0",
        "zero_at": "2",
        "no_data": "full",
    },
    # not registered here: 指标数据暂缺, nothing scored
    {
        "label": "培训覆盖率",
        "metric": UNREGISTERED,
        "weight": "10",
        "direction": "higher",
        "full_at": "90",
        "zero_at": "0",
    },
]


def scheme_2025(zhao_qiang, county, rows=ROWS):
    scheme = actions.create_scheme(zhao_qiang, agency=county.government, year=2025)
    return actions.save_indicators(zhao_qiang, scheme, rows)


def published_2025(zhao_qiang, county):
    """A computed and published 2025 assessment (call inside county_metrics)."""
    scheme = scheme_2025(zhao_qiang, county)
    assessment = actions.compute_assessment(zhao_qiang, scheme)
    return actions.publish_assessment(zhao_qiang, assessment)


FINANCE_COMMENT = "财政成绩单测试意见：希望公开更多预算细节"


def finance_scorecard(county, people):
    """For the scoping test: the county's 2025 scheme, its published assessment (县财政局 scored) and a
    pending comment on 县财政局's scorecard; built once per test through the actions."""
    from gongkai.oversight.models import Assessment, ScorecardRating

    supervisor = people["supervisor"]
    assessment = Assessment.objects.filter(scheme__agency=county.government).first()
    if assessment is None:
        assessment = actions.publish_assessment(
            supervisor, actions.compute_assessment(supervisor, scheme_2025(supervisor, county))
        )
    if not ScorecardRating.objects.filter(agency=county.finance).exists():
        actions.rate_scorecard(
            assessment, county.finance, useful=False, comment=FINANCE_COMMENT, idempotency_key="scope-test"
        )
    return assessment
