"""The adoption report's registrations, called from `ConsultationConfig.ready()`."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from gongkai.common import registry

    from .models import CommentGroup
    from .queries import RECORDS
    from .report_audit_events import AUDIT_EVENTS
    from .report_queries import reported_late

    registry.register_audit_events("consultation", AUDIT_EVENTS)
    # A group's title and disposition appear in a published report.
    registry.register_public_models(CommentGroup)
    registry.register_document_panel(
        "consultation_report",
        template="consultation/report/document_panel.html",
        context=_document_panel,
        order=20,
    )
    registry.register_metric(
        "consultation.consultations.reported_late",
        _("逾期公布（或未公布）意见采纳情况的征求意见数"),
        reported_late,
        records=RECORDS["consultation.consultations.reported_late"],
    )


def _document_panel(request, document):
    from .report_views import document_panel

    return document_panel(request, document)
