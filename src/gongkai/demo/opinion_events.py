"""Demo data of 舆情 (events part): the posts the sources part collected go through the clustering
stage as they are stored; this places any post still outside an event (oldest first, in batches, as
collection would) and runs the nightly merge pass once. Running it twice adds nothing."""

from __future__ import annotations

from gongkai.opinion.actions_events import recompute_events, run_merge_pass
from gongkai.opinion.models import Event


def build(agencies, out) -> None:
    placed = recompute_events()
    merged = run_merge_pass()["merged"]
    events = Event.objects.count()
    bursts = Event.objects.filter(is_burst=True).count()
    if out is not None:
        out.write(f"舆情事件：新聚类{placed}条信息，合并{merged}个事件，共{events}个事件（突发{bursts}个）\n")
