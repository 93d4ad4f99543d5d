"""The office's editable template of its prompt letters: checked before it is saved, then used."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.interaction import letters
from gongkai.interaction.actions import letters as letter_actions
from gongkai.interaction.models import PromptLetter
from tests.interaction.helpers import finance_letter


@pytest.mark.parametrize(
    ("body", "refusal"),
    [
        ("{{ agency }}：{% if %}", "模板语法错误"),
        ("{{ agency }}：请于{{ deadline }}前反馈。", r"模板使用了提示函没有的占位符：\{\{ deadline \}\}"),
        ("   ", "请填写模板正文"),
        ("{% if False %}x{% endif %}", "模板生成的正文为空"),
    ],
)
def test_a_bad_template_is_refused_and_nothing_saved(county, zhou_min, body, refusal):
    with pytest.raises(ActionRefused, match=refusal):
        letter_actions.save_letter_template(zhou_min, body=body)
    assert not AuditEntry.objects.filter(action="interaction.prompt_letter_template.save").exists()


def test_only_office_staff_keep_it(county, wu_lei):
    with pytest.raises(
        ActionRefused, match="只有交办单位的信息公开工作人员或主管可以维护分办关键词和提示函模板"
    ):
        letter_actions.save_letter_template(wu_lei, body="{{ agency }}：")


def test_new_drafts_use_the_offices_template(county, monday, zhou_min):
    letter_actions.save_letter_template(
        zhou_min,
        body="{{ agency }}：\n关于{{ topic }}，近期共{{ count }}件，请于{{ feedback_due }}前书面反馈。",
    )
    letter = finance_letter(county)
    assert letter.body == "示范县财政局：\n关于种粮补贴未发放，近期共5件，请于2026年3月16日前书面反馈。"
    assert AuditEntry.objects.filter(action="interaction.prompt_letter_template.save").count() == 1


def test_the_shipped_template_passes_its_own_check():
    assert letters.template_problem(letters.shipped_template()) is None


def test_the_template_page(client, county, zhou_min):
    client.force_login(zhou_min)
    page = client.get("/workbench/messages/letters/template/").content.decode()
    assert "目前使用系统内置模板" in page and "{{ feedback_due }}" in page
    refused = client.post("/workbench/messages/letters/template/", {"body": "{{ nope }}"})
    assert "模板使用了提示函没有的占位符：{{ nope }}" in refused.content.decode()
    saved = client.post("/workbench/messages/letters/template/", {"body": "{{ agency }}：\n特此提示。"})
    assert saved.status_code == 302
    assert "本单位模板" in client.get("/workbench/messages/letters/template/").content.decode()
    assert not PromptLetter.objects.exists()
