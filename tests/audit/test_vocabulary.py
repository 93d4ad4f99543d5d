"""One audit vocabulary: every code written before it keeps displaying, in Chinese, through its alias;
record_audit writes the new code and refuses one nobody registered."""

from __future__ import annotations

import re

import pytest

from gongkai.audit import vocabulary
from gongkai.audit.actions import record_audit
from gongkai.audit.models import AuditEntry

APPLICATION_VERBS = (
    "submit register accept close request_correction receive_correction assign start_inquiry end_inquiry"
    " extend notify_fee record_payment ask_reasons decide_reasons draft_reply review_reply return_reply"
    " archive supervise propose_disclosure release"
).split()

# Every code the call sites wrote before the vocabulary, and what it is now.
LEGACY = {
    **{f"applications.{verb}": f"applications.application.{verb}" for verb in APPLICATION_VERBS},
    **{
        f"document.{verb}": f"publishing.document.{verb}"
        for verb in "create update attach screen submit approve reject withdraw publish schedule unpublish reopen".split()
    },
    "document.validity": "publishing.document.set_validity",
    **{
        f"interpretation.{verb}": f"publishing.interpretation.{verb}"
        for verb in "create submit approve reject withdraw publish".split()
    },
    "finding.redact": "publishing.finding.redact",
    "finding.accept": "publishing.finding.accept",
    "forbidden_word.add": "publishing.forbidden_word.add",
    "expert.create": "publishing.expert.create",
    "expert.update": "publishing.expert.update",
    "publishing_policy.set": "publishing.policy.set",
    "guide.update": "publishing.guide.update",
    "column.create": "publishing.column.create",
    "topic.create": "publishing.topic.create",
    "agency.create": "agencies.agency.create",
    "agency.update": "agencies.agency.update",
    "staff.create": "agencies.staff.create",
    "staff.set_roles": "agencies.staff.set_roles",
    "workdays.calendar.override": "workdays.calendar.set_override",
    "workdays.calendar.override_remove": "workdays.calendar.remove_override",
}
# Codes that already had the <app>.<noun>.<verb> shape and keep it.
UNCHANGED = [
    "applications.notice.send",
    "applications.appeal.record",
    "applications.appeal.decide",
    "applications.applicant.reveal",
    *(f"workdays.clock.{kind}" for kind in "start pause resume restart extend stop recompute".split()),
    "workdays.calendar.load",
]
CHINESE = re.compile(r"^[\u4e00-\u9fff（）、，：]+$")


@pytest.mark.parametrize(("old", "new"), sorted(LEGACY.items()))
def test_a_legacy_code_is_written_as_its_new_code_and_reads_the_same(old, new):
    assert vocabulary.normalise(old) == new
    assert vocabulary.label_of(old) == vocabulary.label_of(new)
    assert vocabulary.app_of(old) == vocabulary.app_of(new) == new.split(".")[0]


@pytest.mark.parametrize("code", sorted({*LEGACY.values(), *UNCHANGED}))
def test_every_code_has_a_chinese_label(code):
    assert vocabulary.normalise(code) == code
    label = vocabulary.label_of(code)
    assert CHINESE.match(label) and label != vocabulary.FALLBACK_LABEL, label


@pytest.mark.parametrize(
    ("code", "object_type", "label", "app"),
    [
        (
            "admin.add.noticetemplate",
            "applications.noticetemplate",
            "系统管理：新增告知书模板",
            "applications",
        ),
        ("admin.change.staff", "agencies.staff", "系统管理：修改工作人员", "agencies"),
        ("admin.delete.staff", "", "系统管理：删除工作人员", "agencies"),
        ("admin.related.staff", "agencies.staff", "系统管理：修改工作人员的关联记录", "agencies"),
    ],
)
def test_admin_edits_are_named_after_the_model(code, object_type, label, app):
    assert vocabulary.normalise(code) == code
    assert vocabulary.label_of(code, object_type) == label
    assert vocabulary.app_of(code, object_type) == app


@pytest.mark.parametrize("code", ["widget.polish", "admin.change.nosuchmodel", "admin.frobnicate.staff", ""])
def test_an_unknown_code_of_an_old_row_reads_as_other(code):
    assert vocabulary.label_of(code) == "其他操作" and vocabulary.app_of(code) == ""


def test_record_audit_writes_the_new_code(county, li_ming):
    entry = record_audit(actor=li_ming, action="agency.update", target=county.finance)
    assert entry.action == "agencies.agency.update" and entry.action_label == "修改机关信息"


def test_record_audit_refuses_an_unregistered_code(county, li_ming):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError, match=r"unregistered audit event 'publishing\.widget\.polish'"):
        record_audit(actor=li_ming, action="publishing.widget.polish", target=county.finance)
    assert AuditEntry.objects.count() == before
