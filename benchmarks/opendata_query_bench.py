"""Open-data query benchmark: a 1,000,000-row resource ingested through the real upload action, then
filtered, sorted, paged queries through the whole Django request (the JSON API and the portal's
preview page), against a bare Django view and the query engine alone, measured in the same run.

    .venv/bin/python benchmarks/opendata_query_bench.py [--rows 1000000] [--requests 300]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_opendata] [--compare-sqlite]

Builds a throwaway production-mode database (the demo county), a dataset of 县生态环境局 with six
fields and one CSV resource of --rows hourly readings (40 stations, text, datetime, integer and number
columns; ≈55 MB), uploaded with `actions.add_resource` (read, checked, screened, written to Parquet,
original stored) and released through the review. Then reports:
  - ingest: seconds for the upload action, rows per second, the CSV's and the Parquet file's size;
  - api / preview: --requests requests of a mix of queries (equality, range, IN, full text; sorted by
    a field; pages anywhere in the result), p50 / p95 / max in ms, through Django's test client (every
    middleware, the page cache bypassed);
  - engine: the same queries on the query engine alone (count + page, no Django);
  - bare: a bare Django view (RequestFactory, no middleware, no database) — the machine's ceiling,
    and each p50 as a ratio to it;
  - with --compare-sqlite: the alternative design — the rows loaded into an SQLite table with indexes
    on the filtered fields — load time and the same queries (count + page).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import datetime, timedelta

from _common import cleanup, describe_database, prepare_environment, setup_django

HOST = {"HTTP_HOST": "127.0.0.1"}
STATIONS = [
    f"{town}{n}号监测站"
    for town in ("城关", "河口", "东城", "西山", "南湖", "北岭", "工业园区", "高新区")
    for n in range(1, 6)
]
FIELDS = (
    "station|监测站\ntime|监测时间|日期时间\naqi|空气质量指数|整数\npm25|PM2.5浓度|数值|μg/m³"
    "\npm10|PM10浓度|数值|μg/m³\nlevel|空气质量级别"
)
LEVELS = ["优", "良", "轻度污染", "中度污染", "重度污染"]


def make_csv(rows: int) -> bytes:
    rnd = random.Random(1)
    start = datetime(2020, 1, 1)
    lines = ["监测站,监测时间,空气质量指数,PM2.5浓度,PM10浓度,空气质量级别"]
    per_station = rows // len(STATIONS)
    for i in range(rows):
        station = STATIONS[i // per_station % len(STATIONS)]
        moment = start + timedelta(hours=i % per_station)
        aqi = rnd.randint(15, 320)
        lines.append(
            f"{station},{moment:%Y-%m-%d %H:00},{aqi},{aqi * 0.6:.1f},{aqi * 1.1:.1f},{LEVELS[min(aqi // 60, 4)]}"
        )
    return ("\n".join(lines) + "\n").encode()


def queries(rnd: random.Random) -> dict[str, str]:
    """One query of the mix, as API parameters."""
    kind = rnd.randrange(5)
    page = {"limit": "20", "offset": str(rnd.choice([0, 0, 20, 200, 2000]))}
    if kind == 0:
        return {"station": rnd.choice(STATIONS), "sort": "-time", **page}
    if kind == 1:
        low = rnd.randint(50, 250)
        return {"aqi__gte": str(low), "aqi__lte": str(low + 20), "sort": "-pm25", **page}
    if kind == 2:
        return {
            "station__in": ",".join(rnd.sample(STATIONS, 3)),
            "time__gte": "2021-06-01",
            "sort": "time",
            **page,
        }
    if kind == 3:
        return {"q": rnd.choice(["工业园区", "重度污染", "南湖3号"]), "sort": "-aqi", **page}
    return {"sort": rnd.choice(["-aqi", "time", "station,-time"]), **page}


def preview_params(params: dict[str, str]) -> dict[str, str]:
    """The nearest portal preview request (one field filter, page number instead of offset)."""
    out = {"sort": params.get("sort", "").split(",")[0]}
    if "station" in params:
        out |= {"field": "station", "value": params["station"]}
    elif "aqi__gte" in params:
        out |= {"field": "aqi", "min": params["aqi__gte"], "max": params["aqi__lte"]}
    elif "q" in params:
        out |= {"q": params["q"]}
    out["page"] = str(int(params["offset"]) // 20 + 1)
    return out


def _stats(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "max_ms": round(times[-1], 2),
        "n": len(times),
    }


def bare_ms(n: int = 2000) -> float:
    from django.http import HttpResponse
    from django.test import RequestFactory

    factory = RequestFactory()

    def view(request):
        return HttpResponse(b'{"rows": []}', content_type="application/json")

    start = time.perf_counter()
    for _ in range(n):
        view(factory.get("/", {"a": "1"}))
    return (time.perf_counter() - start) * 1000 / n


def build(rows: int):
    from gongkai.agencies.models import Role, Staff
    from gongkai.demo.county import demo_username
    from gongkai.opendata import actions

    def person(role):
        return Staff.objects.get(username=demo_username("sthjj", role))

    clerk = person(Role.CLERK)
    dataset = actions.create_dataset(
        clerk, agency=clerk.agency, title="基准测试：空气质量小时数据", summary="基准测试", theme="资源环境",
        frequency="每小时",
    )  # fmt: skip
    actions.set_fields(clerk, dataset, actions.parse_fields(FIELDS))
    data = make_csv(rows)
    start = time.perf_counter()
    version = actions.add_resource(clerk, dataset, title="逐小时数据", data=data, filename="readings.csv")
    seconds = time.perf_counter() - start
    actions.submit_dataset(clerk, dataset)
    actions.approve_dataset(person(Role.REVIEWER), dataset)
    actions.publish_dataset(person(Role.SECRECY_REVIEWER), dataset)
    ingest = {
        "rows": version.row_count,
        "seconds": round(seconds, 2),
        "rows_per_second": round(version.row_count / seconds),
        "csv_mb": round(len(data) / 1024 / 1024, 1),
        "parquet_mb": round(version.path().stat().st_size / 1024 / 1024, 1),
    }
    return version, ingest, data


def through_django(version, n: int) -> dict:
    from django.test import Client

    from gongkai.common.pagecache import BYPASS

    client = Client()
    rnd = random.Random(5)
    api_url = f"/api/data/resources/{version.resource_id}/rows"
    page_url = f"/data/resources/{version.resource_id}/"
    for _ in range(5):  # warm up: imports, the thread's DuckDB connection, the file's metadata
        client.get(api_url, queries(rnd), **HOST)
    api, preview, totals = [], [], []
    for _ in range(n):
        params = queries(rnd)
        start = time.perf_counter()
        response = client.get(api_url, params, **HOST)
        api.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:300]
        totals.append(response.json()["total"])
        start = time.perf_counter()
        response = client.get(page_url, preview_params(params), **HOST, **{BYPASS: "1"})
        preview.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {"api": _stats(api), "preview": _stats(preview), "median_matching_rows": statistics.median(totals)}


def engine_only(version, n: int) -> dict:
    from gongkai.opendata import query

    rnd = random.Random(5)
    times = []
    for _ in range(n):
        q = query.parse(version.schema, queries(rnd))
        start = time.perf_counter()
        query.run(version.path(), version.schema, q, rows_in_file=version.row_count)
        times.append((time.perf_counter() - start) * 1000)
    return _stats(times)


def sqlite_alternative(data: bytes, n: int) -> dict:
    """The rows loaded into an SQLite table (indexes on the filtered fields) and queried the same way."""
    import csv
    import io
    import sqlite3
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".sqlite3") as tmp:
        con = sqlite3.connect(tmp.name)
        con.execute("CREATE TABLE r (station TEXT, time TEXT, aqi INTEGER, pm25 REAL, pm10 REAL, level TEXT)")
        start = time.perf_counter()
        reader = csv.reader(io.StringIO(data.decode()))
        next(reader)
        con.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?, ?)", reader)
        for col in ("station", "time", "aqi", "pm25"):
            con.execute(f"CREATE INDEX r_{col} ON r ({col})")
        con.commit()
        load = time.perf_counter() - start
        rnd = random.Random(5)
        times = []
        for _ in range(n):
            p = queries(rnd)
            where, args = [], []
            for key, value in p.items():
                if key in ("limit", "offset", "sort"):
                    continue
                if key == "q":
                    where.append("(station LIKE ? OR level LIKE ?)")
                    args += [f"%{value}%"] * 2
                elif key.endswith("__in"):
                    items = value.split(",")
                    where.append(f"station IN ({','.join('?' * len(items))})")
                    args += items
                else:
                    name, _, op = key.partition("__")
                    where.append(f"{name} {dict(gte='>=', lte='<=').get(op, '=')} ?")
                    args.append(value)
            sql_where = (" WHERE " + " AND ".join(where)) if where else ""
            order = ", ".join(
                f"{s.lstrip('-')} {'DESC' if s.startswith('-') else 'ASC'}" for s in p["sort"].split(",")
            )
            start = time.perf_counter()
            con.execute(f"SELECT count(*) FROM r{sql_where}", args).fetchone()
            con.execute(
                f"SELECT * FROM r{sql_where} ORDER BY {order} LIMIT 20 OFFSET {p['offset']}", args
            ).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        con.close()
    return {"load_seconds": round(load, 1), **_stats(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url")
    parser.add_argument("--compare-sqlite", action="store_true")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-opendata-")
    try:
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        from gongkai.demo.county import build_county

        build_county()
        version, ingest, data = build(args.rows)
        bare = bare_ms()
        django = through_django(version, args.requests)
        result = {
            "database": describe_database(),
            "ingest": ingest,
            **django,
            "engine": engine_only(version, args.requests),
            "bare_view_ms": round(bare, 3),
            "api_p50_ratio_to_bare": round(bare / django["api"]["p50_ms"], 4),
            "preview_p50_ratio_to_bare": round(bare / django["preview"]["p50_ms"], 4),
        }
        if args.compare_sqlite:
            result["sqlite_table_alternative"] = sqlite_alternative(data, args.requests)
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
