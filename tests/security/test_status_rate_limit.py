"""The status lookup is limited per citizen behind the proxy, in counters every worker shares."""

import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache

from gongkai.common import ratelimit

pytestmark = pytest.mark.django_db

LOOKUP = {"receipt_code": "YS2026-AAAA-BBBB", "phone_last4": "1234"}
TOO_MANY = "查询次数过多，请一小时后再试。"


@pytest.fixture
def behind_nginx(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.GONGKAI_STATUS_LOOKUPS_PER_HOUR = 3


def lookup(client, citizen: str):
    return client.post("/applications/status/", LOOKUP, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=citizen)


def test_one_citizen_over_the_limit_does_not_block_the_others(client, county, behind_nginx):
    for _ in range(3):
        assert TOO_MANY not in lookup(client, "203.0.113.7").content.decode()
    assert TOO_MANY in lookup(client, "203.0.113.7").content.decode()
    assert TOO_MANY not in lookup(client, "203.0.113.8").content.decode()


def test_a_forged_header_does_not_escape_the_limit(client, county, behind_nginx):
    for n in range(3):
        lookup(client, f"10.9.9.{n}, 203.0.113.7")
    assert TOO_MANY in lookup(client, "10.9.9.99, 203.0.113.7").content.decode()


def test_counters_are_not_in_process_memory(client, county, behind_nginx):
    # Without REDIS_URL the counters are rows of a database table, which every worker reads.
    assert isinstance(caches["counters"], DatabaseCache)
    for _ in range(3):
        lookup(client, "203.0.113.7")
    caches["default"].clear()  # what a restart does to a process cache
    assert TOO_MANY in lookup(client, "203.0.113.7").content.decode()


def test_a_window_starts_afresh():
    hour = 3600
    assert not ratelimit.hit("test", "a", limit=1, window=hour, now=10 * hour)
    assert ratelimit.hit("test", "a", limit=1, window=hour, now=10 * hour + 5)
    assert not ratelimit.hit("test", "a", limit=1, window=hour, now=11 * hour)


def _redis_or_skip() -> str:
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    return url


def test_two_workers_share_one_redis_count(settings, monkeypatch):
    url = _redis_or_skip()
    prefix = f"gongkai-test-{uuid.uuid4().hex}"
    # Two cache clients, as two worker processes would have them, on one Redis.
    workers = [RedisCache(url, {"KEY_PREFIX": prefix}) for _ in range(2)]
    turn = iter(workers * 3)
    monkeypatch.setattr(ratelimit, "counters", lambda: next(turn))
    try:
        results = [ratelimit.hit("test", "a", limit=4, window=3600) for _ in range(6)]
    finally:
        client = workers[0]._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    assert results == [False, False, False, False, True, True]
