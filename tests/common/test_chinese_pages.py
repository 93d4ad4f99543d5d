"""What staff and citizens read is Chinese and honest: titles, selects, errors, footer, 待办."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.common import registry
from gongkai.common.templatetags.zh_text import zh_join
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency
from gongkai.portal.actions import update_site
from gongkai.portal.models import Site

pytestmark = pytest.mark.django_db


def test_the_login_page_is_titled_with_the_site_not_the_host(client, settings):
    page = client.get(reverse("workbench:login"), HTTP_HOST="127.0.0.1:8000").content.decode()
    assert f"<title>工作人员登录 - {settings.GONGKAI_SITE_NAME}政务公开工作台</title>" in page
    assert "127.0.0.1" not in page.split("</title>")[0]


def test_every_select_offers_请选择_not_dashes(county):
    class Pick(forms.Form):
        agency = forms.ModelChoiceField(Agency.objects.all(), required=False)
        level = forms.ChoiceField(choices=[("", "---------"), ("county", "县级")], required=False)

    html = str(Pick())
    assert html.count(">请选择</option>") == 2 and "---------" not in html


class Contact(forms.Form):
    email = forms.EmailField(label="电子邮箱")


def test_an_invalid_email_is_one_chinese_sentence():
    form = Contact({"email": "zhangsan@"})
    html = render_to_string("gongkai/form_fields.html", {"form": form})
    assert "请填写有效的电子邮箱地址" in html and "Email" not in html and "。；" not in html


def test_several_errors_are_joined_without_doubled_punctuation():
    assert zh_join(["请输入一个有效的日期。", "此项必须填写"]) == "请输入一个有效的日期；此项必须填写"


def test_the_footer_shows_only_the_records_that_are_configured(client, db):
    page = client.get(reverse("portal:home")).content.decode()
    assert "部署时配置" not in page and "ICP" not in page and "公安机关备案号" not in page
    update_site(None, Site.objects.get(is_default=True), icp="示ICP备20260001号")
    page = client.get(reverse("portal:home")).content.decode()
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备20260001号</a>' in page


@pytest.fixture
def two_overdue_cases(county):
    """An overdue item of the county office and one of the finance bureau, through the registry."""

    def provider(user):
        return [
            TodoItem("本机关的事项", "/workbench/", county.office.display_name, "办理中",
                     dt.date(2026, 3, 2), urgency=Urgency.OVERDUE),
            TodoItem("下级机关的事项", "/workbench/", county.finance.display_name, "办理中",
                     dt.date(2026, 3, 3), urgency=Urgency.DUE_SOON),
        ]  # fmt: skip

    registry.register_todo(provider)
    yield
    registry.unregister_todo(provider)


def test_overdue_is_said_in_words_and_a_supervisor_watches_others_separately(
    client, zhao_qiang, two_overdue_cases
):
    client.force_login(zhao_qiang)
    response = client.get(reverse("workbench:home"))
    page = response.content.decode()
    mine, watched = page.split('id="watched-title"')
    assert "本机关的事项" in mine and '<span class="badge badge-overdue">已超期</span>' in mine
    assert "下级机关的事项" in watched and '<span class="badge badge-due-soon">即将到期</span>' in watched
    assert "下级机关的事项" not in mine


def test_a_clerk_has_no_supervisors_section(client, li_ming, two_overdue_cases):
    from django.utils import timezone

    from gongkai.oversight.models import AnnualReport

    # last year's annual report is published, so the one overdue item is the application
    AnnualReport.objects.create(agency=li_ming.agency, year=timezone.localdate().year - 1, state="published")
    client.force_login(li_ming)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "需要督促的" not in page and page.count("已超期</span>") == 1


@pytest.mark.parametrize(
    "person", ["li_ming", "wang_fang", "zhang_wei", "sun_li", "liu_yang", "zhao_qiang", "chen_jing"]
)
def test_every_menu_entry_a_role_sees_opens_for_it(client, request, person):
    """A menu shows only what the role may use: no entry leads to 无权访问."""
    client.force_login(request.getfixturevalue(person))
    response = client.get(reverse("workbench:home"))
    top_row = response.context["menus"].workbench  # entries, and groups holding entries
    entries = [entry for item in top_row for entry in (getattr(item, "entries", ()) or (item,))]
    assert entries
    for entry in entries:
        assert client.get(entry.url).status_code == 200, (person, entry.label)
