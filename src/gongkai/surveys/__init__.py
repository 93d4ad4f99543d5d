"""网上调查 — issue #11: online surveys."""
