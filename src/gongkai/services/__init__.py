"""权责清单, 行政执法公示, 办事指南 — issue #14 (PRODUCT.md §A9)."""
