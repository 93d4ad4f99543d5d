"""The diff between two versions of a power list, without the database: items paired by key."""

from __future__ import annotations

from gongkai.services.diffing import diff_items

FIELDS = ("name", "kind", "basis")


def item(key, name, kind="licensing", basis="某法第一条"):
    return {"key": key, "name": name, "kind": kind, "basis": basis}


def test_added_removed_changed_unchanged():
    old = [item("a", "甲"), item("b", "乙"), item("c", "丙")]
    new = [item("a", "甲"), item("c", "丙（更名）", basis="某法第二条"), item("d", "丁")]
    diff = diff_items(old, new, FIELDS)
    assert [i["name"] for i in diff.added] == ["丁"]
    assert [i["name"] for i in diff.removed] == ["乙"]
    assert [(c.old["name"], c.new["name"], c.fields) for c in diff.changed] == [
        ("丙", "丙（更名）", ("name", "basis"))
    ]
    assert diff.unchanged == 1 and diff


def test_whitespace_is_no_change_and_same_lists_no_diff():
    old = [item("a", "甲", basis="某法\n第一条")]
    new = [item("a", "甲", basis="某法 第一条 ")]
    diff = diff_items(old, new, FIELDS)
    assert not diff and diff.unchanged == 1


def test_first_version_is_all_added():
    diff = diff_items([], [item("a", "甲")], FIELDS)
    assert len(diff.added) == 1 and not diff.removed and not diff.changed
