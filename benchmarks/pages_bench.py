"""Pages benchmark: requests per second and latency of the public document page and the catalog
list under 50 concurrent clients, with the production server (gunicorn) on this machine.

    .venv/bin/python benchmarks/pages_bench.py [--documents 5000] [--workers 4] [--connections 50]
        [--seconds 20] [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_pages]

Builds a throwaway database in production mode (GONGKAI_DEBUG=0, throwaway secrets, ALLOWED_HOSTS
127.0.0.1, GONGKAI_SSL_REDIRECT=0): `gongkai demo`, then the demo builder's generator up to
--documents documents, each through the real actions (create, screen, three review steps and the
secrecy review, publish). Collects static files into the temporary var dir, starts
`gunicorn gongkai.wsgi` on 127.0.0.1, and drives it from a second process — `wrk` if installed
(Debian: apt-get install wrk), otherwise benchmarks/_loadgen.py (threads) — for --seconds per page:
  document page  /documents/<索引号>/, a random one of 500 published documents per request
  catalog list   /catalog/?page=N, a random one of the first 20 pages (20 per page) per request
Each run is preceded by a short warm-up. Stops gunicorn at the end, removes the temporary directory, and drops a PostgreSQL database
named in the URL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _common import ROOT, cleanup, describe_database, prepare_environment, setup_django

CHUNK = 250
WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(pathfile)s") do paths[#paths + 1] = line end
math.randomseed(%(seed)d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "status_errors": %%d, "socket_errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def build(documents: int) -> dict:
    from django.core.management import call_command

    from gongkai.demo.county import build_county
    from gongkai.demo.publishing import build_publishing
    from gongkai.publishing.models import Document, State

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    with open(os.devnull, "w") as sink:
        call_command("demo", stdout=sink)
    t1 = time.perf_counter()
    before = Document.objects.filter(state=State.PUBLISHED).count()
    # The builder is idempotent and runs in one transaction: grow the catalog in steps, each its own
    # transaction. (One 5,000-document transaction is quadratic on PostgreSQL: every audit entry
    # updates the single audit head row, and its dead versions pile up until the transaction ends.)
    agencies, made = build_county(), {"generated": 0}
    for step in range(CHUNK, documents + CHUNK, CHUNK):
        made["generated"] += build_publishing(agencies, generated=min(step, documents))["generated"]
    t2 = time.perf_counter()
    published = Document.objects.filter(state=State.PUBLISHED).count()
    print(
        f"built: demo in {t1 - t0:.0f} s; generator added {made['generated']} documents in {t2 - t1:.0f} s"
        f" ({made['generated'] / max(t2 - t1, 1e-9):.1f} docs/s through create → review → publish);"
        f" published documents: {before} → {published}"
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    return {"published": published}


def page_paths() -> dict[str, list[str]]:
    from gongkai.publishing.models import Disclosure, Document, State

    rng = random.Random(5)
    docs = list(
        Document.objects.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE).values_list(
            "pk", flat=True
        )
    )
    chosen = Document.objects.filter(pk__in=rng.sample(docs, min(500, len(docs))))
    return {
        "document page": [d.get_absolute_url() for d in chosen],
        "catalog list": [f"/catalog/?page={n}" for n in range(1, 21)],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def load(port: int, paths: list[str], *, connections: int, seconds: float, workdir: str) -> dict:
    """Run the load generator (a second process) against 127.0.0.1:port; returns its figures."""
    pathfile = os.path.join(workdir, f"paths-{random.randrange(10**9)}.txt")
    Path(pathfile).write_text("\n".join(paths) + "\n", encoding="utf-8")
    wrk = shutil.which("wrk")
    if wrk:
        script = os.path.join(workdir, "paths.lua")
        Path(script).write_text(WRK_SCRIPT % {"pathfile": pathfile, "seed": 7}, encoding="utf-8")
        cmd = [wrk, "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "30s", "-s", script]
        cmd.append(f"http://127.0.0.1:{port}")
    else:
        loadgen = str(Path(__file__).with_name("_loadgen.py"))
        cmd = [sys.executable, loadgen, "127.0.0.1", str(port), str(connections), str(seconds), pathfile]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["tool"] = "wrk" if wrk else "python threads"
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=5000, help="generated documents (demo generator)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (README: -w 4)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    env = prepare_environment(args.database_url, prefix="gk-pages-bench-")
    setup_django()
    server = None
    workdir = tempfile.mkdtemp(prefix="gk-pages-load-")
    try:
        build(args.documents)
        groups = page_paths()
        database = describe_database()
        from django.db import connections

        connections.close_all()  # the server processes open their own

        port = free_port()
        child_env = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "gongkai.wsgi", "-w", str(args.workers),
             "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT, env=child_env, start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/catalog/", server)
        for label, paths in groups.items():
            for path in paths[:3]:
                status, body = fetch(base + path)
                if status != 200:
                    raise SystemExit(f"{label}: {path} answered {status}")
            print(f"{label}: e.g. {paths[0]} ({len(body)} bytes)")

        print(
            f"server: gunicorn {args.workers} sync workers, GONGKAI_DEBUG=0, {database};"
            f" load: {args.connections} connections for {args.seconds:.0f} s per page from a second process;"
            f" cpu: {os.cpu_count()} cores shared by server, load generator and other work"
        )
        rows = []
        for label, paths in groups.items():
            load(port, paths, connections=args.connections, seconds=args.warmup, workdir=workdir)
            f = load(port, paths, connections=args.connections, seconds=args.seconds, workdir=workdir)
            rps = f["requests"] / (f["duration_us"] / 1e6)
            errors = f["status_errors"] + f["socket_errors"]
            rows.append(
                (label, rps, f["p50_us"] / 1000, f["p99_us"] / 1000, errors, f["requests"], f["tool"])
            )
            print(
                f"  {label:<14} {rps:>7.1f} req/s   p50 {f['p50_us'] / 1000:>7.1f} ms   p99 {f['p99_us'] / 1000:>7.1f} ms"
                f"   errors {errors} of {f['requests']} ({f['tool']})",
                flush=True,
            )
        print()
        print("| Page | Database | gunicorn workers | Clients | req/s | p50 | p99 | Errors |")
        print("|---|---|---|---|---|---|---|---|")
        for label, rps, p50, p99, errors, total, _tool in rows:
            print(
                f"| {label} | {database.split(' (')[0]} | {args.workers} | {args.connections} | {rps:.0f} |"
                f" {p50:.0f} ms | {p99:.0f} ms | {errors} / {total} |"
            )
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
