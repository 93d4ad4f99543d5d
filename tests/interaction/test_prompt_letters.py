"""Prompt letters (民意诉求反馈提示函): the trigger, the office's letter, the agency's feedback, publication.

Messages about 种粮补贴 to 县财政局 concentrate; 县政府办公室 (周敏) issues the letter, 县财政局 (李明)
answers it, the office publishes both. GONGKAI_PROMPT_LETTER_MIN_MESSAGES is 5 (the default).
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from docx import Document
from docx.shared import Pt

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.interaction import actions
from gongkai.interaction.actions import letters as letter_actions
from gongkai.interaction.models import LetterBasis, LetterState, PromptLetter
from gongkai.interaction.queries_letters import todo_items
from tests.interaction.conftest import write
from tests.interaction.helpers import SUBSIDY


def subsidy_messages(county, box, office, n, *, start=0):
    made = []
    for i in range(start, start + n):
        m = write(box, key=f"s{i}", subject="种粮补贴未发放", body=SUBSIDY[i % len(SUBSIDY)])
        made.append(actions.dispatch_message(office, m, lead_agency=county.finance))
    return made


def test_n_minus_one_no_alert_n_one_alert_rerun_still_one(county, county_box, monday, zhou_min):
    subsidy_messages(county, county_box, zhou_min, 4)
    assert letter_actions.detect_prompt_letters() == []
    assert not PromptLetter.objects.exists()

    subsidy_messages(county, county_box, zhou_min, 1, start=4)
    found = letter_actions.detect_prompt_letters()
    assert [(c.basis, len(c.message_ids)) for c in found] == [(LetterBasis.NEAR_DUPLICATE, 5)]
    letter = PromptLetter.objects.get()
    assert (letter.state, letter.agency, letter.office) == (LetterState.DRAFT, county.finance, county.office)
    assert letter.messages.count() == 5
    assert "示范县财政局：" in letter.body and "5件" in letter.body

    assert letter_actions.detect_prompt_letters() == []
    subsidy_messages(county, county_box, zhou_min, 1, start=5)  # a sixth joins the waiting draft
    assert letter_actions.detect_prompt_letters() == []
    assert PromptLetter.objects.count() == 1
    assert PromptLetter.objects.get().messages.count() == 6
    assert AuditEntry.objects.filter(action="interaction.prompt_letter.detect").count() == 1


def test_the_alert_is_in_the_offices_todo(county, county_box, monday, zhou_min, li_ming):
    subsidy_messages(county, county_box, zhou_min, 5)
    letter_actions.detect_prompt_letters()
    (item,) = [i for i in todo_items(zhou_min)]
    assert item.status == "诉求集中，待签发提示函" and "种粮补贴" in item.title
    assert todo_items(li_ming) == []  # the agency hears of it when the letter is issued


def test_same_topic_by_keyword_and_the_window(county, county_box, monday, zhou_min):
    letter_actions.add_routing_keyword(zhou_min, agency=county.finance, word="低保")
    bodies = [
        "我家符合条件，申请低保半年了还没有消息。",
        "低保金这个月为什么少发了两百元？",
        "请问低保的申请材料有哪些？",
        "邻居家条件很好却领着低保，请核查。",
        "低保审批太慢了，希望加快。",
    ]
    for i, body in enumerate(bodies):
        m = write(county_box, key=f"d{i}", subject="低保问题", body=body)
        actions.dispatch_message(zhou_min, m, lead_agency=county.finance)
    call_command("prompt_letters", "--dry-run", stdout=io.StringIO())
    assert not PromptLetter.objects.exists()
    out = io.StringIO()
    call_command("prompt_letters", stdout=out)
    assert "同一主题“低保”5件" in out.getvalue()
    letter = PromptLetter.objects.get()
    assert (letter.basis, letter.topic) == (LetterBasis.KEYWORD, "低保")
    # Thirty days on, the messages have left the window: nothing new is found.
    later = letter.window_end + timedelta(days=30)
    assert letter_actions.detect_prompt_letters(later) == []


@pytest.fixture
def letter(county, county_box, monday, zhou_min):
    subsidy_messages(county, county_box, zhou_min, 5)
    letter_actions.detect_prompt_letters()
    return PromptLetter.objects.get()


def test_issue_feedback_publish(client, letter, zhou_min, li_ming):
    with pytest.raises(ActionRefused, match="提示函当前状态为“待签发”，不能书面反馈"):
        letter_actions.record_letter_feedback(li_ming, letter, text="已整改")
    with pytest.raises(ActionRefused, match="只有发函单位（示范县人民政府办公室）可以签发提示函"):
        letter_actions.issue_prompt_letter(li_ming, letter, title="提示函", body="正文")
    with pytest.raises(ActionRefused, match="请填写正文"):
        letter_actions.issue_prompt_letter(zhou_min, letter, title="提示函", body="  ")

    letter = letter_actions.issue_prompt_letter(zhou_min, letter, title=letter.title, body=letter.body)
    assert letter.state == LetterState.ISSUED and letter.number == "示政办提〔2026〕1号"
    assert [i.status for i in todo_items(li_ming)] == ["待书面反馈"]
    with pytest.raises(ActionRefused, match="只有收函单位（示范县财政局）可以书面反馈"):
        letter_actions.record_letter_feedback(zhou_min, letter, text="无")

    feedback = "经查，系系统升级导致延迟，已于3月5日全部发放。联系人：王小明，电话13912345678。"
    letter_actions.record_letter_feedback(li_ming, letter, text=feedback)
    letter = letter_actions.publish_prompt_letter(zhou_min, letter)
    assert letter.state == LetterState.PUBLISHED
    events = AuditEntry.objects.filter(action__startswith="interaction.prompt_letter.").values_list(
        "action", flat=True
    )
    assert set(events) == {
        f"interaction.prompt_letter.{e}" for e in ("detect", "issue", "feedback", "publish")
    }

    listing = client.get("/messages/prompt-letters/").content.decode()
    assert "示政办提〔2026〕1号" in listing
    page = client.get(f"/messages/prompt-letters/{letter.pk}/").content.decode()
    assert "已于3月5日全部发放" in page
    assert "王小明" not in page and "13912345678" not in page and "王某某" in page and "139****5678" in page
    for message in letter.messages.all():  # the receipt codes (half the key to a status page) are hidden
        assert message.receipt_code not in page and message.receipt_code[:7] + "****-****" in page


def test_a_draft_is_not_public(client, letter):
    assert client.get(f"/messages/prompt-letters/{letter.pk}/").status_code == 404
    assert letter.topic not in client.get("/messages/prompt-letters/").content.decode()


def test_dismiss_needs_a_reason(letter, zhou_min):
    with pytest.raises(ActionRefused, match="请填写理由"):
        letter_actions.dismiss_prompt_letter(zhou_min, letter, reason="")
    letter = letter_actions.dismiss_prompt_letter(zhou_min, letter, reason="已另行督办")
    assert letter.state == LetterState.DISMISSED


def test_numbers_count_per_office_and_year(county, county_box, monday, zhou_min, letter):
    letter_actions.issue_prompt_letter(zhou_min, letter, title="提示函", body="正文")
    second = PromptLetter.objects.create(
        office=county.office, agency=county.finance, basis=LetterBasis.KEYWORD, topic="另一问题",
        window_start=letter.window_start, window_end=letter.window_end, title="提示函", body="正文",
        detected_at=letter.detected_at,
    )  # fmt: skip
    assert letter_actions.issue_prompt_letter(zhou_min, second, title="提示函", body="正文").number == (
        "示政办提〔2026〕2号"
    )


def test_the_word_file_is_gbt_9704_and_escapes_markup(client, letter, zhou_min):
    body = letter.body + '\n<script>alert("x")</script><b>加粗</b> & 〈〉'
    letter_actions.issue_prompt_letter(zhou_min, letter, title=letter.title, body=body)
    client.force_login(zhou_min)
    response = client.get(f"/workbench/messages/letters/{letter.pk}/docx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == (37, 35, 28, 26)
    title, number, *rest = doc.paragraphs
    assert title.text == "民意诉求反馈提示函" and title.runs[0].font.size == Pt(22)
    assert title.runs[0].font.name == "方正小标宋简体"
    assert number.text == "示政办提〔2026〕1号"
    body_paragraph = next(p for p in rest if "种粮补贴" in p.text)
    assert body_paragraph.runs[0].font.name == "仿宋_GB2312" and body_paragraph.runs[0].font.size == Pt(16)
    assert any(p.text == '<script>alert("x")</script><b>加粗</b> & 〈〉' for p in rest)  # shown as typed
    assert rest[-1].text == "2026年3月2日" and rest[-3].text == "示范县人民政府办公室"


def test_staff_pages_show_the_letter_escaped(client, letter, zhou_min, li_ming):
    letter_actions.issue_prompt_letter(zhou_min, letter, title=letter.title, body="<script>x()</script>正文")
    client.force_login(li_ming)
    page = client.get(f"/workbench/messages/letters/{letter.pk}/").content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;正文" in page and "<script>x()" not in page
    assert "书面反馈" in page  # the agency's button
    response = client.post(f"/workbench/messages/letters/{letter.pk}/act/feedback/", {"text": "已整改。"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.state == LetterState.ANSWERED and letter.feedback_by == li_ming
