"""Collection through the actions: a feed served by a local server (conditional requests, backoff),
a vendor export (GBK, column mapping), own-domain sources; bad input of every kind leaves a Chinese
message on the source and loses nothing already collected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.common.errors import ActionRefused
from gongkai.opinion import stages
from gongkai.opinion.collect import actions
from gongkai.opinion.models import FetchLog, OwnChannel, Post, SourceKind
from tests.opinion import sources_helpers
from tests.opinion.sources_helpers import DATA, make_source, raw

analyst = sources_helpers.analyst
feed_server = sources_helpers.feed_server


@pytest.fixture
def short_timeout(settings):
    settings.GONGKAI_OPINION_FETCH_TIMEOUT = 1


def test_a_feed_is_normalised_masked_and_fetched_conditionally(feed_server, analyst):
    source = make_source(analyst, kind=SourceKind.FEED, url=feed_server.url("/county.rss"))
    result, error = actions.fetch_source(source)
    assert (result.added, error) == (3, "")
    first = Post.objects.get(external_id="bbs-5001")
    assert first.title == "城关镇第二小学食堂饭菜有异味，家长很担心"
    assert "<" not in first.body and "有股怪味" in first.body
    assert "13812345678" not in first.body and "138****5678" in first.body
    assert first.url == "https://bbs.example.cn/thread/5001"
    assert Post.objects.get(external_id="bbs-5003").title == "ABC小区养老金到账了吗"
    source.refresh_from_db()
    assert (source.etag, source.last_modified) == ('"opinion-v1"', "Tue, 01 Dec 2026 08:00:00 GMT")
    assert source.last_success_at and source.failures == 0 and source.post_count == 3
    assert source.next_fetch_at > timezone.now() + timedelta(minutes=29)

    result, error = actions.fetch_source(source)
    second = feed_server.hits("/county.rss")[-1]
    assert second["headers"]["If-None-Match"] == '"opinion-v1"'
    assert second["headers"]["If-Modified-Since"] == "Tue, 01 Dec 2026 08:00:00 GMT"
    assert second.get("not_modified") and result.added == 0
    assert Post.objects.count() == 3
    assert FetchLog.objects.filter(source=source).first().message == "内容未变化（HTTP 304）"


def test_an_atom_feed_takes_its_html_content(feed_server, analyst):
    source = make_source(analyst, kind=SourceKind.FEED, url=feed_server.url("/county.atom"))
    actions.fetch_source(source)
    post = Post.objects.get()
    assert post.body.startswith("县教育局会同县市场监管局连夜进驻城关镇第二小学食堂")


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/not_a_feed.html", "订阅地址返回的不是RSS或Atom格式的XML（可能是网页或错误页面），请核对订阅地址"),
        ("/hang.rss", "超过1秒没有响应，已放弃本次抓取"),
        ("/missing.rss", "服务器返回错误（HTTP 404）"),
    ],
)
def test_a_bad_feed_leaves_a_chinese_error_backs_off_and_loses_nothing(
    feed_server, short_timeout, analyst, path, error
):
    source = make_source(analyst, kind=SourceKind.FEED, url=feed_server.url("/county.rss"))
    actions.fetch_source(source)
    source = actions.update_source(analyst, source, **_values(source, url=feed_server.url(path)))
    before = timezone.now()
    for failures in (1, 2, 3):
        source.refresh_from_db()
        assert actions.fetch_source(source) == (None, error)
        source.refresh_from_db()
        assert (source.last_error, source.failures) == (error, failures)
        # Backoff: the 30-minute schedule doubled after each further failure.
        wait = source.next_fetch_at - before
        assert (
            timedelta(minutes=30 * 2 ** (failures - 1))
            <= wait
            < timedelta(minutes=30 * 2 ** (failures - 1) + 1)
        )
    assert Post.objects.count() == 3
    assert FetchLog.objects.filter(source=source, ok=False).first().message == error

    source = actions.update_source(analyst, source, **_values(source, url=feed_server.url("/county.rss")))
    actions.fetch_source(source)
    source.refresh_from_db()
    assert (source.last_error, source.failures, Post.objects.count()) == ("", 0, 3)


def _values(source, **changes):
    values = {k: getattr(source, k) for k in actions.SOURCE_FIELDS}
    values.update(changes)
    return values


def test_backoff_is_capped_at_a_day():
    assert [actions.backoff_minutes(30, n) for n in (1, 2, 3, 6, 7, 20)] == [30, 60, 120, 960, 1440, 1440]


def test_only_due_enabled_fetched_sources_are_fetched(analyst):
    make_source(analyst, kind=SourceKind.FEED, name="到期")
    later = make_source(analyst, kind=SourceKind.FEED, name="未到期")
    later.next_fetch_at = timezone.now() + timedelta(hours=1)
    later.save()
    off = make_source(analyst, kind=SourceKind.FEED, name="停用")
    actions.set_source_enabled(analyst, off, enabled=False)
    make_source(analyst, kind=SourceKind.VENDOR, name="导出")
    assert [s.name for s in actions.due_sources()] == ["到期"]


def test_shards_split_the_due_sources_between_worker_machines(analyst):
    made = [make_source(analyst, kind=SourceKind.FEED, name=f"源{i}") for i in range(5)]
    slices = [{s.pk for s in actions.due_sources(shard=(k, 3))} for k in (1, 2, 3)]
    assert set().union(*slices) == {s.pk for s in made}  # every source in one slice …
    assert sum(len(part) for part in slices) == 5  # … and in one only
    assert slices[0] == {s.pk for s in made if s.pk % 3 == 0}


def test_a_malformed_shard_is_refused_in_chinese():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="应写作 k/n"):
        call_command("opinion_fetch", "--shard", "二/三")
    with pytest.raises(CommandError, match="k 应在 1 到 n 之间"):
        call_command("opinion_fetch", "--shard", "4/3")


def test_a_gbk_vendor_export_is_read_and_idempotent(analyst):
    source = make_source(analyst)
    data = (DATA / "vendor_gbk.csv").read_bytes()
    result = actions.import_export(analyst, source, data=data, filename="导出.csv")
    assert (result.added, result.duplicates) == (3, 0)
    post = Post.objects.get(external_id="wb-2")
    assert (post.title, post.author, post.likes, post.comments, post.shares) == (
        "城南内涝何时解决",
        "示范县生活圈",
        300,
        88,
        61,
    )
    again = actions.import_export(analyst, source, data=data, filename="导出.csv")
    assert (again.added, again.duplicates, Post.objects.count()) == (0, 3, 3)


def test_a_saved_column_mapping_reads_a_json_export(analyst):
    source = make_source(analyst, column_mapping={"body": "正文内容", "published_at": "时间戳"})
    data = '[{"正文内容": "城南大道积水已退，交通恢复", "时间戳": "2026-12-01T09:00:00+08:00", "id": "j1"}]'
    result = actions.import_export(analyst, source, data=data.encode(), filename="a.json")
    assert result.added == 1
    assert Post.objects.get().title == "城南大道积水已退，交通恢复"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "vendor_missing_columns.csv",
            None,
            "文件的列与列映射不符：缺少“发布时间”列（文件的列：编号、信息内容、来源账号）",
        ),
        (
            "vendor_wrong_encoding.csv",
            None,
            "无法识别文件的编码（不是UTF-8或GBK文本），请另存为UTF-8或GBK编码的CSV后再上传",
        ),
        ("bad.csv", "标题,发布时间\n好的一行,2026-12-01 10:00\n坏的一行,昨天\n,2026-12-01\n", None),
        ("a.doc", "随便", "只能导入CSV、XLSX或JSON文件"),
        ("a.json", "{不是json", "JSON格式错误（第1行第2列）"),
    ],
)
def test_a_bad_export_is_refused_whole_with_a_chinese_message(analyst, name, data, message):
    source = make_source(analyst)
    actions.import_export(analyst, source, data=(DATA / "vendor_gbk.csv").read_bytes(), filename="ok.csv")
    payload = data.encode() if data else (DATA / name).read_bytes()
    with pytest.raises(ActionRefused) as refused:
        actions.import_export(analyst, source, data=payload, filename=name)
    expected = (
        message or "有2行无法导入，未导入任何数据：第3行：发布时间“昨天”无法识别；第4行：标题和正文都为空"
    )
    assert refused.value.message == expected
    source.refresh_from_db()
    assert (source.last_error, source.failures) == (expected, 1)
    assert Post.objects.count() == 3  # nothing half-imported, nothing lost


def test_only_analysts_of_the_owner_manage_sources(analyst, li_ming, chen_jing, zhao_qiang):
    source = make_source(analyst)
    for outsider in (li_ming, chen_jing, zhao_qiang):
        with pytest.raises(ActionRefused, match="只有示范县财政局的舆情员可以管理该单位的舆情来源"):
            actions.set_source_enabled(outsider, source, enabled=False)
    with pytest.raises(ActionRefused, match="只有示范县财政局的舆情员可以管理该单位的舆情来源"):
        actions.import_export(li_ming, source, data=b"x", filename="a.csv")


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"kind": SourceKind.FEED, "url": ""},
            "url",
            "RSS/Atom订阅须填写以 http:// 或 https:// 开头的订阅地址",
        ),
        ({"kind": SourceKind.OWN}, "own_channel", "本系统互动栏目须选择读取哪个栏目"),
        ({"name": " "}, "name", "请填写来源名称"),
        ({"weight": 11}, "weight", "权重应在0到10之间"),
        ({"schedule_minutes": 1}, "schedule_minutes", "抓取间隔应在5分钟到7天之间"),
    ],
)
def test_a_bad_source_is_refused(analyst, values, field, message):
    base = {"name": "来源", "kind": SourceKind.VENDOR, "category": "forum"}
    with pytest.raises(ActionRefused) as refused:
        actions.create_source(analyst, owner=analyst.agency, **{**base, **values})
    assert (refused.value.field, refused.value.message) == (field, message)


def test_the_default_weight_follows_the_category(analyst):
    assert make_source(analyst, category="central").weight == 3.0
    assert make_source(analyst, category="forum", name="论坛").weight == 0.8


def test_an_own_domain_source_reads_only_what_is_new(analyst, monkeypatch):
    from datetime import UTC, datetime

    from gongkai.interaction import queries

    items = [
        {
            "id": n,
            "title": f"留言{n}",
            "body": "小区路灯坏了很久",
            "published_at": datetime(2026, 12, 1, tzinfo=UTC),
        }
        for n in (7, 8)
    ]
    asked = []
    monkeypatch.setattr(
        queries,
        "opinion_items",
        lambda after, limit: asked.append(after) or [i for i in items if i["id"] > after],
    )
    source = make_source(analyst, kind=SourceKind.OWN, own_channel=OwnChannel.MESSAGES, category="own")
    assert actions.fetch_source(source)[0].added == 2
    source.refresh_from_db()
    assert source.cursor == "8"
    assert actions.fetch_source(source)[0].added == 0
    assert asked == [0, 8]
    assert set(Post.objects.values_list("external_id", flat=True)) == {"msg:7", "msg:8"}


def test_the_stages_run_on_the_stored_posts_and_a_failing_stage_loses_nothing(analyst, monkeypatch):
    seen = []
    saved = stages.stages()
    try:
        stages.register_stage(5, "test_seen", lambda posts: seen.extend(p.pk for p in posts))
        source = make_source(analyst)
        result = actions.ingest_posts(analyst, source, [raw(1), raw(2), raw(1)], how="upload")
        assert (result.added, result.duplicates) == (2, 1)
        assert seen == [p.pk for p in result.posts]

        def broken(posts):
            raise RuntimeError("boom")

        stages.register_stage(6, "test_broken", broken)
        result = actions.ingest_posts(analyst, source, [raw(3)], how="upload")
        assert result.added == 1 and Post.objects.count() == 3
        source.refresh_from_db()
        assert source.last_error == "已保存，但后续分析步骤出错，将在下次处理时重试"
    finally:
        stages._STAGES[:] = saved
