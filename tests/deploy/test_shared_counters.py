"""Counters in Redis are exact when many servers count at the same instant (INCR, not read-then-write)."""

import threading

import pytest

from gongkai.common import lockout, ratelimit


def all_at_once(fn, n: int) -> list:
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        barrier.wait()
        results[i] = fn()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_parallel_failed_logins_are_each_counted(shared_caches, settings):
    settings.GONGKAI_ACCOUNT_FAILURE_LIMIT = 100
    all_at_once(lambda: lockout.record_failure("wangfang"), 24)
    assert lockout._state("wangfang")["failures"] == 24


def test_the_back_off_starts_and_mails_once_when_guesses_cross_the_limit_together(shared_caches, settings):
    settings.GONGKAI_ACCOUNT_FAILURE_LIMIT = 10
    settings.GONGKAI_ACCOUNT_BACKOFF_SECONDS = 60
    told = []
    original = lockout._notify
    lockout._notify = lambda *args: told.append(args)
    try:
        for _ in range(8):
            lockout.record_failure("wangfang")
        waits = all_at_once(lambda: lockout.record_failure("wangfang"), 6)
    finally:
        lockout._notify = original
    assert len(told) == 1  # exactly one request saw the count reach the limit
    assert lockout.wait_seconds("wangfang") > 0
    assert sum(1 for w in waits if w == 0) == 1  # the 9th failure: still no wait


@pytest.mark.parametrize("limit", [5, 30])
def test_parallel_hits_on_the_rate_limit_let_exactly_the_limit_through(shared_caches, limit):
    over = all_at_once(
        lambda: ratelimit.hit("applications.status", "203.0.113.9", limit=limit, window=3600), 40
    )
    assert over.count(False) == limit
