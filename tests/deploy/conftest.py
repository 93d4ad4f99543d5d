"""Redis for the tests of what several app servers share.

GONGKAI_TEST_REDIS_URL names it (.ci/run sets it, starting a Redis if none answers); otherwise a Redis on
127.0.0.1:6379, database 15. Every test keeps to keys of its own prefix and deletes them afterwards, so a
Redis shared with other work is left as it was. Without Redis these tests skip, except in CI, where they
must run.
"""

from __future__ import annotations

import os
import socket
import uuid
from urllib.parse import urlsplit

import pytest
import redis

REDIS_URL = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> str:
    if not redis_answers(REDIS_URL):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI 中必须有 Redis（{REDIS_URL}）：.ci/run 应已启动它")
        pytest.skip(f"没有 Redis 在 {REDIS_URL} 应答")
    return REDIS_URL


def forget_keys(redis_url: str, prefix: str) -> None:
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def redis_prefix(redis_url):
    """A key prefix of this test's own; its keys are deleted afterwards."""
    prefix = f"gktest-{uuid.uuid4().hex[:12]}"
    yield prefix
    forget_keys(redis_url, prefix)


@pytest.fixture
def shared_caches(settings, redis_url, redis_prefix):
    return use_shared_caches(settings, redis_url, redis_prefix)


def use_shared_caches(settings, redis_url: str, redis_prefix: str) -> str:
    """This test process's caches in the shared Redis, as every app server's are in production."""
    cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": redis_prefix,
    }
    settings.CACHES = {
        "default": cache,
        "counters": cache,
        "pages": {**cache, "KEY_PREFIX": f"{redis_prefix}:pages"},
    }
    settings.REDIS_URL = redis_url
    return redis_prefix
