"""数据开放 — issue #14: the data resource catalog, resources and their queries, conditional access, DCAT."""
