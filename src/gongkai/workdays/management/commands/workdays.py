"""Working-day arithmetic on the deployment's calendar.

    gongkai workdays add 2026-12-15 20 [--explain] [--count-start-day]
    gongkai workdays between 2026-09-28 2026-10-30
    gongkai workdays is 2026-10-10

Read-only; safe to run at any time.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.workdays.services import count_start_day, current_calendar

from ._dates import parse_date, provisional_note, zh


class Command(BaseCommand):
    help = "按工作日历计算期限：add 起算日 工作日数 [--explain]；between 日期 日期；is 日期"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        add = sub.add_parser("add", help="起算日加若干工作日，得出到期日")
        add.add_argument("start", help="起算日（收到申请之日），YYYY-MM-DD")
        add.add_argument("days", help="工作日数")
        add.add_argument("--explain", action="store_true", help="逐日列出计算过程")
        add.add_argument(
            "--count-start-day",
            action="store_true",
            default=None,
            help="起算日当天计入（默认按 GONGKAI_WORKDAYS_COUNT_START_DAY）",
        )
        between = sub.add_parser("between", help="两日期之间的工作日数（不含前一日，含后一日）")
        between.add_argument("first")
        between.add_argument("second")
        is_ = sub.add_parser("is", help="某日是否为工作日及原因")
        is_.add_argument("day")

    def handle(self, *args, **options) -> None:
        sub = options["subcommand"]
        if sub == "add":
            self._add(options)
        elif sub == "between":
            a = parse_date(options["first"])
            b = parse_date(options["second"])
            calendar = current_calendar()
            self.stdout.write(f"{zh(a)} 之后至 {zh(b)}：{calendar.workdays_between(a, b)} 个工作日")
        else:
            info = current_calendar().day(parse_date(options["day"]))
            verdict = "工作日" if info.is_workday else "休息日"
            note = "" if info.known else provisional_note([info.date.year])
            self.stdout.write(f"{zh(info.date)}：{verdict}（{info.reason}）{note}")

    def _add(self, options) -> None:
        start = parse_date(options["start"], "起算日")
        try:
            days = int(options["days"])
        except ValueError:
            raise CommandError(f"工作日数应为整数，而不是“{options['days']}”") from None
        if days < 0:
            raise CommandError("工作日数不能为负数")
        csd = options["count_start_day"]
        if csd is None:
            csd = count_start_day()
        deadline = current_calendar().add_workdays(start, days, count_start_day=csd)
        rule = "起算日计入" if csd else "起算日不计入，次日起算"
        if options["explain"]:
            self.stdout.write(f"起算日 {zh(start)}，期限 {days} 个工作日（{rule}）：")
            for line in deadline.explain():
                self.stdout.write(f"  {line}")
        line = f"到期日：{zh(deadline.due)}"
        if deadline.provisional:
            line += provisional_note(deadline.unknown_years)
        self.stdout.write(line)
