"""Demo data of 舆情 (handling part); built through the real actions, running it twice adds nothing."""

from __future__ import annotations


def build(agencies, out) -> None:
    pass
