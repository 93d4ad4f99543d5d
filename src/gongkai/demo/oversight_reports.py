"""Demo data of the oversight part `reports`; built through the real actions, running it twice adds nothing."""

from __future__ import annotations


def build(agencies, out) -> None:
    pass
