"""The one place a domain plugs into the core.

Each app registers, from its `AppConfig.ready()` and never at import time, what the shells and the
core commands should know about it: 待办 providers, scheduled jobs, search re-indexers, menu entries
of the workbench and the portal, its workflows, its audit event types and its metrics. The shells and commands
only read what is here, so the core imports no domain and adding a domain edits no shell.

    def ready(self) -> None:
        from gongkai.common import registry

        registry.register_todo(todo_items)
        registry.register_menu("workbench", "applications", _("依申请公开"), "applications_staff:list", order=30)
        registry.register_audit_events("applications", AUDIT_EVENTS, legacy=LEGACY_AUDIT_CODES)

A test that registers something wraps it in `with registry.restoring():`, which puts every list
back as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from .todo import TodoItem
from .workflow import Workflow

# ---------------------------------------------------------------- types


@dataclass(frozen=True)
class Job:
    """An idempotent management command that cron (or a systemd timer) runs."""

    command: str
    group: str  # "frequent" (every 5 minutes) or "daily" (once a day, early morning)
    description: str
    args: tuple[str, ...] = ()
    read_only: bool = False  # takes no --dry-run because it changes nothing

    @property
    def line(self) -> str:
        return " ".join(("gongkai", self.command, *self.args))


@dataclass(frozen=True)
class MenuEntry:
    area: str
    key: str  # equals the `nav` context variable of the pages it leads to (aria-current)
    label: str
    url_name: str
    order: int
    roles: tuple[str, ...] = ()  # shown only to users with one of these roles (and superusers)
    visible: Callable[[Any], bool] | None = None  # a further test of the user
    fragment: str = ""
    group: str = ""  # the key of a registered MenuGroup this entry sits under, or "" for the top row

    def shown_to(self, user) -> bool:
        if self.roles and not (
            getattr(user, "is_superuser", False) or (hasattr(user, "has_role") and user.has_role(*self.roles))
        ):
            return False
        return self.visible is None or bool(self.visible(user))

    @property
    def url(self) -> str:
        return reverse(self.url_name) + (f"#{self.fragment}" if self.fragment else "")


@dataclass(frozen=True)
class MenuGroup:
    """A top-row item of a navigation that opens a list of entries (政府信息公开, 互动交流 ...), so that a
    growing number of domains does not wrap the top row over many lines on a phone."""

    area: str
    key: str
    label: str
    order: int
    entries: tuple[MenuEntry, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """The `nav` keys of its entries: the group is marked current when the page is one of them."""
        return tuple(entry.key for entry in self.entries)


@dataclass(frozen=True)
class AuditEventType:
    code: str  # <app>.<noun>.<verb>
    label: str  # Chinese, what staff read on the audit page
    app_label: str


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    fn: Callable[..., Any]
    # records(start, end, agency_ids) -> the URL of the staff page listing the records behind the
    # figure (oversight links every figure of a report to it), or None where no such list exists.
    records: Callable[..., str] | None = None


@dataclass(frozen=True)
class DocumentPanel:
    """A section another domain adds to a public document's page (the 意见采纳情况 of a decision
    adopted after a consultation …), so publishing's page names no domain.

    `context(request, document)` returns what `template` needs, or None when the domain has nothing
    for this document (the usual case: keep it to one indexed query).
    """

    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int


@dataclass(frozen=True)
class PortalBlock:
    """A block of a site's home page (最新公开, 政策文件 …), offered by a domain.

    `context(request, site)` returns what `template` needs, or None to hide the block (nothing to
    show, or the domain is switched off). `default` blocks make up the home page of a site that
    chose none.
    """

    key: str
    label: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int
    default: bool = True


@dataclass(frozen=True)
class DashboardPanel:
    """A panel of the supervisor's dashboard (督查看板), offered by a domain.

    `context(request)` returns what `template` needs, or None to hide the panel (nothing to show
    for this user). Shown to users with one of `roles` (and superusers).
    """

    key: str
    title: str
    template: str
    context: Callable[[Any], dict | None]
    roles: tuple[str, ...]
    order: int

    def shown_to(self, user) -> bool:
        return getattr(user, "is_superuser", False) or (
            hasattr(user, "has_role") and user.has_role(*self.roles)
        )


TodoProvider = Callable[[Any], Iterable[TodoItem]]  # the items a user (Staff) should act on
Reindexer = Callable[[], Iterable[Any]]  # () -> every search Entry of one kind that should exist now

MENU_AREAS = ("workbench", "portal")
JOB_GROUPS = ("frequent", "daily")
_CODE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


class _Registry:
    def __init__(self) -> None:
        self.todo: list[TodoProvider] = []
        self.jobs: list[Job] = []
        self.reindexers: dict[str, Reindexer] = {}
        self.menus: dict[str, dict[str, MenuEntry]] = {area: {} for area in MENU_AREAS}
        self.menu_groups: dict[str, dict[str, MenuGroup]] = {area: {} for area in MENU_AREAS}
        self.site_search: str = ""
        self.portal_blocks: dict[str, PortalBlock] = {}
        self.document_panels: dict[str, DocumentPanel] = {}
        self.site_columns: Callable[[], Iterable[tuple[str, str]]] | None = None
        self.column_activity: Callable[[Any], Iterable[ColumnActivity]] | None = None
        self.guide_sections: dict[str, PortalBlock] = {}
        self.dashboard_panels: dict[str, DashboardPanel] = {}
        self.audit_events: dict[str, AuditEventType] = {}
        self.audit_legacy: dict[str, str] = {}
        self.metrics: dict[str, Metric] = {}
        self.workflows: dict[str, Workflow] = {}
        self.public_models: dict[type, Callable[[Any], bool] | None] = {}
        self.catalog_publisher: Callable[..., str] | None = None

    def copy(self) -> _Registry:
        other = _Registry()
        for name, value in vars(self).items():
            setattr(other, name, value.copy() if hasattr(value, "copy") else value)
        other.menus = {area: entries.copy() for area, entries in self.menus.items()}
        other.menu_groups = {area: groups.copy() for area, groups in self.menu_groups.items()}
        return other


_r = _Registry()


@contextmanager
def restoring() -> Iterator[None]:
    """Put the whole registry back as it was on leaving the block (for tests that register)."""
    saved = _r.copy()
    try:
        yield
    finally:
        vars(_r).update(vars(saved))


# ---------------------------------------------------------------- workflows


def register_workflow(workflow: Workflow) -> Workflow:
    """A domain's workflow table, by name (the generic action view, the docs and tests read it)."""
    existing = _r.workflows.get(workflow.name)
    if existing is not None and existing is not workflow:
        raise ValueError(f"workflow {workflow.name!r} registered twice")
    _r.workflows[workflow.name] = workflow
    return workflow


def unregister_workflow(name: str) -> None:
    _r.workflows.pop(name, None)


def workflow(name: str) -> Workflow:
    return _r.workflows[name]


def workflows() -> list[Workflow]:
    return list(_r.workflows.values())


# ---------------------------------------------------------------- 待办


def register_todo(provider: TodoProvider) -> None:
    """A function of the user yielding the `TodoItem`s that user should act on."""
    if provider not in _r.todo:
        _r.todo.append(provider)


def unregister_todo(provider: TodoProvider) -> None:
    if provider in _r.todo:
        _r.todo.remove(provider)


def todo_providers() -> list[TodoProvider]:
    return list(_r.todo)


# ---------------------------------------------------------------- scheduled jobs


def register_job(
    command: str, *, group: str, description: str, args: tuple[str, ...] = (), read_only: bool = False
) -> None:
    """A management command for `gongkai scheduled <group>`; registering it again changes nothing."""
    if group not in JOB_GROUPS:
        raise ValueError(f"unknown job group {group!r}")
    args = tuple(args)
    if all((job.command, job.args) != (command, args) for job in _r.jobs):
        _r.jobs.append(Job(command, group, description, args, read_only))


def unregister_job(command: str, args: tuple[str, ...] = ()) -> None:
    _r.jobs = [job for job in _r.jobs if (job.command, job.args) != (command, tuple(args))]


def jobs() -> list[Job]:
    return list(_r.jobs)


# ---------------------------------------------------------------- search re-indexers


def register_reindexer(kind: str, fn: Reindexer) -> None:
    """`fn()` yields every search entry of `kind` that should be in the index now.

    `gongkai search reindex` runs them all and removes entries of a kind its re-indexer no longer
    yields.
    """
    _r.reindexers[kind] = fn


def unregister_reindexer(kind: str) -> None:
    _r.reindexers.pop(kind, None)


def reindexers() -> dict[str, Reindexer]:
    return dict(_r.reindexers)


# ---------------------------------------------------------------- public models (the page cache)


def register_public_models(*models: type, when: Callable[[Any], bool] | None = None) -> None:
    """Models whose rows appear on public pages: saving or deleting one (or changing its many-to-many
    links) makes every cached public page stale once the transaction commits (common/pagecache.py).
    `when(instance)`, if given, limits that to rows that are or were public (a draft's saves change
    no public page)."""
    for model in models:
        _r.public_models[model] = when


def unregister_public_models(*models: type) -> None:
    for model in models:
        _r.public_models.pop(model, None)


def public_models() -> dict[type, Callable[[Any], bool] | None]:
    return _r.public_models


# ---------------------------------------------------------------- menus


def register_menu(
    area: str,
    key: str,
    label: str,
    url_name: str,
    *,
    order: int,
    roles: Iterable[str] = (),
    visible: Callable[[Any], bool] | None = None,
    fragment: str = "",
    group: str = "",
) -> None:
    """An entry of the workbench or portal navigation, sorted by `order`; the same key replaces.
    With `group`, the entry is listed under that group (register_menu_group) instead of the top row."""
    if area not in MENU_AREAS:
        raise ValueError(f"unknown menu area {area!r}; expected one of {MENU_AREAS}")
    _r.menus[area][key] = MenuEntry(area, key, label, url_name, order, tuple(roles), visible, fragment, group)


def register_menu_group(area: str, key: str, label: str, *, order: int) -> None:
    """A top-row item that opens the entries registered with `group=key`; the same key replaces."""
    if area not in MENU_AREAS:
        raise ValueError(f"unknown menu area {area!r}; expected one of {MENU_AREAS}")
    _r.menu_groups[area][key] = MenuGroup(area, key, label, order)


def unregister_menu(area: str, key: str) -> None:
    _r.menus.get(area, {}).pop(key, None)


def menu(area: str, user=None) -> list[MenuEntry]:
    """The entries of `area` in order, groups ignored; with `user`, only those the user may open."""
    entries = sorted(_r.menus[area].values(), key=lambda e: (e.order, e.key))
    return [e for e in entries if user is None or e.shown_to(user)]


def menu_tree(area: str, user=None) -> list[MenuEntry | MenuGroup]:
    """The top row of `area`: entries without a group and groups holding their entries, in order. A
    group that would hold a single entry shows that entry instead; an empty group is left out; an
    entry naming an unregistered group stays on the top row."""
    groups = _r.menu_groups[area]
    members: dict[str, list[MenuEntry]] = {key: [] for key in groups}
    top: list[MenuEntry | MenuGroup] = []
    for entry in menu(area, user):
        if entry.group in members:
            members[entry.group].append(entry)
        else:
            top.append(entry)
    for key, entries in members.items():
        if len(entries) == 1:
            top.append(entries[0])
        elif entries:
            group = groups[key]
            top.append(MenuGroup(area, key, group.label, group.order, tuple(entries)))
    return sorted(top, key=lambda item: (item.order, item.key))


def register_site_search(url_name: str) -> None:
    """Where the portal header's search box sends its query."""
    _r.site_search = url_name


def site_search() -> str:
    return _r.site_search


# ---------------------------------------------------------------- portal home-page blocks


def register_portal_block(
    key: str,
    label: str,
    *,
    template: str,
    context: Callable[[Any, Any], dict | None],
    order: int,
    default: bool = True,
) -> None:
    """A block sites may put on their home page; the same key replaces."""
    _r.portal_blocks[key] = PortalBlock(key, label, template, context, order, default)


def unregister_portal_block(key: str) -> None:
    _r.portal_blocks.pop(key, None)


def portal_blocks() -> list[PortalBlock]:
    """Every registered block, in their default order."""
    return sorted(_r.portal_blocks.values(), key=lambda b: (b.order, b.key))


def portal_block(key: str) -> PortalBlock | None:
    return _r.portal_blocks.get(key)


# ---------------------------------------------------------------- the supervisor's dashboard


def register_dashboard_panel(
    key: str,
    title: str,
    *,
    template: str,
    context: Callable[[Any], dict | None],
    roles: tuple[str, ...] = ("supervisor",),
    order: int = 50,
) -> None:
    """A panel of the supervisor's dashboard (/workbench/dashboard/); the same key replaces."""
    _r.dashboard_panels[key] = DashboardPanel(key, title, template, context, tuple(roles), order)


def unregister_dashboard_panel(key: str) -> None:
    _r.dashboard_panels.pop(key, None)


def dashboard_panels(user=None) -> list[DashboardPanel]:
    """The registered panels in order; with `user`, only those shown to that user."""
    panels = sorted(_r.dashboard_panels.values(), key=lambda p: (p.order, p.key))
    return [p for p in panels if user is None or p.shown_to(user)]


# ---------------------------------------------------------------- panels of a public document's page


def register_document_panel(
    key: str, *, template: str, context: Callable[[Any, Any], dict | None], order: int = 50
) -> None:
    """A section of every public document's page, shown where `context(request, document)` is not
    None; the same key replaces."""
    _r.document_panels[key] = DocumentPanel(key, template, context, order)


def unregister_document_panel(key: str) -> None:
    _r.document_panels.pop(key, None)


def document_panels() -> list[DocumentPanel]:
    return sorted(_r.document_panels.values(), key=lambda p: (p.order, p.key))


def register_site_columns(fn: Callable[[], Iterable[tuple[str, str]]]) -> None:
    """The catalog's columns a site may choose to show: `fn()` yields (slug, name) pairs."""
    _r.site_columns = fn


def site_columns() -> list[tuple[str, str]]:
    return list(_r.site_columns()) if _r.site_columns is not None else []


@dataclass(frozen=True)
class ColumnActivity:
    """How a column of a site is kept up: what the website self-inspection (国办秘函〔2019〕19号)
    judges a column's updating by, without reading the catalog's models."""

    slug: str
    name: str
    update_class: str  # "news" (2 weeks), "notice" (6 months), "yearly", "other"
    latest: Any  # aware datetime of the newest public item, None when the column is empty
    items: int  # public items in the column
    url: str  # site-relative path of the column's public list


def register_column_activity(fn: Callable[[Any], Iterable[ColumnActivity]]) -> None:
    """`fn(site)` yields a `ColumnActivity` for every column the site shows (the catalog implements it)."""
    _r.column_activity = fn


def column_activity(site) -> list[ColumnActivity]:
    return list(_r.column_activity(site)) if _r.column_activity is not None else []


# ---------------------------------------------------------------- 公开指南 sections


def register_guide_section(
    key: str, label: str, *, template: str, context: Callable[[Any, Any], dict | None], order: int
) -> None:
    """A section of the government's 政府信息公开指南 page (the portal's /openness/guide/), offered by a
    domain from its own data: `context(request, site)` returns what `template` needs, or None to leave
    the section out. Same shape as a home-page block; the same key replaces."""
    _r.guide_sections[key] = PortalBlock(key, label, template, context, order)


def unregister_guide_section(key: str) -> None:
    _r.guide_sections.pop(key, None)


def guide_sections() -> list[PortalBlock]:
    return sorted(_r.guide_sections.values(), key=lambda b: (b.order, b.key))


# ---------------------------------------------------------------- audit event types


def register_audit_events(
    app_label: str, events: Mapping[str, str], *, legacy: Mapping[str, str] | None = None
) -> None:
    """The audit event types of an app, `{"<app>.<noun>.<verb>": "中文名称"}`.

    `legacy` maps codes written before the vocabulary existed to their new codes: rows keep their old
    code (the hash chain covers it) and display through the mapping, and `record_audit` writes the
    new code for a caller still passing the old one.
    """
    for code, label in events.items():
        if not _CODE.match(code) or not code.startswith(f"{app_label}."):
            raise ValueError(f"audit event {code!r} of {app_label!r} is not named {app_label}.<noun>.<verb>")
        _r.audit_events[code] = AuditEventType(code, label, app_label)
    for old, new in (legacy or {}).items():
        if new not in _r.audit_events or _r.audit_events[new].app_label != app_label:
            raise ValueError(f"legacy audit code {old!r} maps to {new!r}, not an event of {app_label!r}")
        if old in _r.audit_events:
            raise ValueError(f"legacy audit code {old!r} is also a registered event")
        if _r.audit_legacy.get(old, new) != new:
            raise ValueError(f"legacy audit code {old!r} already maps to {_r.audit_legacy[old]!r}")
        _r.audit_legacy[old] = new


def unregister_audit_events(app_label: str) -> None:
    gone = {code for code, event in _r.audit_events.items() if event.app_label == app_label}
    _r.audit_events = {code: e for code, e in _r.audit_events.items() if code not in gone}
    _r.audit_legacy = {old: new for old, new in _r.audit_legacy.items() if new not in gone}


def audit_event(code: str) -> AuditEventType | None:
    """The event type of a code, following a legacy alias to its new code."""
    return _r.audit_events.get(_r.audit_legacy.get(code, code))


def audit_events() -> dict[str, AuditEventType]:
    return dict(_r.audit_events)


def audit_legacy() -> dict[str, str]:
    return dict(_r.audit_legacy)


# ---------------------------------------------------------------- metrics


def register_metric(
    code: str, label: str, fn: Callable[..., Any], *, records: Callable[..., str] | None = None
) -> None:
    """A figure a domain offers to oversight and scorecards, which read it without importing the domain:
    `fn(start, end, agency_ids=None) -> {agency_id: value}` over the dates start..end inclusive.
    `records(start, end, agency_ids)`, if given, is the URL of the list of records behind the figure."""
    _r.metrics[code] = Metric(code, label, fn, records)


def unregister_metric(code: str) -> None:
    _r.metrics.pop(code, None)


def metrics() -> dict[str, Metric]:
    return dict(_r.metrics)


# ---------------------------------------------------------------- the catalog (主动公开目录)


@dataclass(frozen=True)
class CatalogItem:
    """Something another domain publishes into the catalog as a document (oversight's annual report
    goes into the 年度报告 column): `key` identifies it across re-publications, so publishing it again
    updates the same document instead of adding one. `attachments` are (file name, bytes)."""

    key: str
    agency: Any
    title: str
    summary: str
    url: str  # the item's own public page, linked from the document
    attachments: tuple[tuple[str, bytes], ...] = ()


def register_catalog_publisher(fn: Callable[..., str]) -> None:
    """`fn(actor, item: CatalogItem) -> str` creates or updates a published document for `item` and
    returns its public URL (publishing registers it); registering again replaces."""
    _r.catalog_publisher = fn


def unregister_catalog_publisher() -> None:
    _r.catalog_publisher = None


def publish_to_catalog(actor, item: CatalogItem) -> str:
    """Publish `item` in the catalog; "" when no domain publishes a catalog (publishing switched off)."""
    if _r.catalog_publisher is None:
        return ""
    return _r.catalog_publisher(actor, item)
