"""Message queues benchmark: the workbench's 留言办理 queues over many messages, in-process.

    .venv/bin/python benchmarks/messages_queues_bench.py [--messages 20000] [--runs 5]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_messages]

Builds a throwaway database in production mode: the demo county (agencies, staff, mailboxes), one
message written and taken through the real actions as a template, then --messages rows copied from
it in bulk (spread over two years, every state, the county's departments, responders and due
dates — the actions are what the tests exercise; here the volume is the point). Then renders each
queue page with Django's test client as the person who uses it and reports the median and worst
of --runs requests (after one warm-up) with the number of queries:
  office clerk (县政府办)  待交办
  supervisor (县政府办)    全部留言, 已超期, 接近3个月未答复
  agency clerk (县财政局)  本单位办理中
  responder (县财政局)     我的待办
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
QUEUES = [
    ("xzfb_clerk", "dispatch"),
    ("xzfb_supervisor", "all"),
    ("xzfb_supervisor", "overdue"),
    ("xzfb_supervisor", "veto"),
    ("czj_clerk", "inbox"),
    ("czj_responder", "mine"),
]


def build(n: int) -> None:
    from gongkai.agencies.models import Agency, Role, Staff
    from gongkai.demo import county
    from gongkai.interaction import actions
    from gongkai.interaction.models import Mailbox, Message, State

    agencies = county.build_county()
    actions.ensure_mailboxes(None, agencies["xzf"])
    box = Mailbox.objects.get(name="县长信箱")
    template, _ = actions.submit_message(
        mailbox=box, idempotency_key="bench-template", kind="complaint", subject="道路破损",
        body="幸福小区门口道路破损，请维修。", writer_name="张三", writer_phone="13812345678", public_consent=True,
    )  # fmt: skip
    departments = list(Agency.objects.filter(kind="department").exclude(supervises__isnull=False))
    responders = {a.pk: list(Staff.objects.filter(agency=a, roles__role=Role.RESPONDER)) for a in departments}
    rng = random.Random(7)
    today = date.today()
    states = [State.RECEIVED, State.DISPATCHED, State.ASSIGNED, State.REVIEWING, State.REPLIED, State.CLOSED]
    weights = [2, 3, 8, 2, 10, 75]
    rows = []
    for i in range(n):
        received = today - timedelta(days=rng.randint(0, 730))
        state = rng.choices(states, weights)[0]
        lead = None if state == State.RECEIVED else rng.choice(departments)
        answered = state in (State.REPLIED, State.CLOSED)
        rows.append(
            Message(
                mailbox=box, office=template.office, kind=rng.choice(["inquiry", "suggestion", "complaint", "help"]),
                channel=rng.choice(["web", "hotline", "platform_12345"]), subject=f"留言{i}", body="内容",
                masked_subject=f"留言{i}", masked_body="内容", writer_name=template.writer_name,
                writer_phone=template.writer_phone, phone_last4_hash=template.phone_last4_hash,
                public_consent=True, receipt_code=f"LYB{i:09d}",
                submitted_at=datetime.combine(received, dtime(9), SHANGHAI), received_on=received, state=state,
                lead_agency=lead, responder=rng.choice(responders[lead.pk]) if lead and state != State.DISPATCHED and responders[lead.pk] else None,
                due_on=received + timedelta(days=7),
                first_replied_on=received + timedelta(days=5) if answered else None,
                replied_on=received + timedelta(days=5) if answered else None,
            )
        )  # fmt: skip
    Message.objects.bulk_create(rows, batch_size=2000)


def login(client, user) -> None:
    """A finished login, the second factor included for the roles that need one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gongkai.agencies.twofactor import needs_code_after_password

    client.force_login(user)
    if needs_code_after_password(user):
        device = TOTPDevice.objects.filter(user=user).first()
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def measure(runs: int) -> list[dict]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Staff

    out = []
    for username, view in QUEUES:
        client = Client()
        login(client, Staff.objects.get(username=username))
        url = f"/workbench/messages/?view={view}"
        client.get(url, HTTP_HOST="127.0.0.1")
        times = []
        for _ in range(runs):
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url, HTTP_HOST="127.0.0.1")
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        out.append(
            {"user": username, "queue": view, "median_ms": round(statistics.median(times), 1),
             "max_ms": round(max(times), 1), "queries": len(ctx)}
        )  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-messages-")
    try:
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        start = time.perf_counter()
        build(args.messages)
        built = time.perf_counter() - start
        results = measure(args.runs)
        print(json.dumps({"database": describe_database(), "messages": args.messages,
                          "build_seconds": round(built, 1), "queues": results}, ensure_ascii=False, indent=2))  # fmt: skip
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
