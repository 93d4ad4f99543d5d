"""新闻发布 — issue #12: spokespersons, press conferences, frequency checks."""
