"""Notice templates (告知书模板): the agency's own, else the installation's, else the shipped file."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.applications import actions, notices
from gongkai.applications.models import NoticeKind, NoticeTemplate
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import register
from tests.conftest import PASSWORD

D = date

pytestmark = pytest.mark.usefixtures("far_today")


def _acceptance(actor, agency):
    app = register(actor, agency, on=D(2026, 3, 2))
    return app.notices.get(kind=NoticeKind.ACCEPTANCE)


# --- the check the admin form runs (no database) -----------------------------------------


@pytest.mark.parametrize("kind", NoticeKind.values)
def test_the_shipped_files_pass_the_check(kind):
    assert notices.template_problem(kind, notices.shipped_text(kind)) is None


@pytest.mark.parametrize(
    ("kind", "body", "problem"),
    [
        (NoticeKind.ACCEPTANCE, "{{ applicant_name }}：{% if due %}期限{{ due }}", "模板语法错误"),
        (NoticeKind.ACCEPTANCE, "{{ applicant_name }}：{% frobnicate %}", "模板语法错误"),
        (NoticeKind.ACCEPTANCE, "{{ applicant_name }}：请于{{ deadline }}前", "{{ deadline }}"),
        (NoticeKind.REASONS, "{{ applicant_name }}：期限{{ due }}", "{{ due }}"),  # not a REASONS placeholder
        (NoticeKind.FEE, "{{ applicant_name|default:'申请人' }}：{{ lines|join:'；' }}", None),
        (
            NoticeKind.ACCEPTANCE,
            '{{ agency }}{% include "applications/notices/none.txt" %}',
            "无法用示例数据生成正文",
        ),
        (NoticeKind.ACCEPTANCE, '  {% if app.doc_number == "无" %}{{ agency }}{% endif %}  ', "正文为空"),
        (NoticeKind.CORRECTION, "{% for item in items %}{{ item }}{% endfor %}，{{ due }}前", None),
    ],
)
def test_template_problem(kind, body, problem):
    found = notices.template_problem(kind, body)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


# --- drafting --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_templates_the_shipped_file_is_used(county, li_ming):
    notice = _acceptance(li_ming, county.finance)
    assert notice.title == "受理回执" and "本机关已收到" in notice.text


@pytest.mark.django_db
def test_installation_and_agency_templates(county, li_ming, zhao_qiang):
    NoticeTemplate.objects.create(
        kind=NoticeKind.ACCEPTANCE,
        title="受理告知书",
        body="{{ applicant_name }}：全县统一受理文字，查询码{{ app.receipt_code }}。",
    )
    housing = _acceptance(zhao_qiang, county.housing)
    assert housing.title == "受理告知书" and "全县统一受理文字" in housing.text
    assert housing.application.receipt_code in housing.text and housing.text.startswith("张三：")

    NoticeTemplate.objects.create(
        agency=county.finance,
        kind=NoticeKind.ACCEPTANCE,
        title="财政局受理回执",
        body="{{ applicant_name }}：财政局自己的受理文字，期限{{ due }}。",
    )
    finance = _acceptance(li_ming, county.finance)
    assert finance.title == "财政局受理回执" and "财政局自己的受理文字" in finance.text
    assert (
        "全县统一受理文字" in _acceptance(zhao_qiang, county.housing).text
    )  # another agency keeps the default

    # staff still edit before sending; the .docx holds the sent text under the template's title
    sent = actions.send_notice(li_ming, finance, text=finance.text + "\n另：请携带身份证件。")
    word = notices.docx_text(sent.file.read())
    assert "财政局受理回执" in word and "财政局自己的受理文字" in word and "请携带身份证件" in word


@pytest.mark.django_db
def test_other_kinds_keep_the_shipped_file(county, li_ming):
    NoticeTemplate.objects.create(
        kind=NoticeKind.EXTENSION, title="延期", body="{{ applicant_name }}：延期{{ days }}日。"
    )
    assert "本机关已收到" in _acceptance(li_ming, county.finance).text


# --- the admin -------------------------------------------------------------------------------


def _sysadmin(county):
    return create_staff(
        None,
        username="root",
        password=PASSWORD,
        agency=county.government,
        full_name="管理员",
        roles=[Role.SYSADMIN],
        is_superuser=True,
    )


URL = "/admin/applications/noticetemplate/"


@pytest.mark.django_db
def test_admin_saves_and_audits(client, county, li_ming):
    admin = _sysadmin(county)
    client.force_login(admin)
    page = client.get(URL + "add/?kind=fee").content.decode()
    assert "告知书模板" in page and "收费通知书" in page and "how_to_pay" in page  # placeholders listed
    assert "缴费方式：{{ how_to_pay }}" in page  # the shipped text as a starting point
    body = "{{ applicant_name }}：本局依法收取信息处理费。\n{% for line in lines %}{{ line }}\n{% endfor %}{{ due }}前缴纳。"
    response = client.post(
        URL + "add/", {"kind": "fee", "agency": county.finance.pk, "title": "收费通知书", "body": body}
    )
    assert response.status_code == 302
    template = NoticeTemplate.objects.get()
    assert template.agency == county.finance and template.updated_by == admin
    entry = AuditEntry.objects.get(action="applications.notice_template.create")
    assert entry.object_id == str(template.pk) and entry.agency_id == county.finance.pk

    response = client.post(
        URL + f"{template.pk}/change/",
        {"kind": "fee", "agency": county.finance.pk, "title": "收费通知书", "body": body + "\n特此通知。"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="applications.notice_template.update").count() == 1
    assert "特此通知" in NoticeTemplate.objects.get().body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ applicant_name }}：{% if due %}未闭合", "模板语法错误"),
        ("{{ applicant_name }}：请于{{ deadline }}前", "模板使用了本文书没有的占位符：{{ deadline }}"),
    ],
)
def test_admin_refuses_a_broken_template(client, county, body, message):
    client.force_login(_sysadmin(county))
    response = client.post(
        URL + "add/", {"kind": "acceptance", "agency": "", "title": "受理回执", "body": body}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert (
        not NoticeTemplate.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="applications.notice_template.").exists()
    )


@pytest.mark.django_db
def test_admin_refuses_a_second_default(client, county):
    client.force_login(_sysadmin(county))
    NoticeTemplate.objects.create(
        kind=NoticeKind.REASONS, title="说明理由", body="{{ applicant_name }}：请说明理由。"
    )
    response = client.post(
        URL + "add/", {"kind": "reasons", "agency": "", "title": "再来", "body": "{{ agency }}"}
    )
    assert response.status_code == 200 and "已有全系统默认模板" in response.content.decode()
    assert NoticeTemplate.objects.count() == 1


@pytest.mark.django_db
def test_only_system_administrators(client, county, li_ming):
    li_ming.is_staff = True
    li_ming.save()
    client.force_login(li_ming)
    assert client.get(URL).status_code in (302, 403)


# --- the actions the admin calls ---------------------------------------------------------------


@pytest.mark.django_db
def test_template_actions_check_and_audit(county, li_ming):
    body = "{{ applicant_name }}：请说明理由。"
    with pytest.raises(ActionRefused, match="只有系统管理员可以设置告知书模板"):
        actions.create_notice_template(li_ming, kind=NoticeKind.REASONS, title="说明理由", body=body)
    template = actions.create_notice_template(None, kind=NoticeKind.REASONS, title="说明理由", body=body)
    with pytest.raises(ActionRefused, match="模板使用了本文书没有的占位符：{{ due }}"):
        actions.update_notice_template(None, template, body=body + "{{ due }}")
    with pytest.raises(ActionRefused, match="这类文书已有全系统默认模板"):
        actions.create_notice_template(None, kind=NoticeKind.REASONS, title="再来", body=body)
    actions.update_notice_template(None, template, title="说明理由告知书")
    entry = AuditEntry.objects.get(action="applications.notice_template.update")
    assert entry.before["title"] == "说明理由" and entry.after["title"] == "说明理由告知书"
    actions.delete_notice_template(None, template)
    assert not NoticeTemplate.objects.exists()
    assert AuditEntry.objects.get(action="applications.notice_template.delete").before["body"] == body
