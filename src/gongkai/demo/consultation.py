"""Demo data of 重大决策与征求意见 (issue #11)."""


def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
