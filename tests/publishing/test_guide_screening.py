"""The 公开指南 goes to the portal as saved: it is screened, and refused with a finding unless a
reason to keep it is given."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import Guide

pytestmark = pytest.mark.django_db

GUIDE = "<p>申请地址：示范县政务服务中心。</p><p>联系人手机：13812345678。</p>"


def test_a_guide_with_a_mobile_number_is_refused_without_a_reason(county, li_ming):
    with pytest.raises(ActionRefused, match="公开指南中筛查发现1项：手机号码“138\\*\\*\\*\\*5678”"):
        actions.update_guide(li_ming, county.finance, body=GUIDE)
    assert not Guide.objects.exists()


def test_a_guide_kept_with_a_reason_records_it(county, li_ming):
    guide = actions.update_guide(li_ming, county.finance, body=GUIDE, keep_reason="对外公开的咨询手机")
    assert "13812345678" in guide.body
    entry = AuditEntry.objects.filter(action="publishing.guide.update").get()
    assert "对外公开的咨询手机" in entry.note
    assert entry.after["kept_findings"] == [{"kind": "mobile", "text": "138****5678"}]


def test_the_guide_form_by_post(county, li_ming, client):
    client.force_login(li_ming)
    url = reverse("publishing:guide_edit")
    page = client.post(url, {"body": GUIDE, "keep_reason": ""}).content.decode()
    assert "公开指南中筛查发现1项" in page and not Guide.objects.exists()
    response = client.post(url, {"body": "<p>申请地址：示范县政务服务中心。</p>"})
    assert response.status_code == 302
    assert Guide.objects.get(agency=county.finance).body == "<p>申请地址：示范县政务服务中心。</p>"
