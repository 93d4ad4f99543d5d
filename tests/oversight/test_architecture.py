"""Oversight reads the other domains only through the metrics they register (issue #15): no module of
the oversight app imports a domain app, or it becomes the next god room."""

from __future__ import annotations

import ast
from pathlib import Path

import gongkai

OVERSIGHT = Path(gongkai.__file__).parent / "oversight"
# What oversight may import: the core and itself. Everything else under gongkai is a domain.
ALLOWED = {"agencies", "audit", "common", "ingest", "oversight", "portal", "workbench", "workdays", "search"}


def imported_modules(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_oversight_imports_no_domain():
    offending = []
    for path in sorted(OVERSIGHT.rglob("*.py")):
        for name in imported_modules(path):
            parts = name.split(".")
            if parts[0] == "gongkai" and len(parts) > 1 and parts[1] not in ALLOWED:
                offending.append(f"{path.relative_to(OVERSIGHT)}: {name}")
    assert offending == []


def test_the_check_sees_a_domain_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from gongkai.applications.models import Application\nimport gongkai.common.registry\n")
    assert imported_modules(module) == ["gongkai.applications.models", "gongkai.common.registry"]
