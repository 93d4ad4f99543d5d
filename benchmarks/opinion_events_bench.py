"""舆情 events benchmark: the event list and the event page with 1,000,000 posts (PostgreSQL), against
a bare Django view measured in the same run; then the clustering stage's throughput.

    .venv/bin/python benchmarks/opinion_events_bench.py
        [--posts 1000000] [--events 2000] [--runs 30] [--cluster 5000]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_opinion_events]

Builds a throwaway production-mode database: the demo county, an opinion analyst of 县财政局, 20
sources, then --posts posts over the last 30 days written by one INSERT … SELECT generate_series
(titles from a few dozen templates), spread over --events events of 县财政局 with a skewed size (event
k gets a share ∝ the density of u³: the largest holds ~8 % of all posts, as one hot matter does);
the events' hourly and per-source counts and their figures are then computed in SQL from the posts,
as the clustering stage would have kept them, and ANALYZE runs. Times p50 / p95 / max of: the list
(default, burst filter, page 5), the largest event's page, its posts' page 200, a middle event's
page; reports the queries per page and the ratio of the bare view (RequestFactory GET of a function
returning 2 KB: no middleware, no database) to each page. Last, --cluster fresh posts go through
the real clustering stage (`cluster_posts`, batches of 500) against those events: posts per second.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time

from _common import cleanup, describe_database, prepare_environment, setup_django

HOST = {"HTTP_HOST": "127.0.0.1"}
TOPICS = [
    ("实验小学食堂饭菜变质 学生腹泻", "家长反映学校食堂饭菜变质，多名学生腹泻，要求彻查食品安全。"),
    ("建设路夜间施工噪音扰民", "道路施工夜里还在进行，噪音扰民，居民无法休息。"),
    ("养老金发放时间咨询", "退休职工咨询本月养老金发放时间和到账方式。"),
    ("暴雨后小区积水严重", "连续暴雨，小区地下车库积水，车辆被淹，物业排水不及时。"),
    ("公交线路调整不便出行", "新调整的公交线路取消了站点，老人出行不便。"),
    ("农贸市场价格上涨", "农贸市场蔬菜价格上涨，市民希望加强价格监管。"),
    ("医保报销流程繁琐", "医保异地报销需要的材料多，流程繁琐，希望简化。"),
    ("老旧小区改造进度慢", "老旧小区改造工程拖延，楼道脚手架占道，居民出行受影响。"),
]


def load(n_posts: int, n_events: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from gongkai.agencies.actions import create_staff
    from gongkai.agencies.models import Agency, Role
    from gongkai.opinion.models import Event, EventHour, Source

    finance = Agency.objects.get(name="示范县财政局")
    create_staff(
        None, username="bench_analyst", password="Bench2026pass!x", agency=finance, full_name="舆情员",
        roles=[Role.OPINION_ANALYST],
    )  # fmt: skip
    categories = ["central", "provincial", "local", "government", "self_media", "forum"]
    sources = Source.objects.bulk_create(
        Source(
            owner=finance, name=f"监测来源{i}", kind="vendor", category=categories[i % 6], weight=1 + i % 3
        )
        for i in range(20)
    )
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            owner=finance, title=f"{TOPICS[k % len(TOPICS)][0]}（{k}）", first_seen_at=now, last_seen_at=now
        )
        for k in range(n_events)
    )
    first_event, first_source = events[0].pk, sources[0].pk
    titles = "ARRAY[" + ",".join(f"'{t}'" for t, _ in TOPICS) + "]"
    bodies = "ARRAY[" + ",".join(f"'{b}'" for _, b in TOPICS) + "]"
    sentiments = "ARRAY['negative','neutral','positive','neutral']"
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SET synchronous_commit = off")
        cur.execute(
            f"""
            INSERT INTO opinion_post (source_id, external_id, url, url_hash, content_hash, title, body, author,
                published_at, collected_at, likes, comments, shares, sentiment, demand, duplicate_of_id, event_id)
            SELECT {first_source} + (i %% 20), 'b' || i, '', '', md5(i::text),
                   ({titles})[1 + (i %% {len(TOPICS)})] || '（' || i || '）', ({bodies})[1 + (i %% {len(TOPICS)})], '',
                   now() - random() * interval '30 days', now(), (random() * 50)::int, (random() * 10)::int,
                   (random() * 5)::int, ({sentiments})[1 + (i %% 4)], '', NULL,
                   {first_event} + floor({n_events} * power(random(), 3))::int
            FROM generate_series(1, %s) AS i
            """,
            [n_posts],
        )
        inserted = time.perf_counter() - started
        # What the clustering stage keeps as it goes, computed once here from the posts.
        cur.execute(
            """
            INSERT INTO opinion_eventhour (event_id, hour, posts, heat)
            SELECT p.event_id, date_trunc('hour', p.published_at), count(*),
                   sum(s.weight * (1 + ln(1 + p.likes + 2 * p.comments + 3 * p.shares)))
            FROM opinion_post p JOIN opinion_source s ON s.id = p.source_id GROUP BY 1, 2
            """
        )
        cur.execute(
            """
            INSERT INTO opinion_eventsource (event_id, source_id, posts, heat, first_at)
            SELECT p.event_id, p.source_id, count(*),
                   sum(s.weight * (1 + ln(1 + p.likes + 2 * p.comments + 3 * p.shares))), min(p.published_at)
            FROM opinion_post p JOIN opinion_source s ON s.id = p.source_id GROUP BY 1, 2
            """
        )
        cur.execute(
            """
            UPDATE opinion_event e SET post_count = a.n, heat = a.heat, first_seen_at = a.first,
                   last_seen_at = a.last, negative_share = a.neg::float / a.n,
                   sentiments = jsonb_build_object('negative', a.neg, 'neutral', a.neu, 'positive', a.pos),
                   keywords = '["食堂", "腹泻", "变质", "食品安全"]'::jsonb,
                   is_burst = (e.id % 7 = 0), burst_at = CASE WHEN e.id % 7 = 0 THEN a.last END,
                   first_post_id = a.first_post
            FROM (
                SELECT p.event_id, count(*) AS n, min(p.published_at) AS first, max(p.published_at) AS last,
                       count(*) FILTER (WHERE sentiment = 'negative') AS neg,
                       count(*) FILTER (WHERE sentiment = 'neutral') AS neu,
                       count(*) FILTER (WHERE sentiment = 'positive') AS pos,
                       (array_agg(p.id ORDER BY p.published_at))[1] AS first_post,
                       sum(h.heat) AS heat
                FROM opinion_post p
                JOIN (SELECT event_id, sum(heat) AS heat FROM opinion_eventhour GROUP BY 1) h USING (event_id)
                GROUP BY p.event_id
            ) a WHERE a.event_id = e.id
            """
        )
    from django.db import connection as conn

    conn.cursor().execute("VACUUM ANALYZE")  # outside a transaction: Django's autocommit
    sizes = sorted(Event.objects.values_list("post_count", "pk"), reverse=True)
    return {
        "posts": n_posts,
        "events": n_events,
        "insert_seconds": round(inserted, 1),
        "load_seconds": round(time.perf_counter() - started, 1),
        "largest_event": {"pk": sizes[0][1], "posts": sizes[0][0]},
        "middle_event": {"pk": sizes[len(sizes) // 2][1], "posts": sizes[len(sizes) // 2][0]},
        "hours_rows": EventHour.objects.count(),
    }


def analyst_client():
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gongkai.agencies.models import Staff

    user = Staff.objects.get(username="bench_analyst")
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(user=user, name="基准")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
    }


def time_page(client, url: str, runs: int) -> dict:
    from django.db import connection

    response = client.get(url, **HOST)
    assert response.status_code == 200, (url, response.status_code)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url, **HOST)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, **HOST)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {"url": url, **_percentiles(times), "queries": len(queries), "bytes": len(response.content)}


def bare(runs: int) -> dict:
    from django.http import HttpResponse
    from django.test import RequestFactory

    factory = RequestFactory()

    def view(request):
        return HttpResponse(b"x" * 2000)

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        view(factory.get("/", **HOST))
        times.append((time.perf_counter() - start) * 1000)
    return _percentiles(times)


def cluster_throughput(n: int) -> dict:
    """`n` fresh posts (the topics, varied) through the real clustering stage in batches of 500."""
    import hashlib
    import random

    from django.utils import timezone

    from gongkai.opinion.actions_events import cluster_posts
    from gongkai.opinion.models import Post, Source

    rng = random.Random(7)
    sources = list(Source.objects.all())
    now = timezone.now()
    words = ["今天", "又有", "网友称", "据悉", "有居民说", "市民反映", "家长表示", "记者了解到"]
    rows = []
    for i in range(n):
        title, body = TOPICS[rng.randrange(len(TOPICS))]
        text = f"{rng.choice(words)}{title}，{body}{rng.choice(words)}第{i}条"
        rows.append(
            Post(
                source=rng.choice(sources),
                title=title,
                body=text,
                published_at=now - timezone.timedelta(minutes=n - i),
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                external_id=f"c{i}",
            )  # fmt: skip
        )
    Post.objects.bulk_create(rows, batch_size=2000)
    started = time.perf_counter()
    for i in range(0, n, 500):
        cluster_posts(rows[i : i + 500])
    seconds = time.perf_counter() - started
    return {"posts": n, "seconds": round(seconds, 2), "posts_per_second": round(n / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cluster", type=int, default=5000)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/gk_bench_opinion_events"
    )
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-opinion-events-")
    try:
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        from gongkai.demo.county import build_county

        build_county()
        data = load(args.posts, args.events)
        client = analyst_client()
        gc.collect()
        gc.freeze()
        big, mid = data["largest_event"]["pk"], data["middle_event"]["pk"]
        urls = [
            "/workbench/opinion/events/",
            "/workbench/opinion/events/?burst=yes&since=7d",
            "/workbench/opinion/events/?page=5",
            f"/workbench/opinion/events/{big}/",
            f"/workbench/opinion/events/{big}/?page=200",
            f"/workbench/opinion/events/{mid}/",
        ]
        pages = [time_page(client, url, args.runs) for url in urls]
        ceiling = bare(max(args.runs, 1000))
        throughput = cluster_throughput(args.cluster) if args.cluster else None
        print(
            json.dumps(
                {
                    "database": describe_database(),
                    **data,
                    "pages": pages,
                    "bare_view": ceiling,
                    "goal_ms": 200,
                    "under_goal": all(p["p95_ms"] < 200 for p in pages),
                    "ratio_bare_to_page_p50": [round(ceiling["p50_ms"] / p["p50_ms"], 5) for p in pages],
                    "clustering": throughput,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
