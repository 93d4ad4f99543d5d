"""The plug-in registry: apps register from ready(); a test that registers restores it."""

from __future__ import annotations

import pytest

from gongkai.common import registry


def test_restoring_puts_everything_back():
    def provider(user):
        return []

    def count():
        return 0

    before = (
        registry.todo_providers(),
        registry.jobs(),
        registry.reindexers(),
        registry.menu("workbench"),
        registry.menu("portal"),
        registry.audit_events(),
        registry.audit_legacy(),
        registry.metrics(),
        registry.site_search(),
    )
    with registry.restoring():
        registry.register_todo(provider)
        registry.register_job("noop", group="daily", description="什么也不做")
        registry.register_reindexer("widget", lambda: [])
        registry.register_menu("workbench", "widgets", "小部件", "workbench:home", order=1)
        registry.register_menu("portal", "home", "换掉首页", "portal:home", order=1)
        registry.register_audit_events(
            "widgets", {"widgets.widget.make": "制作"}, legacy={"widget.make": "widgets.widget.make"}
        )
        registry.register_metric("widgets.count", "小部件数量", count)
        registry.register_site_search("portal:home")
        registry.unregister_reindexer("document")
        assert provider in registry.todo_providers() and "document" not in registry.reindexers()
    after = (
        registry.todo_providers(),
        registry.jobs(),
        registry.reindexers(),
        registry.menu("workbench"),
        registry.menu("portal"),
        registry.audit_events(),
        registry.audit_legacy(),
        registry.metrics(),
        registry.site_search(),
    )
    assert after == before


def test_unregister_undoes_register():
    def provider(user):
        return []

    with registry.restoring():
        before = (
            registry.todo_providers(),
            registry.jobs(),
            registry.menu("workbench"),
            registry.audit_events(),
        )
        registry.register_todo(provider)
        registry.register_todo(provider)  # once only
        registry.register_job("noop", group="daily", description="什么也不做")
        registry.register_menu("workbench", "widgets", "小部件", "workbench:home", order=1)
        registry.register_audit_events(
            "widgets", {"widgets.widget.make": "制作"}, legacy={"widget.make": "widgets.widget.make"}
        )
        registry.register_metric("widgets.count", "小部件数量", lambda: 0)
        assert registry.todo_providers().count(provider) == 1
        registry.unregister_todo(provider)
        registry.unregister_job("noop")
        registry.unregister_menu("workbench", "widgets")
        registry.unregister_audit_events("widgets")
        registry.unregister_metric("widgets.count")
        assert (
            registry.todo_providers(),
            registry.jobs(),
            registry.menu("workbench"),
            registry.audit_events(),
        ) == before
        assert "widget.make" not in registry.audit_legacy() and "widgets.count" not in registry.metrics()


def test_menu_entries_come_in_order_and_only_to_whom_may_open_them(li_ming, zhang_wei):
    with registry.restoring():
        registry.register_menu("workbench", "late", "最后", "workbench:home", order=999)
        registry.register_menu(
            "workbench", "signers", "审发人专用", "workbench:home", order=998, roles=("signer",)
        )
        registry.register_menu(
            "workbench", "nobody", "不可见", "workbench:home", order=997, visible=lambda user: False
        )
        assert [e.key for e in registry.menu("workbench", li_ming)][-1] == "late"
        assert [e.key for e in registry.menu("workbench", zhang_wei)][-2:] == ["signers", "late"]
        assert "nobody" in {e.key for e in registry.menu("workbench")}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: registry.register_menu("sidebar", "x", "x", "workbench:home", order=1),
            "unknown menu area 'sidebar'",
        ),
        (lambda: registry.register_job("x", group="hourly", description="x"), "unknown job group 'hourly'"),
        (
            lambda: registry.register_audit_events("widgets", {"widget.make": "制作"}),
            "is not named widgets.<noun>.<verb>",
        ),
        (
            lambda: registry.register_audit_events("widgets", {"publishing.document.make": "制作"}),
            "is not named",
        ),
        (
            lambda: registry.register_audit_events(
                "widgets", {}, legacy={"widget.make": "widgets.widget.make"}
            ),
            "not an event of 'widgets'",
        ),
        (
            lambda: registry.register_audit_events(
                "widgets", {}, legacy={"x.publish": "publishing.document.publish"}
            ),
            "not an event of 'widgets'",
        ),
        (
            lambda: registry.register_audit_events(
                "widgets",
                {"widgets.document.publish": "发布"},
                legacy={"document.publish": "widgets.document.publish"},
            ),
            "already maps to 'publishing.document.publish'",
        ),
    ],
)
def test_bad_registrations_are_refused(call, message):
    with registry.restoring(), pytest.raises(ValueError, match=message):
        call()


def test_every_app_registers_from_ready():
    assert {"document", "interpretation"} <= set(registry.reindexers())
    assert {job.line for job in registry.jobs()} >= {
        "gongkai audit verify",
        "gongkai send_reminders",
        "gongkai publish_scheduled",
    }
    providers = {f"{p.__module__}.{p.__name__}" for p in registry.todo_providers()}
    assert providers == {
        "gongkai.applications.queries.todo_items",
        "gongkai.publishing.todo.publishing_items",
        "gongkai.interaction.queries.todo_items",
        "gongkai.interaction.queries_letters.todo_items",
        "gongkai.newmedia.todo.todo_items",
        "gongkai.press.queries.todo_items",
        "gongkai.consultation.queries.todo_items",
        "gongkai.plans.queries.todo_items",
        "gongkai.opendata.queries_access.todo_items",
        "gongkai.surveys.queries.todo_items",
        "gongkai.interviews.queries.todo_items",
        "gongkai.opinion.queries_handling.todo_items",
        "gongkai.services.queries.todo_items",
        "gongkai.opendata.queries.todo_items",
        "gongkai.oversight.inspection_queries.todo_items",
        "gongkai.oversight.assessment_queries.todo_items",
        "gongkai.oversight.bulletins_queries.todo_items",
        "gongkai.oversight.training_queries.todo_items",
        "gongkai.oversight.reports_queries.todo_items",
    }
    apps = {event.app_label for event in registry.audit_events().values()}
    assert apps == {
        "agencies", "workdays", "applications", "publishing", "portal", "interaction",
        "press", "consultation", "plans", "interviews", "newmedia", "surveys", "opendata", "opinion",
        "services", "api", "oversight",
    }  # fmt: skip
