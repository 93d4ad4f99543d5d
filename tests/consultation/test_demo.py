"""The demo builds through the real actions and adds nothing when run again."""

import io

from gongkai.consultation.models import Comment, Consultation, DecisionItem, Moderation, State


def test_demo_is_idempotent(db, _fast_hasher):
    from gongkai.demo import consultation, county

    agencies = county.build_county()
    consultation.build(agencies, io.StringIO())
    counts = (DecisionItem.objects.count(), Consultation.objects.count(), Comment.objects.count())
    consultation.build(agencies, io.StringIO())
    assert (DecisionItem.objects.count(), Consultation.objects.count(), Comment.objects.count()) == counts
    assert counts[0] == 8
    states = dict(Consultation.objects.values_list("title", "state"))
    assert states["示范县城区养犬管理办法（征求意见稿）"] in (
        State.CLOSED,
        State.REPORT_REVIEW,
        State.REPORTED,
        "reviewed",
    )
    assert states["示范县城区公共停车场管理办法（征求意见稿）"] == State.OPEN
    assert Comment.objects.filter(moderation=Moderation.HELD).count() == 2
    assert Comment.objects.exclude(channel="online").count() == 4
