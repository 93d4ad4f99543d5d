"""Every staff URL, with how to build an object of 县财政局 for it, for the scoping test.

Each entry maps a URL name to a function `(county, people) -> (kwargs, marker)`: `kwargs` reverse the
URL to a page about something of 县财政局 (empty for list pages); `marker` is a text that appears on
the page only when that thing is shown (None when the page has nothing agency-specific yet).
A new staff URL must be added here; the test fails for any staff URL that is missing.
"""

from __future__ import annotations

STAFF_URLS = {
    "workbench:home": lambda county, people: ({}, None),
    "workbench:two_factor": lambda county, people: ({}, None),
    "agencies:list": lambda county, people: ({}, "示范县财政局"),
    "agencies:detail": lambda county, people: ({"pk": county.finance.pk}, "示范县财政局"),
    "audit:log": lambda county, people: ({}, "示范县财政局"),
    # 依申请公开: pages about an accepted application of 县财政局, shown by its receipt code.
    "applications_staff:list": lambda county, people: ({}, _finance_application(county, people).receipt_code),
    "applications_staff:register": lambda county, people: ({}, None),
    "applications_staff:report": lambda county, people: ({}, None),
    "applications_staff:detail": lambda county, people: _finance_case(county, people),
    "applications_staff:act": lambda county, people: _finance_case(county, people, action="assign"),
    "applications_staff:reveal": lambda county, people: _finance_case(county, people),
    "applications_staff:notice": lambda county, people: _finance_notice(county, people),
    "applications_staff:notice_download": lambda county, people: _finance_notice(county, people, sent=True),
    "applications_staff:release_download": lambda county, people: _finance_release(county, people),
    "workdays:calculator": lambda county, people: ({}, None),
    # 主动公开: lists show a draft of 县财政局 by its title; detail pages are about that draft.
    "publishing:drafts": lambda county, people: ({}, _finance_draft(people).title),
    "publishing:waiting": lambda county, people: ({}, None),
    "publishing:ready": lambda county, people: ({}, None),
    "publishing:scheduled": lambda county, people: ({}, None),
    "publishing:published": lambda county, people: ({}, None),
    "publishing:late": lambda county, people: ({}, _finance_draft(people, late=True).title),
    "publishing:create": lambda county, people: ({}, None),
    "publishing:import": lambda county, people: ({}, None),
    "publishing:guide_edit": lambda county, people: ({}, None),
    "publishing:interpretation_create": lambda county, people: ({}, None),
    "publishing:detail": lambda county, people: ({"pk": _finance_draft(people).pk}, "财政预算公开测试稿"),
    "publishing:act": lambda county, people: (
        {"pk": _finance_draft(people).pk, "action": "submit"},
        "财政预算公开测试稿",
    ),
    "publishing:edit": lambda county, people: ({"pk": _finance_draft(people).pk}, "财政预算公开测试稿"),
    "publishing:diff": lambda county, people: ({"pk": _finance_draft(people).pk}, "财政预算公开测试稿"),
    # The reveal page of a finding (a mobile number) in a draft of 县财政局: it names the draft.
    "publishing:finding_reveal": lambda county, people: ({"pk": _finance_finding(people).pk}, "财政预算公开测试稿"),
    # 解读专家: the list shows an expert of 县财政局 by name; the edit page is about that expert.
    "publishing:experts": lambda county, people: ({}, _finance_expert(people).name),
    "publishing:expert_create": lambda county, people: ({}, None),
    "publishing:expert_edit": lambda county, people: ({"pk": _finance_expert(people).pk}, "财政专家测试员"),
    "publishing:interpretation_detail": lambda county, people: (
        {"pk": _finance_interpretation(people).pk},
        "财政预算公开解读测试稿",
    ),
    "publishing:interpretation_act": lambda county, people: (
        {"pk": _finance_interpretation(people).pk, "action": "submit"},
        "财政预算公开解读测试稿",
    ),
}


def _finance_draft(people, *, late: bool = False):
    from datetime import date

    from gongkai.publishing.actions import create_document

    return create_document(
        people["owner"],
        title="财政预算公开测试稿" + ("（超期）" if late else ""),
        made_on=date(2020, 1, 6) if late else None,
    )


def _finance_finding(people):
    from gongkai.publishing.actions import create_document

    doc = create_document(people["owner"], title="财政预算公开测试稿", body="<p>联系电话13812345678</p>")
    return doc.findings.get()


def _finance_interpretation(people):
    from gongkai.publishing.actions import create_interpretation

    return create_interpretation(
        people["owner"], title="财政预算公开解读测试稿", documents=[_finance_draft(people)]
    )


def _finance_expert(people):
    from gongkai.publishing.actions import create_expert

    return create_expert(people["owner"], name="财政专家测试员", field="财政预算")


# Public or authentication pages: reachable without a staff scope.
# The login steps: the second one and enrolment serve a user who has given only the password.
OPEN_URLS = {"workbench:login", "workbench:login_code", "workbench:two_factor_enrol", "workbench:logout"}


def _finance_application(county, people):
    from tests.applications.helpers import finance_application

    return finance_application(county, people)


def _finance_case(county, people, **extra):
    app = _finance_application(county, people)
    return {"pk": app.pk, **extra}, app.receipt_code


def _finance_notice(county, people, *, sent: bool = False):
    from tests.applications.helpers import finance_notice

    notice = finance_notice(county, people, sent=sent)
    return {"pk": notice.pk}, None if sent else notice.application.receipt_code


def _finance_release(county, people):
    from tests.applications.helpers import finance_release

    return {"pk": finance_release(county, people).pk}, None
