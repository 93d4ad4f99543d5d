"""Fallback load generator when `wrk` is not installed: N keep-alive clients (threads) in this
separate process, each requesting random paths for a fixed time. Prints one JSON line.

    python benchmarks/_loadgen.py HOST PORT CONNECTIONS SECONDS PATHFILE
"""

from __future__ import annotations

import http.client
import json
import random
import sys
import threading
import time


def main() -> None:
    host, port, connections, seconds, pathfile = sys.argv[1:6]
    paths = [p for p in open(pathfile, encoding="utf-8").read().split() if p]
    stop_at = time.perf_counter() + float(seconds)
    latencies: list[float] = []
    errors = {"status": 0, "socket": 0}
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        mine, bad, broken = [], 0, 0
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths))
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
                mine.append(time.perf_counter() - t0)
            except (OSError, http.client.HTTPException):
                broken += 1
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
        with lock:
            latencies.extend(mine)
            errors["status"] += bad
            errors["socket"] += broken

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(int(connections))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.perf_counter() - start
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1e6 if latencies else 0.0

    print(
        json.dumps(
            {
                "requests": len(latencies),
                "duration_us": duration * 1e6,
                "p50_us": pct(0.50),
                "p99_us": pct(0.99),
                "status_errors": errors["status"],
                "socket_errors": errors["socket"],
            }
        )
    )


if __name__ == "__main__":
    main()
