"""舆情 collection: reading sources (fetching.py, pure), storing posts (actions.py), the near-duplicate
stage (neardup.py) and the push endpoint (push.py)."""
