"""在线访谈 — issue #11: online interviews (live text)."""
