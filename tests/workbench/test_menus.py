"""The shells build their navigation from the menu entries the apps register."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import gongkai

CLERK_MENU = [  # in the order of the page: the top row, a group's entries where the group stands
    ("/workbench/", "待办"),
    ("/workbench/applications/", "依申请公开"),
    ("/workbench/publishing/", "主动公开"),
    ("/workbench/messages/", "留言办理"),  # 政民互动 ▾
    ("/workbench/messages/hotline/", "热线登记"),
    ("/workbench/consultations/", "征求意见"),
    ("/workbench/interviews/", "在线访谈"),
    ("/workbench/surveys/", "网上调查"),
    ("/workbench/press/", "新闻发布"),  # 发布解读 ▾
    ("/workbench/new-media/", "政务新媒体"),
    ("/workbench/plans/", "工作要点"),
    ("/workbench/data/datasets/", "数据开放"),  # 数据与服务 ▾
    ("/workbench/data/access/", "数据开放服务"),
    ("/workbench/services/", "办事服务"),
    ("/workbench/oversight/reports/", "年度报告"),  # 监督考评 ▾ (考核评议: supervisors)
    ("/workbench/oversight/inspections/", "网站检查"),
    ("/workbench/oversight/bulletins/", "通报整改"),
    ("/workbench/oversight/trainings/", "业务培训"),
    ("/workbench/agencies/", "机关"),  # 管理 ▾
    ("/workbench/workdays/", "期限计算"),
    ("/", "门户网站"),
]
WORKBENCH_GROUPS = [
    "政民互动",
    "发布解读",
    "数据与服务",
    "监督考评",
    "管理",
]  # a clerk's (舆情: analysts, supervisors)
PORTAL_MENU = [  # in the order of the page: the top row, a group's entries where the group stands
    ("/", "首页"),
    ("/openness/", "政府信息公开"),  # 政务公开 ▾
    ("/openness/guide/", "公开指南"),
    ("/applications/apply/", "依申请公开"),
    ("/catalog/", "公开目录"),
    ("/plans/", "工作要点"),
    ("/oversight/reports/", "政府信息公开年报"),
    ("/oversight/scorecards/", "考核评议结果"),
    ("/oversight/bulletins/", "通报"),
    ("/messages/", "互动交流"),  # 政民互动 ▾
    ("/interviews/", "在线访谈"),
    ("/surveys/", "网上调查"),
    ("/consultations/", "征求意见"),
    ("/messages/scorecards/", "留言办理情况"),
    ("/press/", "新闻发布"),  # 解读回应 ▾
    ("/interpretations/", "政策解读"),
    ("/new-media/", "政务新媒体"),
    ("/services/", "办事服务"),
    ("/data/", "数据开放"),
    ("/workbench/", "工作人员入口"),
]
PORTAL_GROUPS = ["政务公开", "政民互动", "解读回应"]


def groups(page: str) -> list[tuple[str, bool]]:
    block = re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)
    return [
        (label, bool(current))
        for current, label in re.findall(r'<summary( class="current")?>([^<]*)</summary>', block)
    ]


def nav(page: str) -> list[tuple[str, str, bool]]:
    block = re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)
    links = re.findall(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>', block)
    return [(href, label, bool(current)) for href, current, label in links]


def test_a_clerk_sees_every_entry_but_the_audit_log(client, li_ming):
    client.force_login(li_ming)
    page = client.get(reverse("workbench:home")).content.decode()
    links = nav(page)
    assert [(href, label) for href, label, _ in links] == CLERK_MENU
    assert [label for _, label, current in links if current] == ["待办"]
    assert [label for label, _ in groups(page)] == WORKBENCH_GROUPS


def test_a_signer_also_sees_the_audit_log(client, zhang_wei):
    client.force_login(zhang_wei)
    links = [(href, label) for href, label, _ in nav(client.get(reverse("workbench:home")).content.decode())]
    # hotline entry: clerks, responders, supervisors; interviews and surveys: not signers
    not_signers = {"热线登记", "在线访谈", "网上调查"}
    expected = [e for e in CLERK_MENU[:-1] if e[1] not in not_signers]
    assert links == [*expected, ("/workbench/audit/", "审计日志"), *CLERK_MENU[-1:]]  # 管理 ▾ … 审计日志


def test_token_issuers_also_see_the_api_tokens(client, county, zhao_qiang, li_ming):
    """接口令牌: system administrators and supervisors (who issue them) only."""
    client.force_login(zhao_qiang)
    links = [(href, label) for href, label, _ in nav(client.get(reverse("workbench:home")).content.decode())]
    assert ("/workbench/api/", "接口令牌") in links
    assert links.index(("/workbench/api/", "接口令牌")) == len(links) - 2  # last of 管理 ▾, before 门户网站
    client.force_login(li_ming)
    assert "/workbench/api/" not in client.get(reverse("workbench:home")).content.decode()


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("agencies:list", "机关"),
        ("applications_staff:list", "依申请公开"),
        ("publishing:drafts", "主动公开"),
        ("interaction_staff:home", "留言办理"),
        ("workdays:calculator", "期限计算"),
        ("audit:log", "审计日志"),
    ],
)
def test_the_page_of_each_entry_marks_it_current(client, zhang_wei, url_name, current):
    client.force_login(zhang_wei)
    links = nav(client.get(reverse(url_name)).content.decode())
    assert [label for _, label, is_current in links if is_current] == [current]


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("portal:home", ["首页"]),
        ("portal:agencies", ["政府信息公开"]),
        ("applications:apply", ["依申请公开"]),
        ("publishing:catalog", ["公开目录"]),
        ("publishing:interpretations", ["政策解读"]),
        ("message_scorecards:index", ["留言办理情况"]),
        ("portal:accessibility", []),
    ],
)
def test_the_portal_menu(client, county, url_name, current):
    page = client.get(reverse(url_name)).content.decode()
    links = nav(page)
    assert [(href, label) for href, label, _ in links] == PORTAL_MENU
    assert [label for _, label, is_current in links if is_current] == current
    assert 'method="get" action="/search/"' in page


@pytest.mark.parametrize(
    ("url_name", "current_group"),
    [
        ("portal:home", []),
        ("publishing:catalog", ["政务公开"]),
        ("message_scorecards:index", ["政民互动"]),
        ("publishing:interpretations", ["解读回应"]),
    ],
)
def test_the_portal_groups_its_entries_and_marks_the_group_of_the_page(
    client, county, url_name, current_group
):
    found = groups(client.get(reverse(url_name)).content.decode())
    assert [label for label, _ in found] == PORTAL_GROUPS
    assert [label for label, is_current in found if is_current] == current_group


def test_a_group_of_one_visible_entry_shows_the_entry_and_an_empty_group_nothing():
    from gongkai.common import registry

    with registry.restoring():
        registry.register_menu_group("portal", "solo", "单项组", order=11)
        registry.register_menu_group("portal", "empty", "空组", order=12)
        registry.register_menu("portal", "solo_entry", "唯一入口", "portal:home", order=11, group="solo")
        tree = registry.menu_tree("portal")
    labels = [item.label for item in tree]
    assert "唯一入口" in labels and "单项组" not in labels and "空组" not in labels


def test_the_shells_name_no_domain():
    templates = Path(gongkai.__file__).parent
    for shell in ("workbench/templates/workbench/base.html", "portal/templates/portal/base.html"):
        text = (templates / shell).read_text()
        named = set(re.findall(r"{% url '([a-z_]+):", text))
        assert named <= {"workbench", "portal"}, f"{shell} names {named}"
        assert "extra_nav" not in text


def test_analysts_and_responders_see_opinion_handling(client, county, liu_yang):
    from tests.opinion.handling_helpers import analyst

    for person in (analyst(county.office), liu_yang):
        client.force_login(person)
        links = nav(client.get(reverse("workbench:home")).content.decode())
        assert ("/workbench/opinion/handling/", "舆情处置", False) in links
