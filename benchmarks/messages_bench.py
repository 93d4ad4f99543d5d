"""Messages (留言办理): submissions per second through the production server with 50 concurrent
clients and zero lost and zero duplicated — also when the server is killed with SIGKILL mid-load —
and the scorecard page and supervisor dashboard over 100,000 messages.

    python benchmarks/messages_bench.py                       # SQLite (temporary file)
    python benchmarks/messages_bench.py --database-url postgres://postgres@127.0.0.1:5432/gk_bench_msg

Submissions go through the 12345 platform endpoint (POST /messages/api/12345/tickets/, JSON, a
staff token per client, idempotent on `ticket_id`): the portal form is rate-limited per address
and phone on purpose, the endpoint is how bulk submissions arrive. Each client sends tickets one
after another; a ticket that gets no 200/201 (connection refused or reset, 5xx) is sent again with
the same `ticket_id` until it is acknowledged. Afterwards the rows are counted against the
receipts: every acknowledged ticket must be a row with the receipt code the client was given
(lost = 0), and no ticket may be a row twice or a row the clients never sent (duplicated = 0).
In the kill run, gunicorn's whole process group gets SIGKILL halfway and a new gunicorn is started
on the same port while the clients keep retrying.

The scorecard part (--scorecard-messages, default 100,000) inserts messages in bulk (not through
the actions: that would take hours), recomputes the precomputed rows, runs ANALYZE, and times the
public comparison page, an agency page and the supervisor dashboard in-process (median and worst
of 20 requests each after a warm-up, page cache off).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, cleanup, describe_database, prepare_environment, setup_django
from pages_bench import free_port, wait_until_up

API = "/messages/api/12345/tickets/"


def start_server(port: int, workers: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "gongkai.wsgi", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip


def setup(clients: int) -> list[str]:
    from django.core.management import call_command

    from gongkai.agencies.models import Agency, Role, Staff
    from gongkai.demo.county import build_county, demo_username
    from gongkai.interaction.actions import ensure_mailboxes
    from gongkai.interaction.actions.tokens import issue_api_token

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    build_county()
    ensure_mailboxes(None, Agency.objects.get(name="示范县人民政府"))
    issuer = Staff.objects.get(username=demo_username("xzfb", Role.SUPERVISOR))
    return [issue_api_token(issuer, name=f"压测客户端{i}")[1] for i in range(clients)]


class Run:
    def __init__(self, port: int, tokens: list[str], seconds: float, label: str):
        self.port, self.tokens, self.seconds, self.label = port, tokens, seconds, label
        self.receipts: dict[str, str] = {}
        self.retries = 0
        self.latencies: list[float] = []
        self.lock = threading.Lock()

    def client(self, n: int) -> None:
        stop_at = time.perf_counter() + self.seconds
        i = 0
        conn = None
        while time.perf_counter() < stop_at:
            ticket = f"{self.label}-{n:02d}-{i:06d}"
            body = json.dumps(
                {
                    "ticket_id": ticket,
                    "kind": "complaint",
                    "subject": "小区门口道路破损",
                    "body": f"压测工单{ticket}：幸福小区门口道路破损，请尽快维修。",
                    "caller_phone": f"139{n:04d}{i % 10000:04d}",
                    "call_time": "2026-12-01T09:30:00+08:00",
                    "caller_name": "压测来电人",
                },
                ensure_ascii=False,
            ).encode()
            headers = {"Authorization": f"Bearer {self.tokens[n]}", "Content-Type": "application/json"}
            while True:  # the same ticket until acknowledged
                t0 = time.perf_counter()
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    conn.request("POST", API, body=body, headers=headers)
                    response = conn.getresponse()
                    payload = response.read()
                    if response.status in (200, 201):
                        receipt = json.loads(payload)["receipt_code"]
                        with self.lock:
                            self.receipts[ticket] = receipt
                            self.latencies.append(time.perf_counter() - t0)
                        break
                    if response.status < 500 and response.status != 429:
                        print(f"{ticket}: {response.status} {payload.decode()[:300]}", file=sys.stderr)
                        return
                except (OSError, http.client.HTTPException):
                    conn = None
                with self.lock:
                    self.retries += 1
                time.sleep(0.2)
            i += 1

    def go(self, clients: int, kill=None) -> float:
        threads = [threading.Thread(target=self.client, args=(n,)) for n in range(clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        if kill:
            kill()
        for t in threads:
            t.join()
        return time.perf_counter() - t0


def verify(run: Run) -> tuple[int, int, int]:
    """(rows, lost, duplicated) of this run's tickets, counted in the database."""
    from gongkai.interaction.models import Message

    rows = dict(
        Message.objects.filter(external_ticket_id__startswith=f"{run.label}-").values_list(
            "external_ticket_id", "receipt_code"
        )
    )
    count = Message.objects.filter(external_ticket_id__startswith=f"{run.label}-").count()
    lost = sum(1 for ticket, receipt in run.receipts.items() if rows.get(ticket) != receipt)
    duplicated = (count - len(rows)) + sum(1 for ticket in rows if ticket not in run.receipts)
    return count, lost, duplicated


def submissions(args, env) -> list[tuple]:
    from django.db import connections

    tokens = setup(args.clients)
    database = describe_database()
    connections.close_all()
    port = free_port()
    child_env = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
    server = start_server(port, args.workers, child_env)
    results = []
    try:
        wait_until_up(f"http://127.0.0.1:{port}/messages/", server)
        for label, kill_after in (("steady", None), ("kill", args.seconds / 2)):
            run = Run(port, tokens, args.seconds, label)
            killed: dict = {}

            def kill(kill_after=kill_after, killed=killed):
                nonlocal server
                if kill_after is None:
                    return
                time.sleep(kill_after)
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
                killed["at"] = time.perf_counter()
                server = start_server(port, args.workers, child_env)
                wait_until_up(f"http://127.0.0.1:{port}/messages/", server)
                killed["down_s"] = time.perf_counter() - killed["at"]

            elapsed = run.go(args.clients, kill)
            rows, lost, duplicated = verify(run)
            lat = sorted(run.latencies) or [0.0]
            rps = len(run.receipts) / elapsed
            results.append(
                (label, database, rps, lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.99)] * 1000,
                 len(run.receipts), rows, lost, duplicated, run.retries, killed.get("down_s"))
            )  # fmt: skip
            print(
                f"{label}: {rps:.1f} submissions/s, acknowledged {len(run.receipts)}, rows {rows}, lost {lost},"
                f" duplicated {duplicated}, retries {run.retries}"
                + (f", server down {killed['down_s']:.1f} s" if killed else ""),
                flush=True,
            )
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
    return results


def scorecards(n: int) -> list[tuple]:
    """Bulk-load `n` messages spread over two years and 10 agencies, then time the pages."""
    from datetime import timedelta

    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Role, Staff
    from gongkai.demo.county import demo_username
    from gongkai.interaction import scorecard
    from gongkai.interaction.actions import ensure_mailboxes
    from gongkai.interaction.models import Mailbox, Message, State

    government = Agency.objects.get(name="示范县人民政府")
    ensure_mailboxes(None, government)
    box = Mailbox.objects.get(agency=government, kind="leader")
    office = Agency.objects.get(name="示范县人民政府办公室")
    leads = list(Agency.objects.exclude(pk__in=[government.pk, office.pk]).order_by("pk")[:10])
    rng = random.Random(7)
    today = timezone.localdate()
    t0 = time.perf_counter()
    batch = []
    states = [State.CLOSED] * 70 + [State.REPLIED] * 20 + [State.ASSIGNED] * 6 + [State.RECEIVED] * 4
    for i in range(n):
        received = today - timedelta(days=rng.randrange(730))
        state = rng.choice(states)
        answered = state in (State.CLOSED, State.REPLIED)
        replied = received + timedelta(days=rng.choice([1, 2, 3, 4, 6, 8, 12]))
        batch.append(
            Message(
                mailbox=box, office=office, kind="complaint", channel="web", subject="道路破损", body="请维修。",
                writer_name="压测", writer_phone="13900000000", phone_last4_hash="x", receipt_code=f"BENCH-{i:07d}",
                submitted_at=timezone.now(), received_on=received, state=state,
                lead_agency=None if state == State.RECEIVED else leads[i % len(leads)],
                due_on=received + timedelta(days=7), first_replied_on=replied if answered else None,
                replied_on=replied if answered else None, reopen_count=1 if i % 40 == 0 else 0,
            )
        )  # fmt: skip
        if len(batch) == 5000:
            Message.objects.bulk_create(batch)
            batch = []
    Message.objects.bulk_create(batch)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = scorecard.rebuild()
    rebuild_s = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"loaded {n} messages in {load_s:.0f} s; rebuilt {rows} day rows in {rebuild_s:.1f} s; ANALYZE done"
    )
    supervisor = Staff.objects.get(username=demo_username("xzfb", Role.SUPERVISOR))
    pages = [
        ("scorecard (all agencies, 12 months)", "/messages/scorecards/", None),
        ("scorecard (all agencies, this year)", f"/messages/scorecards/?period={today.year}", None),
        ("scorecard of one agency", f"/messages/scorecards/{leads[0].pk}/", None),
        ("supervisor dashboard", "/workbench/messages/dashboard/", supervisor),
    ]
    out = []
    # The supervisor signs in without the second factor here: only the pages are timed.
    with override_settings(GONGKAI_PAGECACHE=False, GONGKAI_2FA_ROLES=()):
        for label, url, user in pages:
            client = Client(HTTP_HOST="127.0.0.1")
            if user:
                client.force_login(user)
            for _ in range(3):
                assert client.get(url).status_code == 200, url
            times = []
            for _ in range(20):
                t = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200
            out.append((label, statistics.median(times), max(times)))
            print(
                f"  {label:<38} median {statistics.median(times):6.1f} ms   worst {max(times):6.1f} ms",
                flush=True,
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--scorecard-messages", type=int, default=100_000, help="0 = skip the scorecard part")
    parser.add_argument("--skip-submissions", action="store_true")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-messages-bench-")
    setup_django()
    try:
        if not args.skip_submissions:
            results = submissions(args, env)
            print()
            print(
                "| Run | Database | Clients | submissions/s | p50 | p99 | Acknowledged | Rows | Lost | Duplicated | Retries |"
            )
            print("|---|---|---|---|---|---|---|---|---|---|---|")
            for _label, db, rps, p50, p99, acked, rows, lost, dup, retries, down in results:
                run = "steady" if down is None else f"SIGKILL mid-load (down {down:.1f} s)"
                print(
                    f"| {run} | {db.split(' (')[0]} | {args.clients} | {rps:.0f} | {p50:.0f} ms | {p99:.0f} ms |"
                    f" {acked} | {rows} | {lost} | {dup} | {retries} |"
                )
        else:
            setup(1)
        if args.scorecard_messages:
            print()
            for label, median, worst in scorecards(args.scorecard_messages):
                print(
                    f"| {label} | {describe_database().split(' (')[0]} | {median:.0f} ms | {worst:.0f} ms |"
                )
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
