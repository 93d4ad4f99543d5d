import pytest

from gongkai.workdays.services import clear_calendar_cache


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Tests roll calendar rows back without the actions' version bump: forget the cached calendar."""
    clear_calendar_cache()
    yield
    clear_calendar_cache()
