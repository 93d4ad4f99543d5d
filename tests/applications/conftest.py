import pytest

from gongkai.workdays.services import clear_calendar_cache


@pytest.fixture(autouse=True)
def _fresh_calendar():
    clear_calendar_cache()
    yield
    clear_calendar_cache()
