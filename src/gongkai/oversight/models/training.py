"""培训 (E4): a `TrainingSession` and its sign-in sheet (`Attendance`).

Rotation: every staff member with a role in disclosure work should have attended a session within
the last GONGKAI_TRAINING_ROTATION_MONTHS months (a new member counts from joining);
training_queries.lapses() lists those who have not.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["TrainingSession", "Attendance"]


class TrainingSession(models.Model):
    class Kind(models.TextChoices):
        CENTRAL = "central", _("集中培训")
        ROTATION = "rotation", _("轮训")
        ONLINE = "online", _("网络培训")

    title = models.CharField(_("培训主题"), max_length=200)
    held_on = models.DateField(_("培训日期"), db_index=True)
    organiser = models.ForeignKey(
        "agencies.Agency", verbose_name=_("主办机关"), on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    kind = models.CharField(_("形式"), max_length=10, choices=Kind.choices)
    materials = models.TextField(_("培训材料"), blank=True)
    agencies = models.ManyToManyField("agencies.Agency", verbose_name=_("参训单位"), related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = _("培训")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("工作人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_attendances",
    )
    external_name = models.CharField(_("姓名（非系统用户）"), max_length=50, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(_("出席"), default=True)
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("签到")
        verbose_name_plural = _("签到")
        ordering = ["session", "agency", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "staff"], condition=models.Q(staff__isnull=False), name="attendance_once"
            ),
            models.UniqueConstraint(
                fields=["session", "agency", "external_name"],
                condition=models.Q(staff__isnull=True),
                name="attendance_external_once",
            ),
        ]

    def __str__(self) -> str:
        return self.external_name or str(self.staff)

    @property
    def name(self) -> str:
        return self.external_name or str(self.staff)
