"""What the audit admin needs to speak Chinese: a labelled column and a filter by app."""

from django.contrib.admin.utils import label_for_field
from django.test import RequestFactory

from gongkai.audit.admin_filters import AppFilter
from gongkai.audit.models import AuditEntry
from gongkai.publishing.actions import create_document


def test_the_label_column_is_titled_in_chinese():
    assert label_for_field("action_label", AuditEntry) == "操作"


def test_the_app_filter_lists_apps_and_selects_their_rows(county, li_ming):
    create_document(li_ming, title="关于预算公开的通知")
    request = RequestFactory().get("/", {"app": "publishing"})
    chosen = AppFilter(request, {"app": ["publishing"]}, AuditEntry, None)
    assert ("publishing", "主动公开") in chosen.lookup_choices
    rows = chosen.queryset(request, AuditEntry.objects.all())
    assert [e.action_label for e in rows] == ["新建政府信息"]
    everything = AppFilter(request, {}, AuditEntry, None).queryset(request, AuditEntry.objects.all())
    assert everything.count() == AuditEntry.objects.count()
