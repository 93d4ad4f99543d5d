"""考核方案 and 考核结果 through the actions: weights validated in Chinese with nothing changed, scores
computed from registered metrics only (a missing one scores nothing, never crashes), publication,
a scheme in use copied rather than edited, audit rows, who may act."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.oversight import assessment_actions as actions
from gongkai.oversight.models import Assessment, AssessmentScheme, AssessmentScore, Indicator

from .assessment_builders import CORRECTED, ON_TIME, ROWS, county_metrics, published_2025, scheme_2025

pytestmark = pytest.mark.django_db


def _scores(assessment):
    return {s.agency.short_name or s.agency.name: s for s in assessment.scores.select_related("agency")}


def test_weights_must_sum_to_100_and_nothing_changes(county, zhao_qiang):
    scheme = scheme_2025(zhao_qiang, county)
    bad = [dict(r) for r in ROWS]
    bad[0]["weight"] = "45"
    with pytest.raises(ActionRefused, match="各项指标分值合计应为100分，现为105分"):
        actions.save_indicators(zhao_qiang, scheme, bad)
    assert [i.weight for i in scheme.indicators.all()] == [D("40"), D("30"), D("20"), D("10")]


def test_a_threshold_that_is_no_number_is_refused(county, zhao_qiang):
    scheme = scheme_2025(zhao_qiang, county)
    bad = [dict(r) for r in ROWS]
    bad[1]["full_at"] = "百分之百"
    with pytest.raises(ActionRefused, match="第2项指标的满分线应为数字"):
        actions.save_indicators(zhao_qiang, scheme, bad)


def test_compute_scores_each_agency_from_the_metrics(county, zhao_qiang):
    calls = []
    with county_metrics(county, calls):
        scheme = scheme_2025(zhao_qiang, county)
        assessment = actions.compute_assessment(zhao_qiang, scheme)
    assert assessment.state == Assessment.State.REVIEW
    scores = _scores(assessment)
    assert set(scores) == {
        "示范县人民政府办公室",
        "县财政局",
        "县住建局",
        "示范县城关镇人民政府",
    }  # not the root, not 邻县
    fin, hou = scores["县财政局"], scores["县住建局"]
    assert [i["points"] for i in fin.items] == ["40.00", "30.00", "20.00", "0"]
    assert [i["status"] for i in fin.items] == ["ok", "no_data", "no_data", "missing"]
    assert fin.total == D("90.00") and fin.rank == 1
    assert [i["raw"] for i in hou.items] == ["60", "50.00", "1", None]
    assert [i["points"] for i in hou.items] == ["0.00", "15.00", "10.00", "0"]
    assert hou.total == D("25.00") and hou.rank == 4
    # each metric read once for all agencies, over the year, inclusive
    assert sorted(c[0] for c in calls) == sorted(
        [ON_TIME, CORRECTED, "testing.conferences.held", "testing.conferences.required"]
    )
    assert {(c[1], c[2]) for c in calls} == {(date(2025, 1, 1), date(2025, 12, 31))}
    # the rules are kept with the result
    assert [r.label for r in assessment.rule_list()] == ["按时答复率", "发布会召开率", "纠错数", "培训覆盖率"]
    entry = AuditEntry.objects.filter(action="oversight.assessment.compute").get()
    assert entry.actor == zhao_qiang and entry.agency == county.government


def test_a_quarter_reads_its_own_dates(county, zhao_qiang):
    calls = []
    with county_metrics(county, calls):
        assessment = actions.compute_assessment(zhao_qiang, scheme_2025(zhao_qiang, county), quarter=2)
    assert assessment.period_label == "2025年第二季度"
    assert {(c[1], c[2]) for c in calls} == {(date(2025, 4, 1), date(2025, 6, 30))}


def test_without_any_metric_registered_nothing_crashes(county, zhao_qiang):
    assessment = actions.compute_assessment(zhao_qiang, scheme_2025(zhao_qiang, county))
    fin = _scores(assessment)["县财政局"]
    assert {i["status"] for i in fin.items} == {"missing"} and fin.total == 0


def test_a_failing_metric_counts_as_missing(county, zhao_qiang):
    from gongkai.common import registry

    def broken(start, end, agency_ids=None):
        raise RuntimeError("domain bug")

    with county_metrics(county):
        registry.register_metric(ON_TIME, "按时率", broken)
        assessment = actions.compute_assessment(zhao_qiang, scheme_2025(zhao_qiang, county))
        fin = _scores(assessment)["县财政局"]
    assert fin.items[0]["status"] == "missing" and fin.items[1]["status"] == "no_data"


def test_recompute_before_publication_replaces_the_scores(county, zhao_qiang):
    with county_metrics(county):
        scheme = scheme_2025(zhao_qiang, county)
        first = actions.compute_assessment(zhao_qiang, scheme)
        again = actions.compute_assessment(zhao_qiang, scheme)
    assert first.pk == again.pk
    assert AssessmentScore.objects.filter(assessment=again).count() == 4


def test_publish_then_no_recompute_and_no_edit_but_copy(county, zhao_qiang):
    with county_metrics(county):
        assessment = published_2025(zhao_qiang, county)
        scheme = assessment.scheme
        assert assessment.state == Assessment.State.PUBLISHED and assessment.published_by == zhao_qiang
        with pytest.raises(ActionRefused, match="2025年度的考核结果已发布，不能重新计算"):
            actions.compute_assessment(zhao_qiang, scheme)
        with pytest.raises(ActionRefused, match="不能再修改；如需调整，请将其复制为下一年度的方案后修改"):
            actions.save_indicators(zhao_qiang, scheme, ROWS)
        with pytest.raises(ActionRefused, match="只有待审核的结果可以发布"):
            actions.publish_assessment(zhao_qiang, assessment)
    new = actions.copy_scheme(zhao_qiang, scheme, year=2026)
    assert new.copied_from == scheme and new.title == "示范县人民政府2026年度政务公开工作考核方案"
    assert [i.label for i in new.indicators.all()] == [i.label for i in scheme.indicators.all()]
    actions.save_indicators(
        zhao_qiang,
        new,
        ROWS[:3] + [{**ROWS[3], "weight": "5"}, {**ROWS[3], "label": "新指标", "weight": "5"}],
    )
    assert new.indicators.count() == 5 and scheme.indicators.count() == 4
    with pytest.raises(ActionRefused, match="示范县人民政府已有2026年度的考核方案"):
        actions.copy_scheme(zhao_qiang, scheme, year=2026)
    codes = list(AuditEntry.objects.filter(action__startswith="oversight.").values_list("action", flat=True))
    for code in (
        "oversight.scheme.create",
        "oversight.scheme.update",
        "oversight.scheme.copy",
        "oversight.assessment.publish",
    ):
        assert code in codes


def test_a_period_not_ended_is_not_published_nor_one_not_begun_computed(county, zhao_qiang, time_machine):
    time_machine.move_to("2025-06-10 10:00 +08:00")
    with county_metrics(county):
        scheme = scheme_2025(zhao_qiang, county)
        with pytest.raises(ActionRefused, match="2025年第四季度尚未开始，不能计算考核结果"):
            actions.compute_assessment(zhao_qiang, scheme, quarter=4)
        assessment = actions.compute_assessment(zhao_qiang, scheme)
        with pytest.raises(ActionRefused, match="2025年度考核期尚未结束，结果不能发布"):
            actions.publish_assessment(zhao_qiang, assessment)
    assert Assessment.objects.get().state == Assessment.State.REVIEW


def test_only_a_supervisor_over_the_agency_may_act(county, zhao_qiang, chen_jing, li_ming):
    with pytest.raises(ActionRefused, match="示范县人民政府不在您的主管范围内"):
        actions.create_scheme(chen_jing, agency=county.government, year=2025)
    with pytest.raises(ActionRefused, match="只有主管部门可以管理考核评议"):
        actions.create_scheme(li_ming, agency=county.finance, year=2025)
    scheme = scheme_2025(zhao_qiang, county)
    with pytest.raises(ActionRefused, match="不在您的主管范围内"):
        actions.compute_assessment(chen_jing, scheme)
    assert AssessmentScheme.objects.count() == 1 and not Assessment.objects.exists()


def test_an_unused_scheme_cannot_be_computed(county, zhao_qiang):
    scheme = actions.create_scheme(zhao_qiang, agency=county.government, year=2025)
    with pytest.raises(ActionRefused, match="考核方案还不能使用：考核方案至少要有一项指标"):
        actions.compute_assessment(zhao_qiang, scheme)
    assert not Indicator.objects.exists()
