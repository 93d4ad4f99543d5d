"""The one workflow engine: each domain declares its transitions once, as data.

A `Transition` says from which states an action may be taken, the state it leads to, the roles
that may take it, its label (the button) and past-tense label (the history, the audit page, the
success message), the form that collects its input and the action function it runs. A domain
wraps its table in a `Workflow` and registers it (`registry.register_workflow`);
`check(actor, obj, action)` refuses with a Chinese `ActionRefused`, `available(actor, obj)`
lists what the actor may do now, and `target(obj, transition)` is the state the action must
move the object to — actions take it from here, never hard-code it. One generic view
(`gongkai.workbench.workflow_views.workflow_action`)
renders the form of any transition of any domain and calls its action.

The model is Wagtail's `Task.get_actions()` / `on_action()` and `BaseAction.check()` /
`execute()`: the table decides whether, the action decides how.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

from .errors import ActionRefused

SAME = "<same>"  # the action does not move the object (督办, 登记复议, 制作公开文本 ...)
Guard = Callable[[Any, Any, "Transition"], None]  # (actor, obj, transition) → raises ActionRefused


def _resolve(ref):
    return import_string(ref) if isinstance(ref, str) else ref


@dataclass(frozen=True)
class Transition:
    """One row of a workflow table. `run` and `form` may be dotted paths (resolved on first use)
    so that a table can name the actions that themselves import the table."""

    action: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    label: str
    done: str
    run: Callable[..., Any] | str | None = None
    form: type | str | None = None
    side: str = ""  # a domain's own qualifier (publishing: whose staff act)
    primary: bool = True  # shown as a main button rather than a secondary one

    @property
    def action_function(self) -> Callable[..., Any]:
        return _resolve(self.run)

    @property
    def form_class(self) -> type | None:
        return _resolve(self.form) if self.form else None


@dataclass
class Workflow:
    """A domain's table with its few domain-specific hooks.

    `resolve_target(obj, transition)` turns a symbolic target (e.g. "the next review step" or "the
    state before the pause") into a state; `guard(actor, obj, transition)` adds the checks a table
    cannot express (scope, 谁审查谁负责); `role_label(role)` names a role in refusals.
    """

    name: str
    noun: str  # "申请", "文件": the object as a refusal names it
    transitions: tuple[Transition, ...]
    state_labels: Callable[[str], str]
    role_label: Callable[[str], str]
    resolve_target: Callable[[Any, Transition], str] | None = None
    guard: Guard | None = None
    state_of: Callable[[Any], str] = field(default=lambda obj: obj.state)
    # The generic view's hooks: the object for a pk the user may see, where to go afterwards,
    # which template renders the form (it extends "workbench/act.html"), extra context.
    get_object: Callable[[Any, int], Any] | None = None
    detail_url: Callable[[Any], str] | None = None
    # Where to go instead when the action took the object out of the actor's sight (an agency that
    # returned a misrouted message no longer sees it): the domain's list.
    list_url: Callable[[], str] | None = None
    template: str = "workbench/act.html"
    nav: str = ""
    extra_context: Callable[[Any, Any, Transition], dict] | None = None

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for t in self.transitions:
            for state in t.sources:
                if (state, t.action) in seen:
                    raise ValueError(f"{self.name}: two transitions for ({state}, {t.action})")
                seen.add((state, t.action))

    # -------------------------------------------------------------- the table

    def actions(self) -> list[str]:
        return list(dict.fromkeys(t.action for t in self.transitions))

    def by_action(self, action: str) -> list[Transition]:
        return [t for t in self.transitions if t.action == action]

    def label(self, action: str) -> str:
        rows = self.by_action(action)
        return rows[0].label if rows else action

    def done_label(self, action: str) -> str:
        rows = self.by_action(action)
        return rows[0].done if rows else action

    def transition(self, obj, action: str) -> Transition | None:
        state = self.state_of(obj)
        return next((t for t in self.by_action(action) if state in t.sources), None)

    # -------------------------------------------------------------- the three questions

    def check(self, actor, obj, action: str) -> Transition:
        """The transition `actor` may take on `obj` now, or `ActionRefused` saying why not."""
        rows = self.by_action(action)
        if not rows:
            raise ActionRefused("未知的操作")
        transition = self.transition(obj, action)
        if transition is None:
            allowed = "、".join(dict.fromkeys(self.state_labels(s) for t in rows for s in t.sources))
            raise ActionRefused(
                f"{self.noun}当前状态为“{self.state_labels(self.state_of(obj))}”，不能{rows[0].label}"
                f"（仅在{allowed}时可以）"
            )
        self._check_actor(actor, obj, transition)
        return transition

    def available(self, actor, obj) -> list[Transition]:
        """The transitions `actor` may take now, in table order (for the buttons)."""
        out = []
        for action in self.actions():
            try:
                out.append(self.check(actor, obj, action))
            except ActionRefused:
                continue
        return out

    def target(self, obj, transition: Transition) -> str:
        """The state `transition` moves `obj` to."""
        if transition.target == SAME:
            return self.state_of(obj)
        if self.resolve_target is not None:
            return self.resolve_target(obj, transition)
        return transition.target

    def step(
        self,
        actor,
        obj,
        action: str,
        *,
        audit: str,
        fields: Sequence[str],
        agency=None,
        reason: Any = None,
        reason_field: str = "return_reason",
        **values: Any,
    ):
        """The body of a plain review step (submit, approve, return with a reason, publish …) that
        most action functions share: check the table, move `obj` to the target state, set `values`
        (published_on=…), record the reason when one is given (it is required then: "退回理由") or
        clear an earlier one on submit, save those fields and audit `audit` ("plans.plan.submit")
        with the `fields` before and after. Call it inside the action's transaction, on a locked row."""
        from gongkai.audit.actions import record_audit, snapshot

        from .inputs import checked_text

        before = snapshot(obj, fields)
        state = self.target(obj, self.check(actor, obj, action))
        note = ""
        update = dict(values)
        if reason is not None:
            note = checked_text(reason, "退回理由", "reason", limit=1000)
            update[reason_field] = note
        elif action == "submit" and hasattr(obj, reason_field):
            update[reason_field] = ""
        update["state"] = state
        for name, value in update.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(update))
        record_audit(
            actor=actor,
            action=audit,
            target=obj,
            agency=agency if agency is not None else getattr(obj, "agency", None),
            before=before,
            after=snapshot(obj, fields),
            note=note,
        )
        return obj

    def run(self, actor, obj, action: str, **kwargs):
        """Call the action function of `action` (which re-checks inside its transaction)."""
        transition = self.check(actor, obj, action)
        return transition.action_function(actor, obj, **kwargs)

    # -------------------------------------------------------------- internals

    def _check_actor(self, actor, obj, transition: Transition) -> None:
        if actor is not None:
            if not getattr(actor, "is_authenticated", False):
                raise ActionRefused("请先登录")
            if not actor.is_superuser and not actor.has_role(*transition.roles):
                roles = "、".join(self.role_label(r) for r in transition.roles)
                raise ActionRefused(f"{transition.label}需要以下角色之一：{roles}")
        if self.guard is not None:
            self.guard(actor, obj, transition)
