"""Comments: on the whole draft or a paragraph, never lost or duplicated, moderated and masked."""

from datetime import date

import pytest
from django.db import connection

from gongkai.common.errors import ActionRefused
from gongkai.consultation import actions
from gongkai.consultation.models import Channel, Comment, Moderation
from gongkai.publishing.actions import add_forbidden_word

from .conftest import PHONE, at, comment


def test_comment_on_a_paragraph_keeps_the_quoted_passage(consultation):
    c = comment(consultation, paragraph=3)
    assert c.paragraph.number == 3
    assert c.quoted_text == "第二条　本办法适用于本县各级政府及其部门的债务管理活动。"
    # The snapshot stays even if the paragraph's text changes later.
    c.paragraph.text = "改过的条文"
    c.paragraph.save()
    c.refresh_from_db()
    assert c.quoted_text.endswith("债务管理活动。")
    assert c.moderation == Moderation.PENDING and c.channel == Channel.ONLINE
    assert c.writer_phone == PHONE
    with connection.cursor() as cursor:
        cursor.execute("SELECT writer_phone FROM consultation_comment WHERE id = %s", [c.pk])
        stored = cursor.fetchone()[0]
    assert PHONE not in stored  # encrypted at rest


def test_comment_on_the_whole_draft(consultation):
    c = comment(consultation)
    assert c.paragraph is None and c.quoted_text == ""


@pytest.mark.parametrize(
    ("kwargs", "message", "field"),
    [
        ({"paragraph": 99}, "草案中没有第99段", "paragraph"),
        ({"paragraph": "abc"}, "所选条文不存在", "paragraph"),
        ({"paragraph": 1}, "章、节标题不能单独提意见", "paragraph"),
        ({"body": ""}, "请填写意见内容", "body"),
        ({"body": "好"}, "意见内容至少5个字", "body"),
        ({"body": "很" * 2001}, "意见内容不能超过2000字（现有2001字）", "body"),
        ({"phone": ""}, "请填写联系电话（不会公开）", "phone"),
        ({"phone": "12345"}, "联系电话应为11位手机号码", "phone"),
        ({"display_name": "长" * 21}, "署名不能超过20字", "display_name"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(consultation, kwargs, message, field):
    with pytest.raises(ActionRefused, match=message) as exc:
        comment(consultation, **kwargs)
    assert exc.value.field == field
    assert not Comment.objects.exists()


def test_the_same_form_sent_twice_is_one_comment(consultation):
    first, created = actions.submit_comment(
        consultation, body="建议增加公开要求。", phone=PHONE, idempotency_key="abc"
    )
    again, created_again = actions.submit_comment(
        consultation, body="建议增加公开要求。", phone=PHONE, idempotency_key="abc"
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and Comment.objects.count() == 1


def test_after_the_close_date_the_form_refuses_and_says_where_to_write(consultation):
    with at(date(2026, 6, 5)), pytest.raises(ActionRefused) as exc:
        comment(consultation)
    assert exc.value.message == (
        "本次征求意见已于2026年06月04日截止，网上不再接收意见。如有意见，可通过以下方式向示范县财政局反映："
        "信函：示范县人民路1号县财政局（邮编276000）；电子邮件：czj@example.gov.cn；传真：0539-8100003。"
    )
    assert not Comment.objects.exists()
    with at(date(2026, 6, 4), hour=23):
        assert comment(consultation).pk  # the close date itself is still open


def test_before_the_open_date_the_form_refuses(li_ming, wang_fang):
    from .conftest import opened

    c = opened(li_ming, wang_fang, opens_on=date(2026, 5, 10))
    with pytest.raises(ActionRefused, match="本次征求意见将于2026年05月10日开始"):
        comment(c)


@pytest.mark.parametrize(
    ("body", "held"),
    [
        ("建议删除第四条中的公益性三字。", ""),
        ("这里有赌博网站的广告内容", "含有敏感词：赌博网站"),
        ("欢迎访问 http://spam.example.com 了解详情", "含有网址链接"),
        ("顶顶顶顶顶顶顶顶顶顶顶顶顶顶", "含有大量重复内容"),
    ],
)
def test_forbidden_words_and_spam_are_held_not_refused(consultation, body, held):
    add_forbidden_word(None, "赌博网站")
    c = comment(consultation, body=body)
    assert c.held_reasons == held
    assert c.moderation == (Moderation.HELD if held else Moderation.PENDING)


def test_public_comments_are_masked_and_held_ones_still_count(consultation, wang_fang, client):
    add_forbidden_word(None, "赌博网站")
    shown = comment(
        consultation, "我叫张三，电话13912345678，住在人民路8号，建议公开债务明细。", key="a", paragraph=3
    )
    held = comment(consultation, "赌博网站广告内容在此", key="b", paragraph=3)
    hidden = comment(consultation, "与本草案无关的内容，测试测试。", key="c")
    actions.approve_comment(wang_fang, shown)
    actions.hide_comment(wang_fang, hidden, "与草案内容无关")
    page = client.get(f"/consultations/{consultation.pk}/").content.decode()
    assert "13912345678" not in page and "139****5678" in page
    assert "张三" not in page and "建议公开债务明细" in page
    assert "赌博网站" not in page and "与本草案无关" not in page
    assert "收到意见</th><td>3条（其中1条经审核后公开显示）" in page
    assert "收到意见1条" not in page and "收到意见2条，公开1条" in page
    assert Comment.objects.filter(pk__in=[held.pk, hidden.pk]).count() == 2


def test_scripts_are_shown_as_text(consultation, wang_fang, client):
    c = comment(consultation, '<script>alert("x")</script>请删除第五条', display_name="<b>网友</b>")
    actions.approve_comment(wang_fang, c)
    page = client.get(f"/consultations/{consultation.pk}/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;请删除第五条" in page
    assert "&lt;b&gt;网友&lt;/b&gt;" in page


def test_anonymous_comments_show_as_netizen(consultation, wang_fang, client):
    actions.approve_comment(wang_fang, comment(consultation, key="a"))
    actions.approve_comment(
        wang_fang, comment(consultation, "建议第四条增加绩效评价要求。", key="b", display_name="老李")
    )
    page = client.get(f"/consultations/{consultation.pk}/").content.decode()
    assert "网友 · 2026年5月6日" in page and "老李 · 2026年5月6日" in page


def test_hiding_needs_a_reason_and_only_the_agency_moderates(consultation, wang_fang, liu_yang, chen_jing):
    c = comment(consultation)
    with pytest.raises(ActionRefused, match="请填写不予公开的理由"):
        actions.hide_comment(wang_fang, c, "  ")
    with pytest.raises(ActionRefused, match="只有起草单位（示范县财政局）的工作人员可以审核意见"):
        actions.approve_comment(chen_jing, c)
    c.refresh_from_db()
    assert c.moderation == Moderation.PENDING


def test_offline_comments_keep_their_channel(consultation, li_ming):
    c = actions.enter_offline_comment(
        li_ming, consultation, channel=Channel.SYMPOSIUM, body="企业代表建议延长过渡期。", received_on=date(2026, 5, 6),
        paragraph=7, display_name="某企业代表",
    )  # fmt: skip
    assert (c.channel, c.entered_by, c.paragraph.heading) == (Channel.SYMPOSIUM, li_ming, "第四条")
    with pytest.raises(ActionRefused, match="请选择意见来源渠道"):
        actions.enter_offline_comment(
            li_ming,
            consultation,
            channel=Channel.ONLINE,
            body="网上的意见不在此录入",
            received_on=date(2026, 5, 6),
        )
    with pytest.raises(ActionRefused, match="收到日期不能晚于今天"):
        actions.enter_offline_comment(
            li_ming, consultation, channel=Channel.LETTER, body="来信意见内容", received_on=date(2026, 5, 7)
        )
    # A letter posted in time may arrive after the close date.
    with at(date(2026, 6, 8)):
        actions.close_due_consultations()
        late = actions.enter_offline_comment(
            li_ming,
            consultation,
            channel=Channel.LETTER,
            body="来信建议删除第五条。",
            received_on=date(2026, 6, 8),
        )
    assert late.pk and Comment.objects.count() == 2
