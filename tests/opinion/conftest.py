"""Fixtures of the opinion tests."""

from tests.opinion.handling_helpers import zhou_min  # noqa: F401
from tests.publishing.builders import team  # noqa: F401
