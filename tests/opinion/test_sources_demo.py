"""The demo's sources part: built through the actions on the demo county (a few generated posts
here, not the demo's 3,000), the feeds fetched from the local server it starts, the bad feed's
Chinese error on its source, and a second run adding nothing."""

from __future__ import annotations

import io

from gongkai.demo import opinion_sources
from gongkai.demo.county import build_county
from gongkai.opinion.models import Post, Source


def test_the_demo_sources_are_built_once(db, monkeypatch):
    monkeypatch.setattr(opinion_sources, "GENERATED", 60)
    agencies = build_county()
    out = io.StringIO()
    opinion_sources.build(agencies, out)
    assert Source.objects.count() == 7
    broken = Source.objects.get(name=opinion_sources.BROKEN[0])
    assert broken.last_error == "订阅地址返回的不是RSS或Atom格式的XML（可能是网页或错误页面），请核对订阅地址"
    forum = Source.objects.get(name="示范县论坛·民生百事")
    assert forum.post_count == 4 and forum.last_success_at is not None
    assert Source.objects.get(name="舆情监测服务商导出").post_count == 6
    assert "13800001111" not in "".join(Post.objects.values_list("body", flat=True))
    stored = Post.objects.count()
    assert stored > 60
    opinion_sources.build(agencies, io.StringIO())
    assert Post.objects.count() == stored
    assert "舆情来源：7个（其一地址失效，显示错误）" in out.getvalue()
