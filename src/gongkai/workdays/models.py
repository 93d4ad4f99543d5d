"""The deployment's calendar data and the clocks that count statutory deadlines on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import Deadline, Step


class CalendarYear(models.Model):
    """A year whose official schedule is known to this deployment beyond the package's data."""

    class Source(models.TextChoices):
        PACKAGE = "package", _("随软件包提供")
        LOADED = "loaded", _("导入的国务院放假安排")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.LOADED)
    loaded_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("日历年份")
        verbose_name_plural = _("日历年份")

    def __str__(self) -> str:
        return f"{self.year}年（{self.get_source_display()}）"


class CalendarDay(models.Model):
    """One day of a loaded yearly schedule, or a deployment override (a local festival).

    A date may carry both a schedule row and an override row — that is why uniqueness is on
    (date, source) rather than date alone: removing the override must reveal the schedule again.
    The override wins.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    class Source(models.TextChoices):
        SCHEDULE = "schedule", _("年度放假安排")
        OVERRIDE = "override", _("本地调整")

    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    changed_at = models.DateTimeField(_("修改时间"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["date", "source"]
        constraints = [
            models.UniqueConstraint(fields=["date", "source"], name="workdays_day_unique_per_source")
        ]
        verbose_name = _("日历日")
        verbose_name_plural = _("日历日")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}（{self.name}）"


@dataclass(frozen=True)
class ClockStatus:
    """A clock seen on one day: everything a list page or a reminder needs."""

    state: str
    today: date
    due_on: date | None  # None while paused: the count is held
    provisional: bool
    total_workdays: int  # limit + extension
    elapsed_workdays: int  # counted so far (up to today, or up to the stop day)
    remaining_workdays: int  # negative = working days overdue
    due_soon: bool
    overdue: bool
    deadline: Deadline
    steps: list[Step] = field(default_factory=list)

    @property
    def paused(self) -> bool:
        return self.state == Clock.State.PAUSED

    def explain(self) -> list[str]:
        return self.deadline.explain()


class Clock(models.Model):
    """A statutory time limit of one case, counted in working days.

    The count runs from `started_on` (the receipt day, or the day of the last restart), skips the
    working days covered by pauses since then, and ends on the (limit + extension)-th counted day.
    See `gongkai.workdays.calendar` for which days a pause removes. `due_on` and `provisional` are a
    cache for list pages, refreshed by every action; `status()` always computes afresh.
    """

    class State(models.TextChoices):
        RUNNING = "running", _("计时中")
        PAUSED = "paused", _("已暂停")
        STOPPED = "stopped", _("已停止")

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="clocks"
    )
    label = models.CharField(_("名称"), max_length=200)
    limit_days = models.PositiveIntegerField(_("期限（工作日）"))
    max_extension_days = models.PositiveIntegerField(_("最长延长（工作日）"))
    started_on = models.DateField(_("起算日"))
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.RUNNING)
    stopped_on = models.DateField(_("停止日"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("延长（工作日）"), default=0)
    extension_count = models.PositiveIntegerField(_("延长次数"), default=0)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延长批准人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    extension_reason = models.TextField(_("延长理由"), blank=True)
    due_on = models.DateField(_("到期日"), null=True, blank=True)
    provisional = models.BooleanField(_("暂定"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["state", "due_on"]), models.Index(fields=["provisional"])]
        verbose_name = _("计时")
        verbose_name_plural = _("计时")

    def __str__(self) -> str:
        return f"{self.label}（{self.limit_days}个工作日）"

    @property
    def total_days(self) -> int:
        return self.limit_days + self.extension_days

    def pauses(self) -> list[tuple[date, date | None]]:
        """(paused_on, resumed_on) pairs since the last start or restart, in order.

        A restart drops the pauses before it (条例第三十条: the count begins anew), so only pauses
        that began on or after `started_on` count. Reads `self.pause_records.all()` so that
        `prefetch_related("pause_records")` serves list pages.
        """
        rows = sorted(self.pause_records.all(), key=lambda p: (p.started_on, p.pk))
        return [(p.started_on, p.ended_on) for p in rows if p.started_on >= self.started_on]

    def open_pause(self) -> Pause | None:
        return next((p for p in self.pause_records.all() if p.ended_on is None), None)

    def deadline(self, calendar=None) -> Deadline:
        from .services import count_start_day, current_calendar

        cal = calendar or current_calendar()
        return cal.add_workdays(
            self.started_on, self.total_days, count_start_day=count_start_day(), pauses=self.pauses()
        )

    def status(self, today: date | None = None, *, calendar=None) -> ClockStatus:
        """The clock as it stands on `today` (default: today in Asia/Shanghai).

        A stopped clock is frozen on its stop day. While paused there is no due date; the remaining
        working days are those left when the pause began.
        """
        from .services import current_calendar, due_soon_workdays

        cal = calendar or current_calendar()
        deadline = self.deadline(cal)
        if today is None:
            today = timezone.localdate()
        if self.state == self.State.STOPPED and self.stopped_on:
            today = self.stopped_on
        counted_until_today = sum(1 for s in deadline.steps if s.counted and s.date <= today)
        due = deadline.due
        if due is None:
            remaining = self.total_days - deadline.counted
            overdue = False
        elif today > due:
            remaining = -cal.workdays_between(due, today)
            overdue = True
        else:
            remaining = self.total_days - counted_until_today
            overdue = False
        due_soon = self.state == self.State.RUNNING and not overdue and remaining <= due_soon_workdays()
        return ClockStatus(
            state=self.state,
            today=today,
            due_on=due,
            provisional=deadline.provisional,
            total_workdays=self.total_days,
            elapsed_workdays=counted_until_today,
            remaining_workdays=remaining,
            due_soon=due_soon,
            overdue=overdue,
            deadline=deadline,
            steps=deadline.steps,
        )


class Pause(models.Model):
    """One interruption of a clock (补正, 征求意见, 收费, 说明理由 ...): the row every domain's pauses
    are made of. `kind` is the domain's own code; `due_on` the date the interruption itself
    lapses (e.g. the 15 working days of a third party); `resume_state` the state the domain's case
    returns to when the pause ends. The clock's count reads these rows (`Clock.pauses()`)."""

    clock = models.ForeignKey(
        Clock, verbose_name=_("计时"), on_delete=models.CASCADE, related_name="pause_records"
    )
    kind = models.CharField(_("暂停类型"), max_length=40)
    started_on = models.DateField(_("暂停日"))
    due_on = models.DateField(_("暂停期限"), null=True, blank=True)
    ended_on = models.DateField(_("结束日"), null=True, blank=True)
    detail = models.CharField(_("说明"), max_length=500, blank=True)
    resume_state = models.CharField(_("结束后恢复的状态"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        constraints = [
            models.UniqueConstraint(
                fields=["clock"], condition=models.Q(ended_on__isnull=True), name="one_open_pause_per_clock"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.started_on.isoformat()}–{self.ended_on.isoformat() if self.ended_on else ''}"
        )


class ClockEvent(models.Model):
    """Something that happened to a clock, on a date; the clock's history and its pauses."""

    class Kind(models.TextChoices):
        START = "start", _("开始计时")
        PAUSE = "pause", _("暂停")
        RESUME = "resume", _("恢复计时")
        RESTART = "restart", _("重新起算")
        EXTEND = "extend", _("延期")
        STOP = "stop", _("停止计时")

    clock = models.ForeignKey(Clock, verbose_name=_("计时"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("计时事件")
        verbose_name_plural = _("计时事件")

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.get_kind_display()}"
