"""The deployment's working-day calendar.

    gongkai calendar show 2026
    gongkai calendar load FILE [--dry-run] [--year 2027] [--note 国办发明电〔2026〕N号]
    gongkai calendar override 2026-07-15 holiday 本地民族节日 [--remove]

`load` reads the State Council's yearly schedule once it is published (around November); the file
format is documented in `gongkai.workdays.schedule`, and `gongkai/workdays/data/example-2027.yaml`
shows it (an example, not real data). Loading is idempotent: loading the same file again replaces
the year's rows with the same rows. After a load every provisional clock is recomputed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.common.errors import ActionRefused
from gongkai.workdays.actions import load_calendar_year, remove_calendar_override, set_calendar_override
from gongkai.workdays.calendar import package_calendar
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.services import current_calendar

from ._dates import parse_date, zh


class Command(BaseCommand):
    help = "工作日历：show 年份；load 文件 [--dry-run]；override 日期 holiday|workday 名称 [--remove]"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        show = sub.add_parser("show", help="列出某年的放假日、调休上班日和本地调整")
        show.add_argument("year", type=int)
        load = sub.add_parser("load", help="导入某年的国务院放假安排（YAML 或 CSV）")
        load.add_argument("file")
        load.add_argument("--dry-run", action="store_true", help="只检查文件，不写入")
        load.add_argument("--year", type=int, default=None, help="CSV 文件未声明年份时指定")
        load.add_argument("--note", default="", help="来源说明，如通知文号")
        override = sub.add_parser("override", help="设置或取消本地调整（如民族节日）")
        override.add_argument("day")
        override.add_argument("kind", nargs="?", default="", help="holiday（放假）或 workday（上班）")
        override.add_argument("name", nargs="?", default="")
        override.add_argument("--remove", action="store_true", help="取消该日的本地调整")

    def handle(self, *args, **options) -> None:
        try:
            getattr(self, f"_{options['subcommand']}")(options)
        except ActionRefused as exc:
            raise CommandError(str(exc)) from None

    def _show(self, options) -> None:
        year = options["year"]
        calendar = current_calendar()
        loaded = CalendarYear.objects.filter(year=year).first()
        if loaded is not None:
            source = f"已导入（{loaded.loaded_at:%Y-%m-%d}）{('：' + loaded.note) if loaded.note else ''}"
        elif package_calendar().knows(year):
            source = "chinesecalendar 软件包"
        else:
            source = None
        if source:
            self.stdout.write(f"{year}年工作日历，来源：{source}")
        else:
            self.stdout.write(f"{year}年日历尚未发布或导入：仅按周末和法定固定假日推算（到期日为暂定）")
        holidays = sorted(d for d in calendar.holidays if d.year == year)
        workdays = sorted(d for d in calendar.working_weekends if d.year == year)
        if source:
            self.stdout.write(f"放假（{len(holidays)}天）：")
            for d in holidays:
                self.stdout.write(f"  {zh(d)} {calendar.holidays[d]}")
            self.stdout.write(f"调休上班（{len(workdays)}天）：")
            for d in workdays:
                self.stdout.write(f"  {zh(d)} {calendar.working_weekends[d]}")
        overrides = CalendarDay.objects.filter(source=CalendarDay.Source.OVERRIDE, date__year=year)
        if overrides:
            self.stdout.write("本地调整：")
            for row in overrides:
                self.stdout.write(f"  {zh(row.date)} {row.get_kind_display()} {row.name}")
        latest = calendar.known_through
        self.stdout.write(f"已知日历至 {latest} 年。" if latest else "没有已知年份。")

    def _load(self, options) -> None:
        result = load_calendar_year(
            None, options["file"], year=options["year"], dry_run=options["dry_run"], note=options["note"]
        )
        s = result.schedule
        counts = f"放假 {len(s.holidays)} 天、调休上班 {len(s.workdays)} 天"
        if result.dry_run:
            verb = "将替换" if result.replaced else "将导入"
            self.stdout.write(f"检查通过（未写入）：{verb} {s.year} 年日历，{counts}")
        else:
            verb = "已替换" if result.replaced else "已导入"
            self.stdout.write(f"{verb} {s.year} 年日历，{counts}；暂定的到期日将重新计算")

    def _override(self, options) -> None:
        day = parse_date(options["day"])
        if options["remove"]:
            remove_calendar_override(None, day=day)
            self.stdout.write(f"已取消 {zh(day)} 的本地调整")
            return
        if not options["kind"] or not options["name"]:
            raise CommandError(
                "请给出类型（holiday 或 workday）和名称，例如：override 2026-07-15 holiday 本地节日"
            )
        row = set_calendar_override(None, day=day, kind=options["kind"], name=options["name"])
        self.stdout.write(f"已设置 {zh(day)} 为{row.get_kind_display()}（{row.name}）")
