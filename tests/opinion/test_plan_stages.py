"""The pipeline stages of this part: 10 classify (sentiment, demand) and 20 watch-plan matching, on
a batch of stored posts; a changed plan reaches the automaton through the shared version key."""

from __future__ import annotations

from gongkai.opinion import actions_plans, planmatch
from gongkai.opinion.models import PlanMatch, Post
from gongkai.opinion.stages import stages
from gongkai.opinion.stages_understand import classify_posts
from tests.opinion.plan_builders import analyst, post, source


def test_both_stages_are_registered_in_order():
    names = [(order, name) for order, name, _fn in stages()]
    assert (10, "classify") in names and (20, "watch_plans") in names


def test_a_batch_is_classified_at_once(county):
    src = source(county.office)
    batch = [
        post(src, "强烈投诉", "小区电梯三天两头困人，物业和住建局都不管，太气人了！"),
        post(src, "", "请问城关镇的公租房申请需要哪些材料？"),
    ]
    classify_posts(batch)
    stored = list(Post.objects.order_by("pk").values_list("sentiment", "demand"))
    assert stored == [("negative", "complaint"), ("neutral", "enquiry")]


def test_a_batch_is_matched_once_and_a_plan_change_is_seen(county, django_capture_on_commit_callbacks):
    zhou_min = analyst(county.finance)
    src = source(county.office)
    with django_capture_on_commit_callbacks(execute=True):
        plan = actions_plans.create_plan(zhou_min, {"name": "暴雨", "event": "暴雨 内涝"})
    batch = [post(src, "暴雨预警", "今天夜间有大到暴雨"), post(src, "晴", "天气晴好")]
    planmatch.match_posts(batch)
    planmatch.match_posts(batch)  # the same batch again adds nothing
    assert list(PlanMatch.objects.values_list("plan", "post")) == [(plan.pk, batch[0].pk)]

    with django_capture_on_commit_callbacks(execute=True):
        actions_plans.update_plan(zhou_min, plan, {"name": "暴雨", "event": "晴好"})
    assert list(PlanMatch.objects.values_list("post", flat=True)) == [batch[1].pk]  # re-matched
    later = post(src, "又是晴好天气", "")
    planmatch.match_posts([later])  # the process rebuilt its automaton for the new version
    assert set(PlanMatch.objects.values_list("post", flat=True)) == {batch[1].pk, later.pk}
