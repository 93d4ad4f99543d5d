"""重大决策与征求意见 — issue #11: decision catalog, consultations, comments, dispositions, adoption reports."""
