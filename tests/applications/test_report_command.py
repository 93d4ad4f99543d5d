"""`gongkai report applications`: counts from the recorded outcomes; refuses unbalanced tables."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from gongkai.applications import actions
from gongkai.applications.models import Application
from tests.applications.helpers import register

pytestmark = pytest.mark.django_db


def test_report_prints_and_exports(county, li_ming, wang_fang, zhang_wei, tmp_path):
    app = register(li_ming, county.finance, on=date(2026, 3, 2))
    actions.draft_reply(li_ming, app, outcome="unable_not_held", values={"other_agency": "示范县住建局"})
    actions.review_reply(wang_fang, app)
    actions.send_reply(zhang_wei, app, on=date(2026, 3, 9))
    register(li_ming, county.finance, on=date(2026, 11, 2))
    out = StringIO()
    call_command(
        "report", "applications", "--agency", "县财政局", "--year", "2026",
        "--csv", str(tmp_path / "r.csv"), "--xlsx", str(tmp_path / "r.xlsx"), stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    assert "1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1" in text
    assert "四、结转下年度继续办理\t1" in text
    assert "（四）无法提供 1.本机关不掌握相关政府信息,1" in (tmp_path / "r.csv").read_text(
        encoding="utf-8-sig"
    )
    assert load_workbook(tmp_path / "r.xlsx")["表三"]["A1"].value.startswith("示范县财政局")
    sub = StringIO()
    call_command(
        "report", "applications", "--agency", "示范县人民政府", "--year", "2026", "--subtree", stdout=sub
    )
    assert "（含下级机关）" in sub.getvalue()


def test_unbalanced_table_is_refused(county, li_ming):
    app = register(li_ming, county.finance, on=date(2026, 3, 2))
    Application.objects.filter(pk=app.pk).update(closed_on=date(2026, 3, 3))
    err = StringIO()
    with pytest.raises(CommandError, match="不平衡"):
        call_command(
            "report", "applications", "--agency", "县财政局", "--year", "2026", stderr=err, stdout=StringIO()
        )
    assert "已办结但没有办理结果" in err.getvalue()
