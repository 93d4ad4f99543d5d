"""Watch plans (监测方案): named groups of terms or a free expression (grammar in planquery.py), and the
posts each enabled plan matched."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WatchPlan(models.Model):
    owner = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="opinion_watch_plans",
        help_text=_("由该单位的舆情员维护；其上级主管单位也可查看。"),
    )
    name = models.CharField(_("方案名称"), max_length=100)
    region = models.TextField(
        _("地域词"), blank=True, help_text=_("如：示范县 城关镇。多个词用空格、逗号或顿号分开。")
    )
    subject = models.TextField(_("主体词"), blank=True, help_text=_("如：学校 幼儿园 医院。"))
    event = models.TextField(_("事件词"), blank=True, help_text=_("如：食物中毒 食品安全 变质。"))
    exclude = models.TextField(
        _("排除词"), blank=True, help_text=_("含有这些词的信息不计入，如：广告 招聘。")
    )
    expression = models.TextField(
        _("高级表达式"),
        blank=True,
        help_text=_(
            "留空则按“（地域 AND 主体 AND 事件）NOT 排除”组合。可用 AND、OR、NOT、括号、NEAR/n"
            '（两词相距不超过 n 个字）、"短语"、title:(…) 只查标题、body:(…) 只查正文，'
            "用 {地域}、{主体}、{事件}、{排除} 引用上面的词组。"
        ),
    )
    enabled = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now)

    class Meta:
        verbose_name = _("监测方案")
        verbose_name_plural = _("监测方案")
        ordering = ["owner", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="opinion_watchplan_owner_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def groups(self) -> dict[str, str]:
        return {"region": self.region, "subject": self.subject, "event": self.event, "exclude": self.exclude}


class PlanMatch(models.Model):
    """A post an enabled plan matched; `published_at` is the post's, copied for the per-plan lists."""

    plan = models.ForeignKey(
        WatchPlan, verbose_name=_("监测方案"), on_delete=models.CASCADE, related_name="matches"
    )
    post = models.ForeignKey(
        "opinion.Post", verbose_name=_("舆情信息"), on_delete=models.CASCADE, related_name="plan_matches"
    )
    published_at = models.DateTimeField(_("发布时间"))

    class Meta:
        verbose_name = _("方案命中")
        verbose_name_plural = _("方案命中")
        constraints = [models.UniqueConstraint(fields=["plan", "post"], name="opinion_planmatch_unique")]
        indexes = [models.Index(fields=["plan", "-published_at"], name="opinion_planmatch_recent")]

    def __str__(self) -> str:
        return f"{self.plan_id}:{self.post_id}"
