# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Bulk loads leave the database analysed (planner statistics), on PostgreSQL and SQLite."""

import pytest
from django.core.management import call_command
from django.db import connection

from tests.publishing.builders import draft, team  # noqa: F401

pytestmark = pytest.mark.django_db


def planner_rows(table: str) -> float | None:
    """What the planner believes the table holds (None: never analysed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            value = cursor.fetchone()[0]
            return None if value < 0 else value
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        cursor.execute(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NULL OR tbl = %s", [table, table]
        )
        row = cursor.fetchone()
        return float(row[0].split()[0]) if row else None


def test_analyse_brings_the_statistics_up_to_date(team, capsys):
    for n in range(12):
        draft(team.clerk, title=f"示范县财政局统计信息测试第{n}号")
    call_command("analyse", "publishing")
    assert "已更新数据库统计信息" in capsys.readouterr().out
    assert planner_rows("publishing_document") == 12


def test_a_dry_run_lists_the_tables(team, capsys):
    draft(team.clerk)
    call_command("analyse", "publishing", "--dry-run")
    out = capsys.readouterr().out
    assert out.startswith("将分析：") and "publishing_document" in out


def test_an_unknown_app_is_named():
    with pytest.raises(Exception, match="没有这个应用"):
        call_command("analyse", "nosuchapp")


def test_the_import_command_analyses_what_it_loaded(team, tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    for n in range(3):
        (folder / f"通知{n}.txt").write_text(
            f"示范县财政局关于第{n}项工作的通知\n\n各单位：\n现将有关事项通知如下。\n", encoding="utf-8"
        )
    call_command("import", str(folder), "--user", team.clerk.username, "--quiet")
    assert planner_rows("publishing_document") == 3


def test_analyse_runs_daily():
    from gongkai.common.registry import jobs

    assert any(job.command == "analyse" and job.group == "daily" for job in jobs())
