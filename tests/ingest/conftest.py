"""Seed documents for the import-pipeline tests and publishing's import tests: the copies shipped
with the product, never shared/."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "demo" / "data" / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def seed():
    return seed_text
