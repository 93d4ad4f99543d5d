"""Demo data of oversight (issue #15), built after every other domain and the sites: each part's
module builds its own records through the real actions; running it twice adds nothing."""

from __future__ import annotations

from importlib import import_module

# Training first (its coverage feeds the assessment and the report), then the inspections (their scores
# feed the assessment), the assessment (its ranking feeds the bulletin), and the report last (it reads all).
PARTS = ("training", "inspection", "assessment", "bulletins", "reports")


def build(agencies, out) -> None:
    for part in PARTS:
        module = import_module(f"gongkai.demo.oversight_{part}")
        module.build(agencies, out)
