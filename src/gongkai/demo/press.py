"""Demo data of 新闻发布 (issue #12)."""


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
