"""Public message pages and intake benchmark (互动交流), in-process with Django's test client.

    .venv/bin/python benchmarks/messages_portal_bench.py [--messages 20000] [--submissions 200] [--runs 5]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_portal]

Builds a throwaway production-mode database: the demo county and its mailboxes, one message taken
through the real actions to a published reply as a template, then --messages rows copied from it
in bulk (most consenting, some published). Then reports:
  - the public list (/messages/list/, first and last page) and a message page, rendered (page cache
    bypassed with a session cookie) and served from the page cache: median and worst of --runs;
  - --submissions portal form posts, each sent twice (the second as after Back + resubmit), and
    --submissions 12345 tickets, each sent twice (the platform's retry): posts per second and the
    count of new rows, which must equal --submissions each (nothing lost, nothing duplicated).
The gunicorn load test under kill -9 is benchmarks of the "scale" work; this one measures the views.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from _common import cleanup, describe_database, prepare_environment, setup_django

SHANGHAI = ZoneInfo("Asia/Shanghai")


def build(n: int) -> None:
    from gongkai.agencies.models import Agency, Role, Staff
    from gongkai.demo import county
    from gongkai.interaction import actions
    from gongkai.interaction.models import Mailbox, Message, PublicStatus, Reply, ReplyState, State

    agencies = county.build_county()
    actions.ensure_mailboxes(None, agencies["xzf"])
    box = Mailbox.objects.get(name="县长信箱")
    template, _ = actions.submit_message(
        mailbox=box, idempotency_key="bench-template", kind="complaint", subject="道路破损",
        body="幸福小区门口道路破损，请维修。", writer_name="张三", writer_phone="13812345678", public_consent=True,
    )  # fmt: skip
    departments = list(Agency.objects.filter(kind="department").exclude(supervises__isnull=False))
    author = Staff.objects.filter(roles__role=Role.RESPONDER).first()
    rng = random.Random(11)
    today = date.today()
    rows = []
    for i in range(n):
        received = today - timedelta(days=rng.randint(0, 730))
        published = rng.random() < 0.7
        rows.append(
            Message(
                mailbox=box, office=template.office, kind=rng.choice(["inquiry", "suggestion", "complaint", "help"]),
                channel="web", subject=f"留言{i}", body="内容" * 40, masked_subject=f"关于第{i}件事的留言",
                masked_body="内容" * 40, writer_name=template.writer_name, writer_phone=template.writer_phone,
                phone_last4_hash=template.phone_last4_hash, public_consent=rng.random() < 0.8,
                receipt_code=f"LYP{i:09d}", submitted_at=datetime.combine(received, dtime(9), SHANGHAI),
                received_on=received, state=State.CLOSED if published else State.ASSIGNED,
                lead_agency=rng.choice(departments), due_on=received + timedelta(days=7),
                public_status=PublicStatus.PUBLISHED if published else PublicStatus.IN_PROGRESS,
            )
        )  # fmt: skip
    Message.objects.bulk_create(rows, batch_size=2000)
    replies = [
        Reply(
            message=m,
            round=1,
            body="答复" * 60,
            masked_body="答复" * 60,
            state=ReplyState.SENT,
            author=author,
            sent_at=m.submitted_at,
            published_at=m.submitted_at,
        )  # fmt: skip
        for m in Message.objects.filter(public_status=PublicStatus.PUBLISHED).only("pk", "submitted_at")
    ]
    Reply.objects.bulk_create(replies, batch_size=2000)


def _time(client, url: str, runs: int, **extra) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, HTTP_HOST="127.0.0.1", **extra)
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST="127.0.0.1", **extra)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {
        "url": url,
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "queries": len(ctx),
        "cache": response.get("X-Gongkai-Cache", ""),
    }


def pages(runs: int) -> list[dict]:
    from django.core.paginator import Paginator
    from django.test import Client

    from gongkai.interaction.models import Message, PublicStatus

    published = Message.objects.filter(public_status=PublicStatus.PUBLISHED, public_consent=True).first()
    last = Paginator(Message.objects.filter(public_consent=True), 20).num_pages
    out = []
    for url in (
        "/messages/list/",
        f"/messages/list/?page={last}",
        f"/messages/{published.pk}/",
        "/messages/",
    ):
        rendered = Client()
        rendered.cookies["sessionid"] = "benchmark"  # a session cookie: the page cache steps aside
        out.append({**_time(rendered, url, runs), "mode": "rendered"})
        out.append({**_time(Client(), url, runs), "mode": "page cache"})
    return out


def submissions(n: int) -> dict:
    import re

    from django.test import Client

    from gongkai.interaction.models import Mailbox, Message

    box = Mailbox.objects.get(name="县长信箱")
    before = Message.objects.count()
    start = time.perf_counter()
    for i in range(n):
        client = Client(REMOTE_ADDR=f"10.1.{i // 250}.{i % 250}")
        page = client.get("/messages/write/", HTTP_HOST="127.0.0.1").content.decode()
        key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
        data = {
            "mailbox": box.pk, "kind": "suggestion", "subject": f"第{i}条建议", "body": f"建议内容第{i}条，请研究采纳。",
            "writer_name": "李四", "writer_phone": f"139{i:08d}", "idempotency_key": key, "website": "",
        }  # fmt: skip
        first = client.post("/messages/write/", data, HTTP_HOST="127.0.0.1")
        second = client.post("/messages/write/", data, HTTP_HOST="127.0.0.1")
        assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    seconds = time.perf_counter() - start
    return {"forms": n, "posts": 2 * n, "posts_per_second": round(2 * n / seconds, 1),
            "new_messages": Message.objects.count() - before}  # fmt: skip


def tickets(n: int) -> dict:
    from django.test import Client

    from gongkai.agencies.models import Role, Staff
    from gongkai.interaction.actions import issue_api_token
    from gongkai.interaction.models import Message

    issuer = Staff.objects.filter(roles__role=Role.SUPERVISOR, agency__supervises__isnull=False).first()
    _row, token = issue_api_token(issuer, name="benchmark")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    before = Message.objects.count()
    start = time.perf_counter()
    for i in range(n):
        body = json.dumps({
            "ticket_id": f"BENCH-{i:06d}", "kind": "complaint", "subject": f"工单{i}", "body": "路灯不亮，请维修。",
            "caller_phone": f"137{i:08d}", "call_time": "2026-01-05T09:00:00+08:00",
        })  # fmt: skip
        for expected in (201, 200):
            response = client.post("/messages/api/12345/tickets/", body, content_type="application/json",
                                   HTTP_HOST="127.0.0.1")  # fmt: skip
            assert response.status_code == expected, response.content
    seconds = time.perf_counter() - start
    return {"tickets": n, "posts": 2 * n, "posts_per_second": round(2 * n / seconds, 1),
            "new_messages": Message.objects.count() - before}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-portal-")
    try:
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        start = time.perf_counter()
        build(args.messages)
        built = time.perf_counter() - start
        result = {
            "database": describe_database(),
            "messages": args.messages,
            "build_seconds": round(built, 1),
            "pages": pages(args.runs),
            "submissions": submissions(args.submissions),
            "tickets": tickets(args.submissions),
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
