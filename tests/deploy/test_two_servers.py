# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Two app servers (gunicorn) on one PostgreSQL and one Redis, as a province deploys them.

Each server has its own var/ directory, as separate machines do; they share the database, Redis (cache,
page cache, sessions, counters) and the file store (GONGKAI_MEDIA_ROOT). What one does, the other sees:
a publication (through the page cache), a login and a logout, rate-limit and login back-off counts, an
uploaded file; 索引号 stay unique when both publish at the same instant; and cron running the scheduled
jobs on both machines runs each job once.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import ssl
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from gongkai.common.models import ScheduledRun
from gongkai.publishing import actions
from gongkai.publishing.models import Document, State
from tests.conftest import PASSWORD
from tests.deploy.conftest import forget_keys, use_shared_caches
from tests.publishing.builders import draft, review_all, team  # noqa: F401

ON_POSTGRESQL = "postgresql" in django_settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRESQL, reason="两台应用服务器共用一个数据库只在 PostgreSQL 上部署（SQLite 只供单机）"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.7\n" + "示范县财政局二〇二六年预算公开表".encode() * 200


# ---------------------------------------------------------------- a browser without a browser


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Visitor:
    """Keeps cookies across requests, to any server, as one browser does behind a load balancer."""

    cookies: dict[str, str] = field(default_factory=dict)
    host: str = "127.0.0.1"  # the Host header
    tls: bool = False  # HTTPS (to nginx; its test certificate is not checked)

    def request(self, port: int, method: str, path: str, *, data=None, files=None) -> Answer:
        headers = {"Host": self.host}
        body = None
        if method == "POST":
            fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
            if files:
                body, ctype = multipart(fields, files)
            else:
                body, ctype = urlencode(fields).encode(), "application/x-www-form-urlencoded"
            headers["Content-Type"] = ctype
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.tls:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", port, timeout=60, context=ssl._create_unverified_context()
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            conn.close()
        for line in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in line.lower() or not value.strip('"'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return answer

    def get(self, port: int, path: str) -> Answer:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, data=None, files=None) -> Answer:
        return self.request(port, "POST", path, data=data, files=files)

    def log_in(self, port: int, username: str, password: str = PASSWORD) -> Answer:
        self.get(port, "/workbench/login/")  # the CSRF cookie
        return self.post(port, "/workbench/login/", {"username": username, "password": password})


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename*=utf-8''{quote(filename)}"
            f'; filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def all_at_once(calls: list) -> list:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        try:
            results[i] = fn()
        except Exception as exc:  # reported by the caller's assertions
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


# ---------------------------------------------------------------- two app servers


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@dataclass
class Stack:
    a: int  # the two servers' ports
    b: int
    media: Path
    env: dict


def server_env(tmp_path: Path, redis_url: str, redis_prefix: str) -> dict:
    skip = (
        "GONGKAI_",
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "PYTEST_",
        "DJANGO_SETTINGS",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        GONGKAI_CACHE_PREFIX=redis_prefix,
        GONGKAI_TESTING="1",  # the tests' fast password hasher: the people below were made with it
        GONGKAI_PAGECACHE="1",  # on, as in production
        GONGKAI_MEDIA_ROOT=str(tmp_path / "shared-store"),
        GONGKAI_STATUS_LOOKUPS_PER_HOUR="4",
        GONGKAI_ACCOUNT_FAILURE_LIMIT="6",
        GONGKAI_LOGIN_FAILURE_LIMIT="100",  # axes counts per address; all of us are 127.0.0.1
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


def start_server(name: str, tmp_path: Path, env: dict) -> tuple[int, subprocess.Popen]:
    port = free_port()
    machine = dict(env, GONGKAI_VAR_DIR=str(tmp_path / f"var-{name}"))  # each machine its own var/
    machine["GONGKAI_AUDIT_CHECKPOINT_DIR"] = str(tmp_path / f"var-{name}" / "audit-checkpoints")
    log = (tmp_path / f"gunicorn-{name}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gongkai.wsgi", "-b", f"127.0.0.1:{port}",
         "-k", "gthread", "-w", "1", "--threads", "6", "--graceful-timeout", "3", "--log-level", "warning"],
        env=machine, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return port, proc


def wait_until_up(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"gunicorn 退出：\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if Visitor().get(port, "/workbench/login/").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn 60 秒内未就绪：\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def servers(django_db_setup, redis_url, tmp_path_factory):
    """Started once for the module (each test's data is its own; the database is emptied after each)."""
    tmp_path = tmp_path_factory.mktemp("two-servers")
    prefix = f"gktest-{uuid.uuid4().hex[:12]}"
    env = server_env(tmp_path, redis_url, prefix)
    procs = [start_server(name, tmp_path, env) for name in ("a", "b")]
    try:
        for (port, proc), name in zip(procs, ("a", "b"), strict=True):
            wait_until_up(port, proc, tmp_path / f"gunicorn-{name}.log")
        yield Stack(procs[0][0], procs[1][0], tmp_path / "shared-store", env)
    finally:
        for _port, proc in procs:
            proc.terminate()
        for _port, proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        forget_keys(redis_url, prefix)


@pytest.fixture
def stack(servers, team, settings, redis_url) -> Stack:
    """The servers, with this test process as a third machine: same Redis keys, same file store."""
    use_shared_caches(settings, redis_url, servers.env["GONGKAI_CACHE_PREFIX"])
    settings.MEDIA_ROOT = servers.media
    yield servers
    connection.close()


def until(fn, *, seconds: float = 5.0):
    """fn() until it is true (the page cache checks the publication generation once a second)."""
    deadline = time.monotonic() + seconds
    while True:
        value = fn()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


# ---------------------------------------------------------------- what one does, the other sees


def test_a_publication_login_and_upload_on_one_server_are_seen_on_the_other(stack, team):
    citizen, li_ming = Visitor(), Visitor()
    assert li_ming.log_in(stack.a, "liming").status == 302

    # A login on A is valid on B; so is the CSRF token of a form opened on A.
    assert li_ming.get(stack.b, "/workbench/").status == 200

    # 李明 uploads an attachment on A; B serves it from the shared store once published.
    doc = draft(team.clerk, title="示范县财政局关于二〇二六年预算公开的通知")
    upload = li_ming.post(
        stack.a, f"/workbench/publishing/{doc.pk}/", {"action": "attach"}, {"file": ("预算公开表.pdf", PDF)}
    )
    assert upload.status == 302, upload.text
    attachment = doc.attachments.get()
    assert (stack.media / attachment.file.name).read_bytes() == PDF

    # The catalog on B is cached before the publication (a second request is a hit) ...
    assert "二〇二六年预算公开" not in citizen.get(stack.b, "/catalog/").text
    assert citizen.get(stack.b, "/catalog/").headers["X-Gongkai-Cache"] == "hit"

    # ... and shows the document published through A within the page cache's second.
    review_all(doc, team)
    published = li_ming.post(stack.a, f"/workbench/publishing/{doc.pk}/do/publish/", {"comment": ""})
    assert published.status == 302, published.text
    doc.refresh_from_db()
    assert doc.state == State.PUBLISHED and doc.index_number
    started = time.monotonic()
    assert until(lambda: "二〇二六年预算公开" in citizen.get(stack.b, "/catalog/").text)
    assert time.monotonic() - started < 3
    page = citizen.get(stack.b, f"/documents/{doc.index_number}/")
    assert page.status == 200 and doc.index_number in page.text

    download = citizen.get(stack.b, f"/attachments/{attachment.pk}/")
    assert download.status == 200 and download.body == PDF

    # Logging out on B ends the session on A too.
    assert li_ming.post(stack.b, "/workbench/logout/").status == 302
    back = li_ming.get(stack.a, "/workbench/")
    assert back.status == 302 and "/workbench/login/" in back.headers["Location"]


def test_index_numbers_stay_unique_when_both_servers_publish_at_once(stack, team):
    li_ming = Visitor()
    assert li_ming.log_in(stack.a, "liming").status == 302
    docs = [review_all(draft(team.clerk, title=f"示范县财政局并发发布测试第{i}号"), team) for i in range(8)]
    answers = all_at_once(
        [
            lambda d=d, port=(stack.a, stack.b)[i % 2]: li_ming.post(
                port, f"/workbench/publishing/{d.pk}/do/publish/"
            )
            for i, d in enumerate(docs)
        ]
    )
    assert [getattr(a, "status", a) for a in answers] == [302] * 8
    numbers = list(
        Document.objects.filter(pk__in=[d.pk for d in docs]).values_list("index_number", flat=True)
    )
    year = timezone.localdate().year
    code = team.clerk.agency.credit_code
    assert sorted(numbers) == [f"{code}/{year}-{n:05d}" for n in range(1, 9)]


def test_rate_limits_and_the_login_back_off_count_across_both_servers(stack, team):
    citizen = Visitor()
    citizen.get(stack.a, "/applications/status/")
    wrong = {"receipt_code": "GK-0000-0000", "phone_last4": "1234"}
    answers = [citizen.post(port, "/applications/status/", wrong).text for port in (stack.a, stack.b) * 2]
    assert all("查询码或联系电话后四位不正确" in text for text in answers)  # 4 allowed per hour, 2 on each
    for port in (stack.a, stack.b):
        assert "查询次数过多，请一小时后再试。" in citizen.post(port, "/applications/status/", wrong).text

    # Guesses at 王芳's password, sent to both servers at the same instant, are each counted ...
    guessers = [Visitor() for _ in range(5)]
    answers = all_at_once(
        [lambda g=g, port=(stack.a, stack.b)[i % 2]: g.log_in(port, "wangfang", "wrong-guess")
         for i, g in enumerate(guessers)]
    )  # fmt: skip
    assert [getattr(a, "status", a) for a in answers] == [200] * 5
    # ... so the sixth, on either server, starts the back-off, and then even her password waits.
    assert Visitor().log_in(stack.b, "wangfang", "wrong-guess").status == 429
    refused = Visitor().log_in(stack.a, "wangfang")
    assert refused.status == 429 and "分钟后再试" in refused.text


def test_cron_on_both_machines_runs_each_scheduled_job_once(stack, team):
    doc = review_all(draft(team.clerk, title="示范县财政局定时发布测试"), team)
    actions.schedule_publication(team.clerk, doc, at=timezone.now() + dt.timedelta(seconds=1))
    time.sleep(1.2)
    now = timezone.localtime()
    if now.minute % 5 == 4 and now.second > 45:  # both runs must fall in one five-minute slot
        time.sleep(61 - now.second)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "gongkai", "scheduled", "frequent"],
            env=dict(stack.env, GONGKAI_VAR_DIR=str(stack.media.parent / f"var-{name}")),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for name in ("a", "b")
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    ran = [out for out in outputs if "==> gongkai publish_scheduled" in out]
    skipped = [out for out in outputs if "gongkai publish_scheduled：本时段" in out and "跳过" in out]
    assert len(ran) == 1 and len(skipped) == 1, outputs
    assert "已发布 1 份" in ran[0]
    doc.refresh_from_db()
    assert doc.state == State.PUBLISHED
    assert ScheduledRun.objects.filter(job="gongkai publish_scheduled").count() == 1
