"""Defaults live only in settings.py: app code reads `settings.GONGKAI_X`, never with a default."""

import re
from pathlib import Path

from django.conf import settings

import gongkai

SRC = Path(gongkai.__file__).parent
CODE = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "settings.py"}


def test_no_default_is_given_outside_settings():
    assert [str(p.relative_to(SRC)) for p, text in CODE.items() if "getattr(settings" in text] == []


def test_every_setting_read_is_defined():
    read = {name for text in CODE.values() for name in re.findall(r"settings\.(GONGKAI_\w+)", text)}
    assert read and [name for name in sorted(read) if not hasattr(settings, name)] == []
