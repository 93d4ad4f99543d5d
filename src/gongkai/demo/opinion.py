"""Demo data of 舆情 (issue #13), in pipeline order: sources and a month of posts, watch plans, events,
then grades, assignments, responses and a weekly report. Each part lives in its own module."""

from __future__ import annotations

from gongkai.demo import opinion_events, opinion_handling, opinion_plans, opinion_sources


def build(agencies, out) -> None:
    for part in (opinion_sources, opinion_plans, opinion_events, opinion_handling):
        part.build(agencies, out)
