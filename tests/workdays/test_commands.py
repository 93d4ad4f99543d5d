"""`gongkai workdays` and `gongkai calendar` as an operator uses them."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import gongkai.workdays
from gongkai.workdays.models import CalendarDay, CalendarYear

EXAMPLE = Path(gongkai.workdays.__file__).parent / "data" / "example-2027.yaml"
pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add():
    assert run("workdays", "add", "2026-09-28", "20") == "到期日：2026年10月30日（星期五）\n"


def test_add_provisional():
    assert run("workdays", "add", "2026-12-15", "20") == (
        "到期日：2027年1月13日（星期三）（暂定：2027年日历尚未发布，仅按周末和法定固定假日推算）\n"
    )


def test_add_explain():
    out = run("workdays", "add", "2026-09-28", "20", "--explain")
    lines = out.splitlines()
    assert lines[0] == "起算日 2026年9月28日（星期一），期限 20 个工作日（起算日不计入，次日起算）："
    assert "  2026-10-01（周四） 不计 — 国庆节" in lines
    assert "  2026-10-10（周六） 第5个工作日 — 调休上班（国庆节）" in lines
    assert "  2026-10-11（周日） 不计 — 周末" in lines
    assert lines[-1] == "到期日：2026年10月30日（星期五）"


def test_explain_marks_provisional_days():
    out = run("workdays", "add", "2026-12-15", "20", "--explain")
    assert "2027-01-01（周五） 不计 — 元旦（法定固定假日，未知年份，按周末和法定固定假日推算）" in out


def test_count_start_day_option_and_setting(settings):
    assert "2026年10月29日" in run("workdays", "add", "2026-09-28", "20", "--count-start-day")
    settings.GONGKAI_WORKDAYS_COUNT_START_DAY = True
    assert "2026年10月29日" in run("workdays", "add", "2026-09-28", "20")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2026-13-15", "20"), "无效的起算日“2026-13-15”"),
        (("tomorrow", "20"), "无效的起算日"),
        (("2026-12-15", "二十"), "工作日数应为整数"),
        (("2026-12-15", "-1"), "不能为负数"),
    ],
)
def test_invalid_input(args, message):
    with pytest.raises(CommandError, match=message):
        run("workdays", "add", *args)


def test_between_and_is():
    assert "20 个工作日" in run("workdays", "between", "2026-09-28", "2026-10-30")
    assert run("workdays", "is", "2026-10-10") == "2026年10月10日（星期六）：工作日（调休上班（国庆节））\n"
    assert "暂定" in run("workdays", "is", "2027-01-04")


def test_calendar_show_known_and_unknown_year():
    out = run("calendar", "show", "2026")
    assert "2026年工作日历，来源：chinesecalendar 软件包" in out
    assert "  2026年10月10日（星期六） 国庆节" in out
    assert "尚未发布或导入" in run("calendar", "show", "2027")


def test_calendar_load_dry_run_then_load():
    out = run("calendar", "load", str(EXAMPLE), "--dry-run")
    assert out.startswith("检查通过（未写入）：将导入 2027 年日历")
    assert not CalendarYear.objects.exists()
    out = run("calendar", "load", str(EXAMPLE))
    assert out.startswith("已导入 2027 年日历，放假 29 天、调休上班 6 天")
    assert CalendarDay.objects.filter(date__year=2027).count() == 35
    assert "示例数据" in run("calendar", "show", "2027")
    assert run("workdays", "add", "2026-12-15", "20") == "到期日：2027年1月13日（星期三）\n"


def test_calendar_load_refusal_is_a_command_error(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text("year: 2027\ndays:\n  - {date: 2027-01-01, kind: nope, name: 元旦}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第3行：未知的类型"):
        run("calendar", "load", str(path))


def test_calendar_override():
    assert "已设置 2026年10月12日（星期一） 为放假（本地节日）" in run(
        "calendar", "override", "2026-10-12", "holiday", "本地节日"
    )
    assert run("workdays", "add", "2026-09-28", "20") == "到期日：2026年11月2日（星期一）\n"
    assert "本地调整" in run("calendar", "show", "2026")
    run("calendar", "override", "2026-10-12", "--remove")
    with pytest.raises(CommandError, match="没有本地调整"):
        run("calendar", "override", "2026-10-12", "--remove")
