"""Staff pages under /workbench/oversight/ (namespace oversight_staff) and public pages under
/oversight/ (namespace oversight): each part keeps its own lists in urls_<part>.py."""

from importlib import import_module

from .apps import PARTS

_parts = [import_module(f"{__package__}.urls_{part}") for part in PARTS]
staff = ([p for part in _parts for p in part.staff], "oversight_staff")
public = ([p for part in _parts for p in part.public], "oversight")
