"""Staff see only their agency's consultations (a supervisor: the subtree); the outsider gets 404.
Key list pages keep a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.consultation import actions

from .conftest import comment, opened


@pytest.fixture
def cases(consultation, li_ming, wang_fang):
    for n in range(3):
        comment(consultation, f"第{n}条不同的意见内容。", key=f"k{n}", paragraph=3)
    c = comment(consultation, "一条供审核的意见内容。", key="m")
    return {"consultation": consultation, "comment": c}


def staff_urls(cases):
    c, m = cases["consultation"].pk, cases["comment"].pk
    return [
        ("get", f"/workbench/consultations/{c}/"),
        ("get", f"/workbench/consultations/{c}/edit/"),
        ("get", f"/workbench/consultations/{c}/offline/"),
        ("get", f"/workbench/consultations/{c}/act/close/"),
        ("post", f"/workbench/consultations/comments/{m}/moderate/"),
    ]


def test_the_outsider_gets_404_everywhere(client, cases, chen_jing):
    client.force_login(chen_jing)
    for method, url in staff_urls(cases):
        response = getattr(client, method)(url, {"decision": "approve"} if method == "post" else None)
        assert response.status_code == 404, url
    assert cases["consultation"].title not in client.get("/workbench/consultations/").content.decode()
    assert "供审核的意见" not in client.get("/workbench/consultations/moderation/").content.decode()
    cases["comment"].refresh_from_db()
    assert cases["comment"].moderation == "pending"


def test_another_department_sees_nothing_the_supervisor_sees_all(client, cases, county, zhao_qiang):
    from gongkai.agencies.models import Role
    from tests.conftest import _person

    client.force_login(_person("hclerk", "住建局办事员", county.housing, Role.CLERK, Role.REVIEWER))
    assert client.get(f"/workbench/consultations/{cases['consultation'].pk}/").status_code == 404
    client.force_login(zhao_qiang)
    assert client.get(f"/workbench/consultations/{cases['consultation'].pk}/").status_code == 200
    assert cases["consultation"].title in client.get("/workbench/consultations/").content.decode()


def test_moderation_queue_approves_and_returns(client, cases, wang_fang):
    client.force_login(wang_fang)
    page = client.get("/workbench/consultations/moderation/").content.decode()
    assert "一条供审核的意见内容" in page
    response = client.post(
        f"/workbench/consultations/comments/{cases['comment'].pk}/moderate/",
        {"decision": "hide", "reason": "", "next": "/workbench/consultations/moderation/"},
    )
    assert response["Location"] == "/workbench/consultations/moderation/"
    cases["comment"].refresh_from_db()
    assert cases["comment"].moderation == "pending"  # a hide without a reason changes nothing
    client.post(f"/workbench/consultations/comments/{cases['comment'].pk}/moderate/", {"decision": "approve"})
    cases["comment"].refresh_from_db()
    assert cases["comment"].moderation == "approved"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_rows(client, li_ming, wang_fang, settings):
    settings.GONGKAI_PAGECACHE = False
    first = opened(li_ming, wang_fang)
    actions.approve_comment(wang_fang, comment(first, key="a", paragraph=3))
    comment(first, "一条待审核的意见。", key="w")
    client.force_login(wang_fang)
    urls = ["/workbench/consultations/", "/workbench/consultations/moderation/"]
    public = ["/consultations/", f"/consultations/{first.pk}/", "/consultations/decisions/"]
    before = {u: _count(client, u) for u in urls}
    client.logout()
    before |= {u: _count(client, u) for u in public}
    for n in range(4):
        c = opened(li_ming, wang_fang, title=f"第{n}份草案")
        for k in range(3):
            actions.approve_comment(
                wang_fang, comment(c, f"意见内容第{k}条。", key=f"{n}-{k}", paragraph=3 + k)
            )
            comment(first, f"更多的意见第{n}{k}条。", key=f"f{n}-{k}", paragraph=3 + k)
        actions.approve_comment(wang_fang, comment(first, f"公开的意见{n}。", key=f"p{n}", paragraph=4))
    after = {u: _count(client, u) for u in public}
    client.force_login(wang_fang)
    after |= {u: _count(client, u) for u in urls}
    assert after == before
