"""How close a due date is: one enum that business rules test, and that templates turn into a class."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    OVERDUE = "overdue", _("已超期")
    DUE_SOON = "due_soon", _("即将到期")
    NORMAL = "normal", ""  # not gettext: gettext("") is the catalogue header

    @property
    def css(self) -> str:
        """The row class of the list pages (site.css colours `overdue` and `due-soon` rows)."""
        return {"overdue": "overdue", "due_soon": "due-soon"}.get(self.value, "")


def urgency_of(due: date | None, today: date, soon_by: date) -> Urgency:
    """OVERDUE after `due`, DUE_SOON from `soon_by` on (inclusive), otherwise — or without a due date — NORMAL."""
    if due is None:
        return Urgency.NORMAL
    if due < today:
        return Urgency.OVERDUE
    return Urgency.DUE_SOON if due <= soon_by else Urgency.NORMAL
