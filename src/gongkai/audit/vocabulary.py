"""What the codes of the audit trail mean, in Chinese: staff never read a code.

The apps register their event types (`<app>.<noun>.<verb>`, each with a label) and the codes they
wrote before, as legacy aliases (`gongkai.common.registry.register_audit_events`). Old rows keep
their code — the hash chain covers it — and display through the alias. Besides, the admin mixin
(`gongkai.common.admin.AuditedAdminMixin`) writes `admin.<add|change|delete|related>.<model_name>`
for models that have no action yet; those are named after the model's verbose_name.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model, Q

from gongkai.common import registry

FALLBACK_LABEL = "其他操作"
ADMIN_VERBS = {"add": "新增{}", "change": "修改{}", "delete": "删除{}", "related": "修改{}的关联记录"}


class UnregisteredAuditEvent(ValueError):
    pass


def normalise(code: str) -> str:
    """The code to write for `code`: itself if registered, the new code of a legacy alias.

    Refuses a code that is neither, so nothing unlabelled enters the trail.
    """
    event = registry.audit_event(code)
    if event is not None:
        return event.code
    if _admin_model(code) is not None:
        return code
    raise UnregisteredAuditEvent(
        f"unregistered audit event {code!r}: register it with "
        "gongkai.common.registry.register_audit_events() in the app's AppConfig.ready()"
    )


def label_of(code: str, object_type: str = "") -> str:
    """The Chinese label of a code, old or new; a generic label for a code nobody registered."""
    event = registry.audit_event(code)
    if event is not None:
        return str(event.label)
    model = _admin_model(code, object_type)
    if model is not None:
        what = ADMIN_VERBS[code.split(".")[1]].format(model._meta.verbose_name)
        return f"系统管理：{what}"
    return FALLBACK_LABEL


def app_of(code: str, object_type: str = "") -> str:
    """The label of the app a code belongs to ("" if unknown)."""
    event = registry.audit_event(code)
    if event is not None:
        return event.app_label
    model = _admin_model(code, object_type)
    return model._meta.app_label if model is not None else ""


def app_choices() -> list[tuple[str, str]]:
    """(app label, its Chinese name) of every app with registered events, in INSTALLED_APPS order."""
    labels = {event.app_label for event in registry.audit_events().values()}
    known = [(c.label, str(c.verbose_name)) for c in apps.get_app_configs() if c.label in labels]
    return known + [(label, label) for label in sorted(labels - {k for k, _ in known})]


def object_type_choices() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(app label, app name, [(object type, model name)]) for the object-type filter."""
    out = []
    for label, name in app_choices():
        try:
            config = apps.get_app_config(label)
        except LookupError:  # registered by code that is not an installed app (a test)
            continue
        models = [(m._meta.label_lower, str(m._meta.verbose_name)) for m in config.get_models()]
        if models:
            out.append((label, name, models))
    return out


def app_filter(app_label: str) -> Q:
    """Rows of one app: its codes, the legacy codes that alias them, and admin edits of its models."""
    legacy = [old for old in registry.audit_legacy() if registry.audit_event(old).app_label == app_label]
    return (
        Q(action__startswith=f"{app_label}.")
        | Q(action__in=legacy)
        | Q(action__startswith="admin.", object_type__startswith=f"{app_label}.")
    )


def _admin_model(code: str, object_type: str = "") -> type[Model] | None:
    parts = code.split(".")
    if len(parts) != 3 or parts[0] != "admin" or parts[1] not in ADMIN_VERBS:
        return None
    if object_type:
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            model = None
        if model is not None and model._meta.model_name == parts[2]:
            return model
    return next((m for m in apps.get_models() if m._meta.model_name == parts[2]), None)
