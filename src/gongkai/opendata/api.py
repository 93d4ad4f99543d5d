"""The open-data part of the JSON API (mounted by gongkai.api at /api/data/): the catalog and the
per-resource row queries."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["数据开放"])
