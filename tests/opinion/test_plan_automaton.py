"""All plans in one automaton: with 5,000 terms over 500 plans, each post matches exactly the plans a
plain substring check says it should. Pure: no database."""

from __future__ import annotations

import random

from gongkai.opinion.planquery import compile_plans

CHARS = "县镇村路桥水电气学校医院食堂污染垃圾噪音补贴工资拆迁物业电梯暴雨洪水安全事故投诉举报"


def _plans(rng: random.Random) -> list[tuple[int, dict, str]]:
    words = list(dict.fromkeys("".join(rng.choices(CHARS, k=rng.randint(2, 4))) for _ in range(20_000)))[
        :5_000
    ]
    plans = []
    for plan_id in range(1, 501):
        # Four subjects, four events, two exclusions: 10 terms a plan, 5,000 in all.
        chosen = words[(plan_id - 1) * 10 : plan_id * 10]
        groups = {
            "subject": " ".join(chosen[:4]),
            "event": " ".join(chosen[4:8]),
            "exclude": " ".join(chosen[8:]),
        }
        plans.append((plan_id, groups, ""))
    return plans


def _expected(plans, text: str) -> set[int]:
    def any_in(group: str) -> bool:
        return any(term in text for term in group.split())

    return {
        plan_id
        for plan_id, groups, _ in plans
        if any_in(groups["subject"]) and any_in(groups["event"]) and not any_in(groups["exclude"])
    }


def test_five_thousand_terms_match_like_substrings():
    rng = random.Random(13)
    plans = _plans(rng)
    compiled = compile_plans(plans)
    assert len(compiled) == 500 and len(compiled.terms) == 5_000
    matched_any = 0
    for _ in range(300):
        text = "".join(rng.choices(CHARS, k=120))
        expected = _expected(plans, text)
        assert compiled.match(text) == expected
        matched_any += bool(expected)
    assert matched_any > 50  # the check compared real matches, not only empty sets


def test_title_and_body_are_scanned_separately_and_terms_are_shared():
    compiled = compile_plans(
        [(1, {}, "title:暴雨"), (2, {}, "暴雨 NOT 演练"), (3, {"subject": "暴雨", "event": "停电"}, "")]
    )
    assert compiled.terms.count("暴雨") == 1
    assert compiled.match("暴雨导致停电", "") == {2, 3}
    assert compiled.match("停电", "暴雨") == {1, 2, 3}
    assert compiled.match("暴雨应急演练", "") == set()
    assert compile_plans([]).match("暴雨") == set()
