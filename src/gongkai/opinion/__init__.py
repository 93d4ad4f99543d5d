"""舆情 — issue #13: sources and posts, watch plans, events, grading, hour deadlines, responses, reports."""
