"""Registrations of the oversight part `bulletins` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES

AUDIT_EVENTS = {
    "oversight.bulletin.create": _("起草通报"),
    "oversight.bulletin.update": _("修改通报"),
    "oversight.bulletin.submit": _("提交通报审核"),
    "oversight.bulletin.approve": _("审核通过通报"),
    "oversight.bulletin.return": _("退回通报修改"),
    "oversight.bulletin.publish": _("发布通报"),
    "oversight.bulletin_entry.add": _("添加通报事项"),
    "oversight.bulletin_entry.remove": _("删除通报事项"),
    "oversight.rectification.open": _("下达整改任务"),
    "oversight.rectification.record": _("报送整改情况"),
    "oversight.rectification.accept": _("整改情况审核通过"),
    "oversight.rectification.return": _("退回整改情况"),
    "oversight.supervisor.register": _("聘请特邀监督员"),
    "oversight.feedback_link.issue": _("发放特邀监督员评议链接"),
    "oversight.feedback.receive": _("收到特邀监督员意见"),
    "oversight.feedback.answer": _("答复特邀监督员意见"),
}


def register() -> None:
    from .bulletins_queries import feedback_records_url, metric_feedback_received, todo_items
    from .bulletins_workflow import BULLETINS
    from .models import Bulletin, BulletinEntry, Rectification

    registry.register_menu(
        "workbench",
        "oversight_bulletins",
        _("通报整改"),
        "oversight_staff:bulletins",
        order=94,
        roles=STAFF_ROLES,
        group="oversight",
    )
    registry.register_menu(
        "portal", "oversight_bulletins", _("通报"), "oversight:bulletins", order=78, group="disclosure"
    )
    registry.register_workflow(BULLETINS)
    registry.register_audit_events("oversight", AUDIT_EVENTS)
    registry.register_todo(todo_items)
    registry.register_public_models(Bulletin, when=lambda b: b.state == "published")
    registry.register_public_models(BulletinEntry, when=lambda e: e.bulletin.state == "published")
    registry.register_public_models(Rectification)
    registry.register_metric(
        "oversight.feedback.received",
        _("特邀监督员意见数"),
        metric_feedback_received,
        records=feedback_records_url,
    )
