"""Demo data of 政务公开工作要点 (issue #12)."""


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
