"""政务新媒体 — issue #12: new-media accounts, update watch, multi-channel release."""
