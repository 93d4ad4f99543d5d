from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.workdays.services import clear_calendar_cache


@pytest.fixture(autouse=True)
def _fresh_calendar():
    clear_calendar_cache()
    yield
    clear_calendar_cache()


@pytest.fixture
def far_today(monkeypatch):
    """The actions' today on 2026-12-31, so that every date of a scenario in 2026 is in the past."""
    monkeypatch.setattr(actions._common, "_today", lambda: date(2026, 12, 31))
