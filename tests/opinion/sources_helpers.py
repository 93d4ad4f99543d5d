"""Fixtures of the 舆情 collection tests: an analyst of 县财政局, sources made through the actions, and a
local HTTP server serving the feed files shipped in tests/opinion/data/ (ETag and Last-Modified,
304 on a conditional request, a feed that hangs)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.opinion.collect import actions, neardup
from gongkai.opinion.models import SourceCategory, SourceKind
from gongkai.opinion.normalise import RawPost
from tests.conftest import PASSWORD

DATA = Path(__file__).parent / "data"
ETAG = '"opinion-v1"'
LAST_MODIFIED = "Tue, 01 Dec 2026 08:00:00 GMT"


def finance_analyst(county):
    """钱丽, opinion analyst (舆情员) of 县财政局 (made once per test)."""
    from gongkai.agencies.models import Staff

    found = Staff.objects.filter(username="qianli").first()
    return found or create_staff(
        None,
        username="qianli",
        password=PASSWORD,
        agency=county.finance,
        full_name="钱丽",
        roles=[Role.OPINION_ANALYST],
    )


def finance_opinion_source(county):
    """A source of 县财政局 with one post, for the scope test (made once per test)."""
    from gongkai.opinion.models import Source

    found = Source.objects.filter(name="财政舆情测试来源").first()
    if found:
        return found
    source = make_source(finance_analyst(county), name="财政舆情测试来源", kind=SourceKind.FEED)
    actions.ingest_posts(
        None, source, [raw(1, "财政惠民资金发放进度如何", title="财政惠民资金测试帖")], how="push"
    )
    return source


def make_source(analyst, *, kind=SourceKind.VENDOR, name="县财政局舆情监测导出", **values):
    values.setdefault("category", SourceCategory.SELF_MEDIA)
    if kind == SourceKind.FEED:
        values.setdefault("url", "http://127.0.0.1:9/none.rss")
    return actions.create_source(analyst, owner=analyst.agency, name=name, kind=kind, **values)


def raw(n: int, text: str = "", **fields) -> RawPost:
    fields.setdefault("published_at", datetime(2026, 12, 1, 2, n % 60, tzinfo=UTC))
    return RawPost(
        title=fields.pop("title", f"测试信息{n}"),
        body=text or f"第{n}条测试正文",
        external_id=f"t-{n}",
        **fields,
    )


@pytest.fixture
def analyst(county):
    return finance_analyst(county)


@pytest.fixture
def fresh_neardup_index():
    neardup.reset()
    yield
    neardup.reset()


@dataclass
class Server:
    base: str
    requests: list[dict] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]


def _handler(state: Server):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            entry = {"path": self.path, "headers": dict(self.headers.items())}
            state.requests.append(entry)
            if self.path == "/hang.rss":
                time.sleep(3)
                return self._send(200, b"<rss/>", "application/rss+xml")
            name = self.path.lstrip("/")
            path = DATA / name
            if "/" in name or not path.is_file():
                return self._send(404, b"not found", "text/plain")
            if self.headers.get("If-None-Match") == ETAG:
                entry["not_modified"] = True
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
                return None
            kind = "text/html; charset=utf-8" if name.endswith(".html") else "application/xml"
            return self._send(200, path.read_bytes(), kind, {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

        def _send(self, status, body, kind, headers=None):
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def feed_server():
    http = ThreadingHTTPServer(("127.0.0.1", 0), None)
    state = Server(base=f"http://127.0.0.1:{http.server_address[1]}")
    http.RequestHandlerClass = _handler(state)
    http.daemon_threads = True
    thread = threading.Thread(target=http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    http.shutdown()
    http.server_close()
