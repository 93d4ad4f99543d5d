"""Channel adapters of a release: the signed webhook (the real built-in one) and the ready-to-paste
package of an account without an API, with the QR code of the page drawn locally.

The webhook POSTs the JSON body with two headers:
    X-Gongkai-Timestamp: 1764750000            (Unix seconds, when it was signed)
    X-Gongkai-Signature: sha256=<hex>          (HMAC-SHA256 over b"<timestamp>." + body, the channel's secret)
and X-Gongkai-Delivery, the item's stable id (the receiver drops a delivery it has already taken).
A receiver recomputes the HMAC and refuses a timestamp more than `MAX_SKEW` seconds away from its
clock (replay). It answers 2xx, optionally with JSON {"url": "<the link of the post>"}.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from .adapters import SourceError, reason_text

MAX_SKEW = 300
SIGNATURE_HEADER = "X-Gongkai-Signature"
TIMESTAMP_HEADER = "X-Gongkai-Timestamp"
DELIVERY_HEADER = "X-Gongkai-Delivery"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, headers, body: bytes, *, now: float | None = None) -> bool:
    """What a receiver does (used by the tests' server and offered to integrators)."""
    stamp = headers.get(TIMESTAMP_HEADER, "")
    given = headers.get(SIGNATURE_HEADER, "")
    if not stamp.isdigit() or abs((now or time.time()) - int(stamp)) > MAX_SKEW:
        return False
    return hmac.compare_digest(given, signature(secret, stamp, body))


def send_webhook(url: str, secret: str, payload: dict, *, delivery: str, timeout: float) -> str:
    """POST `payload`; the link the receiver answers with (or "" if none), or `SourceError`."""
    if not url.startswith(("http://", "https://")):
        raise SourceError("推送接口地址必须以 http:// 或 https:// 开头")
    if not secret:
        raise SourceError("未设置推送签名密钥")
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    stamp = str(int(time.time()))
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "gongkai-release/1.0",
            TIMESTAMP_HEADER: stamp,
            SIGNATURE_HEADER: signature(secret, stamp, body),
            DELIVERY_HEADER: delivery,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = response.read(65536)
            location = response.headers.get("Location", "")
    except urllib.error.HTTPError as exc:
        raise SourceError(f"接口返回错误（HTTP {exc.code}），已保留待重试") from None
    except TimeoutError:
        raise SourceError(f"接口超过{timeout:g}秒没有响应，已保留待重试") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise SourceError(f"接口超过{timeout:g}秒没有响应，已保留待重试") from None
        raise SourceError(f"无法连接推送接口（{reason_text(exc.reason)}），已保留待重试") from None
    except OSError as exc:
        raise SourceError(f"无法连接推送接口（{reason_text(exc)}），已保留待重试") from None
    try:
        link = str(json.loads(answer or b"{}").get("url") or "")
    except (ValueError, AttributeError):
        link = ""
    link = link or location
    return link if link.startswith(("http://", "https://")) else ""


@functools.lru_cache(maxsize=512)
def qr_svg(url: str) -> str:
    """An inline SVG of the QR code of `url` (segno, no network)."""
    import segno

    return segno.make(url, error="m").svg_inline(
        scale=3, border=2, dark="#000", light="#fff", title=f"二维码：{url}", svgclass="qr", lineclass=None
    )
