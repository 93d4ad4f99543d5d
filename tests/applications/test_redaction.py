"""部分公开: the released copy masks the withheld passages and carries no hidden text."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.redaction import MASK, Redaction, RedactionError, redact
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import register

pytestmark = pytest.mark.django_db

TEXT = "某项目中标单位为恒达公司。评标专家：王五（身份证370999198001011234）、赵六。联系电话13900001111。"


def test_redact_masks_every_occurrence_longest_first():
    out, counts = redact(
        TEXT, [Redaction("王五", "个人隐私"), Redaction("王五（身份证370999198001011234）", "个人隐私")]
    )
    assert "王五" not in out and "370999198001011234" not in out and len(out) == len(TEXT)
    assert [n for _, n in counts] == [1, 1]


def test_a_passage_not_in_the_text_releases_nothing():
    with pytest.raises(RedactionError, match="找不到"):
        redact(TEXT, [Redaction("张三", "个人隐私")])


def test_released_docx_has_no_hidden_text(client, county, li_ming, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = register(li_ming, county.finance, on=date(2026, 11, 2))
    release = actions.release_redacted(
        li_ming,
        app,
        title="评标结果",
        text=TEXT,
        redactions=[{"part": "王五（身份证370999198001011234）", "reason": "个人隐私（条例第十五条）"},
                    {"part": "13900001111", "reason": "个人隐私（条例第十五条）"}],
    )  # fmt: skip
    with zipfile.ZipFile(release.file.path) as docx:
        everything = b"".join(docx.read(name) for name in docx.namelist()).decode("utf-8", "ignore")
    assert (
        "370999198001011234" not in everything
        and "13900001111" not in everything
        and "王五" not in everything
    )
    assert MASK in everything and "个人隐私（条例第十五条）" in everything
    client.force_login(li_ming)
    response = client.get(f"/workbench/applications/releases/{release.pk}/download/")
    assert response.status_code == 200
    with pytest.raises(ActionRefused, match="每处遮盖都应写明遮盖的内容和理由"):
        actions.release_redacted(
            li_ming, app, title="x", text=TEXT, redactions=[{"part": "赵六", "reason": ""}]
        )
