"""政务公开工作要点 — issue #12: the annual disclosure plan and its tasks."""
