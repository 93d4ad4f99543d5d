"""Every staff URL, with how to build an object of 县财政局 for it, for the scoping test.

Each entry maps a URL name to a function `(county, people) -> (kwargs, marker)`: `kwargs` reverse the
URL to a page about something of 县财政局 (empty for list pages); `marker` is a text that appears on
the page only when that thing is shown (None when the page has nothing agency-specific yet).
A new staff URL must be added here; the test fails for any staff URL that is missing.
"""

from __future__ import annotations

STAFF_URLS = {
    "workbench:home": lambda county, people: ({}, None),
    "workbench:agencies": lambda county, people: ({}, "示范县财政局"),
    "workbench:agency": lambda county, people: ({"pk": county.finance.pk}, "示范县财政局"),
    "workbench:audit": lambda county, people: ({}, "示范县财政局"),
    "workbench:workdays": lambda county, people: ({}, None),
}

# Public or authentication pages: reachable without a staff scope.
OPEN_URLS = {"workbench:login", "workbench:logout"}
