"""Routing suggestions on the dispatch page: keywords first, then the agencies of similar answered messages."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.interaction import routing
from gongkai.interaction.actions.letters import add_routing_keyword, remove_routing_keyword
from gongkai.interaction.models import RoutingKeyword
from tests.interaction.conftest import answer, write

HEATING = "幸福小区今年冬天暖气一直不热，室温只有十二度，老人孩子都冻病了，希望尽快解决供暖问题。"


@pytest.fixture
def keywords(county, zhou_min):
    add_routing_keyword(zhou_min, agency=county.housing, word="供暖")
    add_routing_keyword(zhou_min, agency=county.housing, word="暖气")
    add_routing_keyword(zhou_min, agency=county.finance, word="补贴")


def suggestions(message):
    return [(s.agency.short_name or s.agency.name, s.reason) for s in routing.suggest(message)]


def test_keywords_come_first_most_keywords_first(county_box, monday, keywords):
    message = write(county_box, key="a", subject="供暖补贴何时发放", body=HEATING)
    names = [name for name, _ in suggestions(message)]
    assert names[0] == "县住建局" and names[1] == "县财政局"
    assert suggestions(message)[0][1] == "关键词：供暖、暖气"
    assert suggestions(message)[1][1] == "关键词：补贴"


def test_then_the_agencies_that_answered_similar_messages(
    county, county_box, monday, zhou_min, wang_fang, wu_lei, li_ming
):
    for i in range(3):  # 县财政局 answered three messages like this one
        past = write(county_box, key=f"p{i}", subject="暖气不热", body=HEATING + "谢谢" * i)
        answer(past, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    other = write(
        county_box, key="o", subject="路灯", body="东关村路灯坏了三个月，晚上出行很不方便，请尽快维修。"
    )
    answer(other, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)  # not alike
    new = write(county_box, key="new", subject="暖气不热", body=HEATING)
    assert suggestions(new) == [("县财政局", "相似留言 3 条")]


def test_a_keyword_beats_similar_messages_and_reasons_combine(
    county, county_box, monday, zhou_min, wang_fang, wu_lei, keywords
):
    past = write(county_box, key="p", subject="暖气不热", body=HEATING)
    answer(past, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    new = write(county_box, key="new", subject="小区问题", body=HEATING)
    assert suggestions(new) == [("县住建局", "关键词：供暖、暖气"), ("县财政局", "相似留言 1 条")]


def test_nothing_to_suggest(county_box, monday, keywords):
    message = write(county_box, key="a", subject="建议", body="建议在县城增设公共自行车站点，方便市民出行。")
    assert routing.suggest(message) == []


def test_the_dispatch_page_shows_the_suggestions(client, county_box, monday, zhou_min, keywords):
    message = write(county_box, key="a", subject="暖气不热", body=HEATING)
    client.force_login(zhou_min)
    page = client.get(f"/workbench/messages/{message.pk}/act/dispatch/").content.decode()
    assert "分办建议" in page and "示范县住房和城乡建设局" in page and "关键词：供暖、暖气" in page


def test_keywords_are_kept_by_the_office_through_audited_actions(county, zhou_min, li_ming):
    keyword = add_routing_keyword(zhou_min, agency=county.housing, word="供暖")
    assert AuditEntry.objects.filter(action="interaction.routing_keyword.add").count() == 1
    with pytest.raises(ActionRefused, match="“供暖”已是县住建局的关键词"):
        add_routing_keyword(zhou_min, agency=county.housing, word=" 供暖 ")
    with pytest.raises(ActionRefused, match="请填写关键词"):
        add_routing_keyword(zhou_min, agency=county.housing, word="  ")
    with pytest.raises(ActionRefused, match="关键词不能含空格"):
        add_routing_keyword(zhou_min, agency=county.housing, word="供暖 暖气")
    with pytest.raises(ActionRefused, match="不在本单位的交办范围内"):
        add_routing_keyword(zhou_min, agency=county.neighbour, word="供暖")
    with pytest.raises(ActionRefused, match="只能删除本单位维护的关键词"):
        remove_routing_keyword(li_ming, keyword)
    remove_routing_keyword(zhou_min, keyword)
    assert not RoutingKeyword.objects.exists()
    assert AuditEntry.objects.filter(action="interaction.routing_keyword.remove").count() == 1


def test_the_keywords_page(client, county, zhou_min):
    client.force_login(zhou_min)
    response = client.post(
        "/workbench/messages/letters/keywords/", {"agency": county.housing.pk, "word": "供暖"}
    )
    assert response.status_code == 302
    page = client.get("/workbench/messages/letters/keywords/").content.decode()
    assert "供暖" in page and "示范县住房和城乡建设局" in page
    refused = client.post(
        "/workbench/messages/letters/keywords/", {"agency": county.housing.pk, "word": "供暖"}
    )
    assert "“供暖”已是县住建局的关键词" in refused.content.decode()
    assert RoutingKeyword.objects.count() == 1
    keyword = RoutingKeyword.objects.get()
    client.post(f"/workbench/messages/letters/keywords/{keyword.pk}/remove/")
    assert not RoutingKeyword.objects.exists()


def test_messages_get_their_signature_when_registered(county_box, monday):
    message = write(county_box, key="a", subject="暖气不热", body=HEATING)
    assert message.signature.signature
