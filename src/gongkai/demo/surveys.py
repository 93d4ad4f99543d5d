"""Demo data of 网上调查 (issue #11)."""


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
