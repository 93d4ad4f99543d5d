"""条例第四十四条: a widely requested reply becomes a proactive-disclosure draft."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.common.errors import ActionRefused
from gongkai.publishing.models import Document
from tests.applications.helpers import register

pytestmark = pytest.mark.django_db


def test_reply_becomes_a_draft(client, county, li_ming, wang_fang, zhang_wei):
    app = register(li_ming, county.finance, on=date(2026, 3, 2))
    with pytest.raises(ActionRefused, match="申请当前状态为“已受理”，不能转为主动公开"):
        actions.propose_proactive_disclosure(li_ming, app)
    actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "邮寄"})
    actions.review_reply(wang_fang, app)
    actions.send_reply(zhang_wei, app, on=date(2026, 3, 9))
    client.force_login(li_ming)
    response = client.post(
        f"/workbench/applications/{app.pk}/act/propose_disclosure/", {"title": "2026年部门预算公开说明"}
    )
    assert response.status_code == 302
    doc = Document.objects.get(title="2026年部门预算公开说明")
    assert doc.agency == county.finance and "第四十四条" in doc.body
