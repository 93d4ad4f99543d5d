"""Fixtures of the opinion tests."""

from tests.interaction.conftest import county_box, mailboxes, monday, wu_lei  # noqa: F401
from tests.opinion.handling_helpers import zhou_min  # noqa: F401
from tests.publishing.builders import team  # noqa: F401
