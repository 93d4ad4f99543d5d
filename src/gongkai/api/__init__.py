"""The JSON API — issue #14 (PRODUCT.md §F3): everything public, and staff integrations by scoped tokens."""
