"""The workflow core on its own, without a database: the table decides; refusals say why in Chinese."""

from types import SimpleNamespace

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import SAME, Transition, Workflow

LABELS = {"open": "待办", "done": "已办"}


def person(*roles, superuser=False):
    return SimpleNamespace(
        is_authenticated=True, is_superuser=superuser, has_role=lambda *wanted: bool(set(wanted) & set(roles))
    )


def flow(**kw) -> Workflow:
    return Workflow(
        name="test.case",
        noun="事项",
        transitions=(
            Transition("finish", ("open",), "done", ("clerk",), "办结", "已办结"),
            Transition(
                "note", ("open", "done"), SAME, ("clerk", "reviewer"), "批注", "已批注", primary=False
            ),
            Transition("reopen", ("done",), "open", ("reviewer",), "重新办理", "已重新办理"),
        ),
        state_labels=LABELS.get,
        role_label={"clerk": "经办人", "reviewer": "审核人"}.get,
        **kw,
    )


def test_check_returns_the_row_and_target_follows_the_table():
    case = SimpleNamespace(state="open")
    transition = flow().check(person("clerk"), case, "finish")
    assert transition.done == "已办结" and flow().target(case, transition) == "done"
    assert flow().target(case, flow().check(person("clerk"), case, "note")) == "open"  # SAME


@pytest.mark.parametrize(
    ("actor", "state", "action", "message"),
    [
        (person("clerk"), "done", "finish", "事项当前状态为“已办”，不能办结（仅在待办时可以）"),
        (person("reviewer"), "open", "finish", "办结需要以下角色之一：经办人"),
        (person("clerk"), "open", "polish", "未知的操作"),
        (SimpleNamespace(is_authenticated=False), "open", "finish", "请先登录"),
    ],
)
def test_refusals_name_the_reason(actor, state, action, message):
    with pytest.raises(ActionRefused) as refused:
        flow().check(actor, SimpleNamespace(state=state), action)
    assert refused.value.message == message


def test_available_lists_what_the_actor_may_do_in_table_order():
    case = SimpleNamespace(state="done")
    assert [t.action for t in flow().available(person("clerk", "reviewer"), case)] == ["note", "reopen"]
    assert [t.action for t in flow().available(person("clerk"), case)] == ["note"]
    assert [t.action for t in flow().available(person(superuser=True), case)] == ["note", "reopen"]


def test_guard_and_resolver_are_the_domain_hooks():
    def guard(actor, obj, transition):
        if obj.locked:
            raise ActionRefused("已锁定")

    wf = flow(guard=guard, resolve_target=lambda obj, t: t.target.upper())
    with pytest.raises(ActionRefused, match="已锁定"):
        wf.check(None, SimpleNamespace(state="open", locked=True), "finish")
    case = SimpleNamespace(state="open", locked=False)
    assert wf.target(case, wf.check(None, case, "finish")) == "DONE"  # no actor: the system acts


def test_a_table_with_two_rows_for_one_state_and_action_is_refused():
    row = Transition("finish", ("open",), "done", ("clerk",), "办结", "已办结")
    with pytest.raises(ValueError, match=r"two transitions for \(open, finish\)"):
        Workflow(name="x", noun="x", transitions=(row, row), state_labels=str, role_label=str)
