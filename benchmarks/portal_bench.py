"""Portal benchmark: the public pages side by side with nginx serving a saved copy and a bare Django view.

    .venv/bin/python benchmarks/portal_bench.py [--documents 4800] [--seconds 10] [--connections 50]
        [--workers 4] [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_portal] [--port 8100]

In one run, against one throwaway database (built as in pages_bench.py: `gongkai demo`, then the demo
generator through the real actions up to --documents documents, then `gongkai analyse`):

  nginx static     nginx (2 workers) serving a saved copy of a document page as a file
  bare Django      `gunicorn -w 4` running a Django view, no middleware, returning the same bytes
  gongkai          `gunicorn gongkai.wsgi -w 4` (the embedded default: page cache in each worker,
                   the publication generation in a file under var/)
  gongkai + nginx  the same gunicorn behind nginx with deploy/published-pages.conf (the recommended
                   production setup: nginx keeps a 2-second copy of published pages)

for home, catalog, column list, document, interpretation, feed, sitemap (index and section), search,
the application form and the status lookup form, each with `wrk -c 50` for --seconds after a short
warm-up that also fills the caches (so published pages are measured as they are served after their
first view; pass --no-cache to measure every request rendered afresh). Prints a Markdown table of
req/s and the ratios the README's 性能 section quotes. Needs `wrk` and `nginx` (Debian packages).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from _common import ROOT, cleanup, describe_database, prepare_environment, setup_django
from pages_bench import build, wait_until_up

PUBLISHED = (
    "home",
    "catalog",
    "column list",
    "document",
    "interpretation",
    "feed",
    "sitemap index",
    "sitemap section",
)
DYNAMIC = ("search", "application form", "status lookup")
SEARCH_TERMS = (
    "预算", "公开", "通知", "住房", "教育", "财政", "安全生产", "环境", "卫生", "补贴",
    "政府信息公开", "市场监管", "应急", "乡村振兴", "城关镇", "办法", "意见", "决算", "招聘", "规划",
)  # fmt: skip

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(pathfile)s") do paths[#paths + 1] = line end
math.randomseed(7)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""

BARE_APP = """
import os
from pathlib import Path

from django.conf import settings

settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, MIDDLEWARE=[], SECRET_KEY="bench")

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

BODY = Path(os.environ["BARE_FILE"]).read_bytes()


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
application = get_wsgi_application()
"""

NGINX_CONF = """
worker_processes 2;
pid %(dir)s/nginx.pid;
error_log %(dir)s/error.log warn;
events { worker_connections 2048; }
http {
    access_log off;
    client_body_temp_path %(dir)s/client;
    proxy_temp_path %(dir)s/proxy;
    fastcgi_temp_path %(dir)s/fastcgi;
    uwsgi_temp_path %(dir)s/uwsgi;
    scgi_temp_path %(dir)s/scgi;
    sendfile on;
    keepalive_timeout 65s;
    keepalive_requests 100000;
%(published)s
    upstream gongkai_app {
        server 127.0.0.1:%(app_port)d;
        keepalive 64;
    }
    server {   # nginx static: the saved copy of a document page, whatever the path
        listen 127.0.0.1:%(static_port)d;
        proxy_cache off;
        location / {
            root %(dir)s/static;
            default_type "text/html; charset=utf-8";
            try_files /page.html =404;
        }
    }
    server {   # gongkai behind nginx
        listen 127.0.0.1:%(proxy_port)d;
        location / {
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_pass http://gongkai_app;
        }
    }
}
"""


def page_paths() -> dict[str, list[str]]:
    from gongkai.publishing.models import Column, Disclosure, Document, Interpretation, State

    rng = random.Random(5)
    docs = list(
        Document.objects.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE).values_list(
            "pk", flat=True
        )
    )
    chosen = Document.objects.filter(pk__in=rng.sample(docs, min(500, len(docs))))
    columns = list(Column.objects.values_list("slug", flat=True))
    interpretations = Interpretation.objects.filter(state=State.PUBLISHED)
    return {
        "home": ["/"],
        "catalog": [f"/catalog/?page={n}" for n in range(1, 21)],
        "column list": [f"/catalog/?column={slug}&page={n}" for slug in columns for n in (1, 2)],
        "document": [d.get_absolute_url() for d in chosen],
        "interpretation": [i.get_absolute_url() for i in interpretations] or ["/interpretations/"],
        "feed": [f"/feeds/{slug}/rss/" for slug in columns],
        "sitemap index": ["/sitemap.xml"],
        "sitemap section": ["/sitemap-documents.xml"],
        "search": [f"/search/?q={quote(term)}" for term in SEARCH_TERMS],
        "application form": ["/applications/apply/"],
        "status lookup": ["/applications/status/"],
    }


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def load(port: int, paths: list[str], *, connections: int, seconds: float, workdir: Path) -> dict:
    pathfile = workdir / f"paths-{random.randrange(10**9)}.txt"
    pathfile.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = workdir / "paths.lua"
    script.write_text(WRK_SCRIPT % {"pathfile": pathfile}, encoding="utf-8")
    cmd = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
    ]
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def start(cmd: list[str], env: dict, url: str) -> subprocess.Popen:
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    wait_until_up(url, process)
    return process


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=4800)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--port", type=int, default=8100, help="first of four ports used")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--no-cache", action="store_true", help="GONGKAI_PAGECACHE=0 (every page rendered)")
    parser.add_argument("--only", action="append", help="measure only these pages (repeatable)")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is needed: apt-get install {tool}")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"

    env = prepare_environment(args.database_url, prefix="gk-portal-bench-")
    setup_django()
    workdir = Path(tempfile.mkdtemp(prefix="gk-portal-load-"))
    processes: list[subprocess.Popen] = []
    try:
        build(args.documents)
        from gongkai.common.dbstats import analyse

        analyse()  # as `gongkai analyse` does after a bulk load
        groups = page_paths()
        if args.only:
            groups = {k: v for k, v in groups.items() if k in args.only}
        database = describe_database()
        from django.db import connections

        connections.close_all()
        app_port, bare_port, static_port, proxy_port = args.port, args.port + 1, args.port + 2, args.port + 3
        child_env = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
        if args.no_cache:
            child_env["GONGKAI_PAGECACHE"] = "0"
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        base = ["-w", str(args.workers), "--log-level", "warning"]
        processes.append(
            start([gunicorn, "gongkai.wsgi", *base, "-b", f"127.0.0.1:{app_port}"], child_env,
                  f"http://127.0.0.1:{app_port}/catalog/")
        )  # fmt: skip
        sample = groups.get("document", page_paths()["document"])[0]
        status, saved = fetch(f"http://127.0.0.1:{app_port}{sample}")
        assert status == 200, (sample, status)
        (workdir / "static").mkdir()
        (workdir / "static" / "page.html").write_bytes(saved)
        (workdir / "bare_app.py").write_text(BARE_APP, encoding="utf-8")
        bare_env = {
            **os.environ,
            "BARE_FILE": str(workdir / "static" / "page.html"),
            "PYTHONPATH": str(workdir),
        }
        bare_env.pop("DJANGO_SETTINGS_MODULE", None)
        processes.append(
            start([gunicorn, "bare_app", *base, "-b", f"127.0.0.1:{bare_port}"], bare_env,
                  f"http://127.0.0.1:{bare_port}/")
        )  # fmt: skip
        workdir.chmod(0o755)  # nginx's workers run as an unprivileged user
        for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
            (workdir / name).mkdir()
            (workdir / name).chmod(0o777)
        block = (
            (ROOT / "deploy" / "published-pages.conf")
            .read_text(encoding="utf-8")
            .replace("/var/cache/nginx/gongkai", str(workdir / "cache"))
        )
        conf = NGINX_CONF % {
            "dir": workdir, "published": block, "app_port": app_port,
            "static_port": static_port, "proxy_port": proxy_port,
        }  # fmt: skip
        (workdir / "nginx.conf").write_text(conf, encoding="utf-8")
        processes.append(
            start([nginx, "-c", str(workdir / "nginx.conf"), "-p", str(workdir), "-g", "daemon off;"],
                  dict(os.environ), f"http://127.0.0.1:{static_port}/")
        )  # fmt: skip
        print(
            f"database: {database}; saved page {sample} ({len(saved):,} bytes); gunicorn -w {args.workers};"
            f" wrk -t2 -c{args.connections} for {args.seconds:.0f} s per row after a {args.warmup:.0f} s warm-up;"
            f" page cache {'off' if args.no_cache else 'on'}; {os.cpu_count()} cores shared by everything",
            flush=True,
        )

        def measure(port: int, paths: list[str]) -> dict:
            for path in paths:  # every page once: the caches hold what a visitor would find
                fetch(f"http://127.0.0.1:{port}{path}")
            load(port, paths, connections=args.connections, seconds=args.warmup, workdir=workdir)
            return load(port, paths, connections=args.connections, seconds=args.seconds, workdir=workdir)

        static = measure(static_port, ["/"])
        bare = measure(bare_port, ["/"])
        print(
            f"  nginx static {static['rps']:>9.0f} req/s   bare Django {bare['rps']:>7.0f} req/s", flush=True
        )
        rows = []
        for label, paths in groups.items():
            for path in paths[:2]:
                for port in (app_port, proxy_port):
                    status, body = fetch(f"http://127.0.0.1:{port}{path}")
                    if status != 200:
                        raise SystemExit(f"{label}: {path} answered {status} on port {port}: {body[:300]!r}")
            alone = measure(app_port, paths)
            behind = measure(proxy_port, paths)
            rows.append((label, alone, behind))
            print(
                f"  {label:<17} gongkai {alone['rps']:>7.0f} req/s ({alone['rps'] / bare['rps']:>6.1%} of bare Django,"
                f" errors {alone['errors']})   behind nginx {behind['rps']:>7.0f} req/s"
                f" ({behind['rps'] / static['rps']:>6.1%} of nginx static, errors {behind['errors']})",
                flush=True,
            )
        name = database.split(" (")[0]
        print()
        print(f"nginx static: {static['rps']:,.0f} req/s; bare Django: {bare['rps']:,.0f} req/s ({name})")
        print()
        print(
            "| Page | gongkai req/s | % of bare Django | p99 | behind nginx req/s | % of nginx static | errors |"
        )
        print("|---|---|---|---|---|---|---|")
        for label, alone, behind in rows:
            print(
                f"| {label} | {alone['rps']:,.0f} | {alone['rps'] / bare['rps']:.1%} | {alone['p99_us'] / 1000:.0f} ms |"
                f" {behind['rps']:,.0f} | {behind['rps'] / static['rps']:.1%} | {alone['errors'] + behind['errors']} |"
            )
    finally:
        for process in reversed(processes):
            stop(process)
        time.sleep(0.2)
        shutil.rmtree(workdir, ignore_errors=True)
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
