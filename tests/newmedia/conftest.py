"""A local HTTP server the tests start: it serves the shipped feed files (with ETag and
Last-Modified, answering conditional requests with 304), a page that never answers, a webhook
receiver that checks the signature as an integrator would, and endpoints that fail."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gongkai.newmedia import actions, channels
from gongkai.newmedia.models import Delivery, Platform

FILES = Path(__file__).parent / "files"
SECRET = "县融媒体中心共享密钥"
ETAG = '"feed-v1"'
LAST_MODIFIED = "Tue, 01 Dec 2026 02:00:00 GMT"


@dataclass
class Server:
    base: str
    requests: list[dict] = field(default_factory=list)  # what arrived (path, headers, body, verified)
    hang_seconds: float = 3.0

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]


def _handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _record(self, body: bytes = b"") -> dict:
            entry = {"path": self.path, "headers": dict(self.headers.items()), "body": body, "verified": None}
            server.requests.append(entry)
            return entry

        def do_GET(self):
            entry = self._record()
            if self.path == "/hang.rss":
                time.sleep(server.hang_seconds)
                return self._send(200, b"<rss/>", "application/rss+xml")
            name = self.path.lstrip("/")
            path = FILES / name
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

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            entry = self._record(body)
            entry["verified"] = channels.verify(SECRET, self.headers, body)
            if self.path == "/hook":
                if not entry["verified"]:
                    return self._send(401, b"bad signature", "text/plain")
                payload = json.loads(body)
                answer = json.dumps({"url": f"https://rmt.example.cn/post/{payload['delivery'][:8]}"})
                return self._send(200, answer.encode(), "application/json")
            if self.path == "/hook-500":
                return self._send(500, b"internal error", "text/plain")
            if self.path == "/hook-hang":
                time.sleep(server.hang_seconds)
                return self._send(200, b"{}", "application/json")
            return self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, kind: str, headers: dict | None = None):
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

    return Handler


@pytest.fixture
def server():
    http = ThreadingHTTPServer(("127.0.0.1", 0), None)
    state = Server(base=f"http://127.0.0.1:{http.server_address[1]}")
    http.RequestHandlerClass = _handler(state)
    http.daemon_threads = True
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield state
    http.shutdown()
    http.server_close()


@pytest.fixture
def short_timeouts(settings):
    settings.GONGKAI_NEWMEDIA_FETCH_TIMEOUT = 1


def make_account(clerk, reviewer, *, platform=Platform.WECHAT, name="示范县财政", approve=True, **fields):
    """An account registered by `clerk` and (by default) approved by `reviewer`, through the actions."""
    fields.setdefault("person_in_charge", "李明")
    account = actions.register_account(clerk, platform=platform, name=name, **fields)
    if approve:
        account = actions.approve_account(reviewer, account, note="同意开设")
    return account


def webhook_account(clerk, reviewer, url: str, *, platform=Platform.APP, name="示范县融媒体客户端"):
    return make_account(
        clerk,
        reviewer,
        platform=platform,
        name=name,
        delivery=Delivery.WEBHOOK,
        webhook_url=url,
        webhook_secret=SECRET,
    )
