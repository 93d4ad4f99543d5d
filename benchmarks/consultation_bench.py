"""Consultation benchmark (征求意见): comment submissions through the real portal view, and the
adoption report (page and .docx) of a consultation with 10,000 comments — in-process with Django's
test client, each against a bare Django view measured in the same run.

    .venv/bin/python benchmarks/consultation_bench.py [--submissions 300] [--comments 10000] [--runs 3]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_consult]

Builds a throwaway production-mode database: the demo county, one consultation of 县财政局 opened
through the real actions. Then reports:
  - --submissions portal forms (GET the form, POST it, POST it again as after Back + resubmit; every
    fifth form a third time): posts per second, and the new comments counted, which must equal
    --submissions (zero lost, zero duplicated), against a bare view (RequestFactory POST to a function
    that returns a redirect: no middleware, no database) — the ceiling of the same client loop;
  - a second consultation with --comments comments bulk-loaded (channels, held/hidden ones, half of
    them in groups of 50), every disposition reviewed, the report published: the public report page
    (rendered: page cache bypassed) and its .docx, median and worst of --runs, against a bare GET view.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from datetime import timedelta

from _common import cleanup, describe_database, prepare_environment, setup_django

HOST = {"HTTP_HOST": "127.0.0.1"}


def _consultation(title: str):
    from gongkai.agencies.models import Role, Staff
    from gongkai.consultation import actions
    from gongkai.demo.county import demo_username

    clerk = Staff.objects.get(username=demo_username("czj", Role.CLERK))
    reviewer = Staff.objects.get(username=demo_username("czj", Role.REVIEWER))
    draft = "\n".join(f"第{n}条　第{n}条的条文内容，规定有关事项。" for n in range(1, 21))
    c = actions.create_consultation(
        clerk, agency=clerk.agency, title=title, draft_text=draft, background="背景"
    )
    c = actions.submit_consultation(clerk, c)
    c = actions.approve_consultation(reviewer, c, note="同意")
    return actions.open_consultation(clerk, c), clerk, reviewer


def _bare_rate(method: str, n: int) -> float:
    """Requests per second of a bare Django view (RequestFactory, no middleware, no database)."""
    from django.http import HttpResponse, HttpResponseRedirect
    from django.test import RequestFactory

    factory = RequestFactory()

    def view(request):
        return HttpResponseRedirect("/done/") if request.method == "POST" else HttpResponse(b"x" * 2000)

    start = time.perf_counter()
    for i in range(n):
        request = factory.post("/", {"body": f"内容{i}"}) if method == "POST" else factory.get("/")
        view(request)
    return n / (time.perf_counter() - start)


def submissions(n: int) -> dict:
    from django.test import Client

    from gongkai.consultation.models import Comment

    c, _clerk, _reviewer = _consultation("基准测试征求意见稿（提交）")
    before = Comment.objects.filter(consultation=c).count()
    posts = 0
    start = time.perf_counter()
    for i in range(n):
        client = Client(REMOTE_ADDR=f"10.2.{i // 250}.{i % 250}")
        page = client.get(f"/consultations/{c.pk}/comment/?p={1 + i % 20}", **HOST).content.decode()
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
        data = {
            "paragraph": 1 + i % 20, "body": f"第{i}条意见：建议修改有关表述，增加公开要求。", "display_name": "",
            "phone": f"139{i:08d}", "website": "", "idempotency_key": key,
        }  # fmt: skip
        sends = 3 if i % 5 == 0 else 2
        locations = set()
        for _ in range(sends):
            response = client.post(f"/consultations/{c.pk}/comment/", data, **HOST)
            assert response.status_code == 302, (response.status_code, response.content[:500])
            locations.add(response["Location"])
            posts += 1
        assert len(locations) == 1, locations
    seconds = time.perf_counter() - start
    made = Comment.objects.filter(consultation=c).count() - before
    bare = _bare_rate("POST", 2000)
    rate = posts / seconds
    return {
        "forms": n,
        "posts": posts,
        "posts_per_second": round(rate, 1),
        "new_comments": made,
        "lost": max(0, n - made),
        "duplicated": max(0, made - n),
        "bare_view_posts_per_second": round(bare, 1),
        "ratio_to_bare": round(rate / bare, 4),
    }


def load_report(n: int):
    """A consultation with `n` comments, grouped and disposed, reviewed and reported."""
    from django.utils import timezone

    from gongkai.consultation import report_actions
    from gongkai.consultation.models import Channel, Comment, CommentGroup, Moderation

    c, clerk, reviewer = _consultation("基准测试征求意见稿（采纳情况）")
    paragraphs = list(c.paragraphs.all())
    rng = random.Random(7)
    now = timezone.now()
    groups = CommentGroup.objects.bulk_create(
        [
            CommentGroup(consultation=c, title=f"相近意见第{g}类", created_by=clerk, disposition=rng.choice(
                ["adopted", "partly", "not_adopted"]), disposition_reason=f"第{g}类意见的处理理由。", disposed_by=clerk,
                disposed_at=now)
            for g in range(n // 100)
        ]
    )  # fmt: skip
    channels = [Channel.ONLINE] * 6 + [Channel.LETTER, Channel.EMAIL, Channel.SYMPOSIUM, Channel.HEARING]
    rows = []
    for i in range(n):
        grouped = i % 2 == 0 and groups
        body = f"第{i}条意见：建议第{1 + i % 20}条增加具体要求，联系电话139{i:08d}。"
        rows.append(
            Comment(
                consultation=c, paragraph=rng.choice(paragraphs), channel=rng.choice(channels), body=body,
                masked_body=body.replace(f"139{i:08d}", "139****" + f"{i:08d}"[-4:]),
                moderation=rng.choice([Moderation.APPROVED] * 8 + [Moderation.HELD, Moderation.HIDDEN]),
                submitted_at=now - timedelta(minutes=n - i), received_on=c.opens_on,
                group=groups[(i // 2) % len(groups)] if grouped else None,
                disposition="" if grouped else rng.choice(["adopted", "partly", "not_adopted"]),
                disposition_reason="" if grouped else f"对第{i}条意见的处理理由。", disposed_by=None if grouped else clerk,
                disposed_at=None if grouped else now,
            )
        )  # fmt: skip
    Comment.objects.bulk_create(rows, batch_size=2000)
    final = (
        c.draft_text.replace("第3条　第3条的条文内容", "第3条　第3条修改后的条文内容")
        + "\n第21条　新增的条文。"
    )
    type(c).objects.filter(pk=c.pk).update(state="closed", closes_on=timezone.localdate() - timedelta(days=1))
    c.refresh_from_db()
    report_actions.set_final_text(clerk, c, text=final)
    report_actions.submit_report(clerk, c)
    report_actions.approve_report(reviewer, c)
    report_actions.publish_report(reviewer, c)
    return c


def _time(client, url: str, runs: int, *, warm: bool = False) -> dict:
    if warm:  # the first request stores the page; time the ones served from the cache
        client.get(url, **HOST)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, **HOST)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"url": url, "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            "bytes": len(response.content)}  # fmt: skip


def report(n: int, runs: int) -> dict:
    from django.test import Client

    start = time.perf_counter()
    c = load_report(n)
    built = time.perf_counter() - start
    rendered = Client()
    rendered.cookies["sessionid"] = "benchmark"  # a session cookie: the page cache steps aside
    page = _time(rendered, f"/consultations/{c.pk}/report/", runs)
    docx = _time(rendered, f"/consultations/{c.pk}/report.docx", runs)
    cached = _time(Client(), f"/consultations/{c.pk}/report/", runs, warm=True)
    bare_ms = 1000 / _bare_rate("GET", 2000)
    return {
        "comments": n,
        "load_seconds": round(built, 1),
        "page_rendered": page,
        "docx": docx,
        "page_cached": cached,
        "bare_view_ms": round(bare_ms, 3),
        "page_ratio_to_bare": round(bare_ms / page["median_ms"], 6),
        "docx_ratio_to_bare": round(bare_ms / docx["median_ms"], 6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--comments", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-consult-")
    try:
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        from gongkai.demo.county import build_county

        build_county()
        result = {
            "database": describe_database(),
            "submissions": submissions(args.submissions),
            "report": report(args.comments, args.runs),
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
