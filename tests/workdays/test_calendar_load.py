"""Loading a yearly schedule: everything is checked first; a bad file writes nothing."""

from datetime import date

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.workdays.actions import load_calendar_year
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.services import current_calendar

D = date.fromisoformat

GOOD_YAML = """\
year: 2027
note: 测试
days:
  - {date: 2027-01-01, kind: holiday, name: 元旦}
  - {date: 2027-02-20, kind: workday, name: 春节}
"""

GOOD_CSV = """\
# year: 2027
date,kind,name
2027-01-01,holiday,元旦
2027-02-20,workday,春节
"""

BAD = [
    ("bad.yaml", "year: 2027\ndays: [\n", "YAML 格式错误"),
    ("bad.yaml", "- 2027-01-01\n", "映射"),
    ("bad.yaml", "year: 2027\n", "缺少 days"),
    ("bad.yaml", "year: 2027\ndays: []\n", "未列出任何日期"),
    ("bad.yaml", "year: 二〇二七\ndays: []\n", "四位数年份"),
    ("bad.yaml", "year: 2027\nyaer: 1\ndays: []\n", "未知的键"),
    (
        "bad.yaml",
        "year: 2027\ndays:\n  - {date: 2027-01-01, kind: holiday, name: 元旦}\n  - {date: 2027-01-02, kind: vacation, name: 元旦}\n",
        "第4行：未知的类型“vacation”",
    ),
    ("bad.yaml", "year: 2027\ndays:\n  - {date: 2026-12-31, kind: holiday, name: 元旦}\n", "第3行：日期 2026-12-31 不在声明的 2027 年内"),
    (
        "bad.yaml",
        "year: 2027\ndays:\n  - {date: 2027-01-01, kind: holiday, name: 元旦}\n  - {date: 2027-01-01, kind: holiday, name: 元旦}\n",
        "第4行：日期 2027-01-01 与第3行重复",
    ),
    ("bad.yaml", "year: 2027\ndays:\n  - {date: 2027-01-04, kind: workday, name: 元旦}\n", "第3行：2027-01-04 不是周末"),
    ("bad.yaml", "year: 2027\ndays:\n  - {date: 2027-01-01, kind: holiday}\n", "第3行：缺少名称"),
    ("bad.yaml", "year: 2027\ndays:\n  - {date: 2027-02-30, kind: holiday, name: 春节}\n", "无法识别的日期"),
    ("bad.yaml", "year: 2027\ndays:\n  - 2027-01-01\n", "第3行：每一项"),
    ("bad.csv", "date,kind,name\n2027-01-01,holiday,元旦\n", "未声明年份"),
    ("bad.csv", "# year: 2027\ndate,type,name\n", "第2行：表头应为 date,kind,name"),
    ("bad.csv", "# year: 2027\ndate,kind,name\n2027-01-01,holiday\n", "第3行：应有3列"),
    ("bad.csv", "# year: 2027\ndate,kind,name\n2027/01/01,holiday,元旦\n", "第3行：无法识别的日期“2027/01/01”"),
    ("bad.csv", "# year: 2027\ndate,kind,name\n2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n", "第4行：日期 2027-01-01 与第3行重复"),
    ("bad.txt", "whatever", "无法识别的文件类型"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), BAD)
def test_malformed_files_are_refused_and_nothing_is_written(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActionRefused, match=message):
        load_calendar_year(None, path)
    assert not CalendarDay.objects.exists()
    assert not CalendarYear.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), [("2027.yaml", GOOD_YAML), ("2027.csv", GOOD_CSV)])
def test_load(tmp_path, name, content, li_ming):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = load_calendar_year(li_ming, path)
    assert result.year == 2027 and not result.replaced
    assert list(CalendarDay.objects.values_list("date", "kind", "source")) == [
        (D("2027-01-01"), "holiday", "schedule"),
        (D("2027-02-20"), "workday", "schedule"),
    ]
    cal = current_calendar()
    assert cal.knows(2027)
    assert cal.day(D("2027-01-01")).reason == "元旦"
    assert cal.is_workday(D("2027-02-20"))
    entry = AuditEntry.objects.get(action="workdays.calendar.load")
    assert entry.actor == li_ming and entry.after["holidays"] == ["2027-01-01"]


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(GOOD_YAML, encoding="utf-8")
    result = load_calendar_year(None, path, dry_run=True)
    assert result.dry_run and len(result.schedule.entries) == 2
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


@pytest.mark.django_db
def test_reloading_replaces_the_year_and_a_bad_file_keeps_the_old_one(tmp_path):
    good = tmp_path / "2027.yaml"
    good.write_text(GOOD_YAML, encoding="utf-8")
    load_calendar_year(None, good)
    assert load_calendar_year(None, good).replaced
    assert CalendarDay.objects.count() == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD_YAML + "  - {date: 2027-01-01, kind: holiday, name: 元旦}\n", encoding="utf-8")
    with pytest.raises(ActionRefused, match="重复"):
        load_calendar_year(None, bad)
    assert CalendarDay.objects.count() == 2


@pytest.mark.django_db
def test_loaded_year_replaces_the_package_data_of_that_year(tmp_path):
    path = tmp_path / "2026.csv"
    path.write_text("# year: 2026\ndate,kind,name\n2026-10-01,holiday,国庆节\n", encoding="utf-8")
    load_calendar_year(None, path)
    cal = current_calendar()
    assert not cal.is_workday(D("2026-10-01"))
    assert cal.is_workday(D("2026-10-02"))  # the package's 10-02 holiday is gone with the reload
    assert not cal.is_workday(D("2026-10-10"))  # and so is its 调休上班


@pytest.mark.django_db
def test_declared_year_must_match_the_requested_one(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(GOOD_YAML, encoding="utf-8")
    with pytest.raises(ActionRefused, match="不一致"):
        load_calendar_year(None, path, year=2028)


@pytest.mark.django_db
def test_missing_file(tmp_path):
    with pytest.raises(ActionRefused, match="找不到文件"):
        load_calendar_year(None, tmp_path / "none.yaml")
