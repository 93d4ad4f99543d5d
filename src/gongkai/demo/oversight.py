"""Demo data of oversight (issue #15), built after every other domain and the sites: each part's
module builds its own records through the real actions; running it twice adds nothing."""

from __future__ import annotations

from importlib import import_module

PARTS = ("reports", "inspection", "assessment", "bulletins", "training")


def build(agencies, out) -> None:
    for part in PARTS:
        module = import_module(f"gongkai.demo.oversight_{part}")
        module.build(agencies, out)
