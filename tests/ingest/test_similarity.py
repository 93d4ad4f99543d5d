"""Near-duplicate detection: MinHash over word shingles, thresholds, storage and clusters (pure)."""

from __future__ import annotations

import pytest

from gongkai.ingest import similarity as sim

HEATING = "幸福小区今年冬天暖气一直不热，室温只有十二度，老人孩子都冻病了，希望供热公司尽快解决。"
HEATING_AGAIN = "幸福小区今年冬天暖气一直不热，室温只有十三度，老人孩子都冻感冒了，希望供热公司尽快解决！"
HEATING_REWORDED = "县长您好：幸福小区今年冬天的暖气一直不热，室温只有十二度，请供热公司尽快解决。"
HEATING_SHORT = "幸福小区暖气不热"
STREETLIGHT = "城关镇东关村的路灯坏了三个月，晚上出行很不方便，请有关部门尽快维修。"


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        (HEATING, HEATING, True),
        (HEATING, HEATING_AGAIN, True),  # a few words changed
        (HEATING, HEATING_REWORDED, True),  # a greeting added, a clause left out
        (HEATING, HEATING_SHORT, False),  # the same topic in one line is not a duplicate
        (HEATING, STREETLIGHT, False),
        ("", "", False),  # empty texts are never duplicates
    ],
)
def test_near_duplicate_threshold(a, b, near):
    assert sim.is_near_duplicate(sim.signature(a), sim.signature(b)) is near


def test_similarity_is_close_to_the_true_jaccard():
    a, b = sim.shingles(HEATING), sim.shingles(HEATING_AGAIN)
    exact = len(a & b) / len(a | b)
    assert abs(sim.similarity(sim.signature(HEATING), sim.signature(HEATING_AGAIN)) - exact) < 0.15


def test_the_threshold_can_be_raised():
    a, b = sim.signature(HEATING), sim.signature(HEATING_REWORDED)
    assert sim.is_near_duplicate(a, b, threshold=0.5)
    assert not sim.is_near_duplicate(a, b, threshold=0.9)


def test_signatures_are_stable_and_survive_storage():
    first = sim.signature(HEATING)
    stored = sim.from_bytes(sim.to_bytes(first))
    assert len(sim.to_bytes(first)) == sim.NUM_PERM * 4
    assert sim.similarity(stored, sim.signature(HEATING)) == 1.0


def test_cluster_groups_the_near_duplicates():
    signatures = {
        "a": sim.signature(HEATING),
        "light": sim.signature(STREETLIGHT),
        "b": sim.signature(HEATING_AGAIN),
        "c": sim.signature(HEATING_REWORDED),
        "light2": sim.signature(STREETLIGHT + "谢谢！"),
        "alone": sim.signature("建议在县城增设公共自行车站点。"),
    }
    assert sim.cluster(signatures) == [["a", "b", "c"], ["light", "light2"]]


def test_similar_orders_by_similarity():
    target = sim.signature(HEATING)
    candidates = [
        ("reworded", sim.signature(HEATING_REWORDED)),
        ("light", sim.signature(STREETLIGHT)),
        ("same", sim.signature(HEATING)),
    ]
    assert [key for key, _ in sim.similar(target, candidates)] == ["same", "reworded"]
