"""Website inspection benchmark (网站检查, issue #15 E2): one full inspection of a site with many
published pages — pages per second and memory — against the ceiling of the same machine.

    .venv/bin/python benchmarks/inspection.py [--pages 10000 30000 100000]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_inspection]

Builds a throwaway database in production mode (GONGKAI_DEBUG=0, page cache on): the demo county's
agencies, four columns (动态要闻, 通知公告, 政策文件, 人事信息), one document taken through the real actions
as a template, then documents copied from it in bulk up to the largest --pages. For each size N the
site is narrowed to N documents (the others withdrawn), the page cache is emptied, and one full
`run_inspection` runs (crawl of the home page, the column lists and every document, all checks,
defacement verification, findings stored). Reports per size: pages crawled, seconds, pages/s,
peak RSS and the RSS growth during the run (sampled every 1,000 pages).

The ceiling: the same in-process fetch (ClientHandler, the full middleware chain, the site's host)
of a bare Django view returning a page of the same size, N times — what the crawl could at most do
on this machine with this middleware. The ratio crawl/ceiling is what the inspection's own work
(rendering the real pages, parsing, checks) costs.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import timedelta

from _common import cleanup, current_rss_mb, describe_database, peak_rss_mb, prepare_environment, setup_django
from django.urls import path

HOST = "127.0.0.1"


def bare(request, n):
    """The ceiling's view: a page as large as a real document page (settings.BENCH_BARE_BODY)."""
    from django.conf import settings
    from django.http import HttpResponse

    return HttpResponse(settings.BENCH_BARE_BODY, content_type="text/html; charset=utf-8")


def __getattr__(name: str):
    """`urlpatterns` while the ceiling is measured (ROOT_URLCONF="inspection"): the bare view beside
    the real ones (the middleware reverses some of them), built once Django is set up."""
    if name == "urlpatterns":
        from gongkai.urls import urlpatterns

        return [path("bare/<int:n>/", bare), *urlpatterns]
    raise AttributeError(name)


def build(largest: int) -> dict:
    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.agencies.models import Role, Staff
    from gongkai.demo.county import build_county
    from gongkai.portal.actions import create_site
    from gongkai.publishing import actions
    from gongkai.publishing.models import Document, UpdateClass

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    agencies = build_county()
    finance = next(a for a in agencies.values() if "财政" in a.name)
    columns = [
        actions.create_column(None, name="动态要闻", slug="dtyw", update_class=UpdateClass.NEWS),
        actions.create_column(None, name="通知公告", slug="tzgg", update_class=UpdateClass.NOTICE),
        actions.create_column(None, name="政策文件", slug="zcwj", update_class=UpdateClass.NOTICE),
        actions.create_column(None, name="人事信息", slug="rsxx", update_class=UpdateClass.YEARLY),
    ]
    staff = {r: Staff.objects.filter(agency=finance, roles__role=r).first() for r in Role.values}
    site = create_site(
        None, name="示范县人民政府网站", code="3709000001", hosts=[HOST], agency=None, is_default=True
    )
    template = actions.create_document(
        staff[Role.CLERK] or Staff.objects.filter(agency=finance).first(),
        title="示范县财政局关于做好预算公开工作的通知",
        body="<p>为进一步做好财政资金信息公开工作，现将有关事项通知如下。</p>" * 12,
        column=columns[0],
    )
    now = timezone.now()
    fields = {
        f.attname: getattr(template, f.attname)
        for f in Document._meta.concrete_fields
        if f.attname not in ("id", "index_number", "title", "column_id", "published_at", "state")
    }
    batch = []
    for i in range(largest):
        batch.append(
            Document(
                **fields,
                index_number=f"BENCH/2026-{i:06d}",
                title=f"示范县财政局关于第{i}项工作的通知",
                column_id=columns[i % 3].pk,
                published_at=now - timedelta(hours=i),
                state="published",
            )
        )
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    template.delete()
    return {"site": site.pk}


def narrow(n: int) -> None:
    """Exactly n published documents; the page cache and its hashes start empty."""
    from django.core.cache import caches

    from gongkai.common import pagecache
    from gongkai.common.models import PublishedPage
    from gongkai.publishing.models import Document

    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    Document.objects.filter(pk__in=ids[:n]).update(state="published")
    for start in range(n, len(ids), 5000):
        Document.objects.filter(pk__in=ids[start : start + 5000]).update(state="unpublished")
    caches[pagecache.ALIAS].clear()
    PublishedPage.objects.all().delete()
    pagecache.bump_now()


def measure_inspection(n: int, site_pk: int) -> dict:
    from django.conf import settings

    from gongkai.oversight.inspection import context
    from gongkai.oversight.inspection.runner import run_inspection
    from gongkai.portal.models import Site

    settings.GONGKAI_INSPECTION_MAX_PAGES = 2 * n + 1000  # each document page plus the lists that link to it
    samples: list[float] = []
    original = context.InspectionContext.fetch
    count = [0]

    def sampling_fetch(self, path):
        count[0] += 1
        if count[0] % 1000 == 0:
            samples.append(current_rss_mb())
        return original(self, path)

    context.InspectionContext.fetch = sampling_fetch
    rss_before = current_rss_mb()
    started = time.perf_counter()
    try:
        inspection = run_inspection(Site.objects.get(pk=site_pk))
    finally:
        context.InspectionContext.fetch = original
    seconds = time.perf_counter() - started
    crawl = inspection.summary.get("crawl", {})
    return {
        "documents": n,
        "state": inspection.state,
        "error": inspection.error,
        "pages": inspection.pages_checked,
        "links": inspection.links_checked,
        "seconds": round(seconds, 1),
        "crawl_seconds": crawl.get("seconds"),
        "pages_per_s": round(inspection.pages_checked / seconds, 1),
        "findings": inspection.findings.count(),
        "rss_before_mb": round(rss_before, 1),
        "rss_after_mb": round(current_rss_mb(), 1),
        "rss_samples_mb": [round(s) for s in samples[:: max(1, len(samples) // 10)]],
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def measure_ceiling(n: int, site_pk: int) -> dict:
    from django.test.utils import override_settings

    from gongkai.oversight.inspection.context import InspectionContext
    from gongkai.portal.models import Site

    with override_settings(ROOT_URLCONF="inspection"):
        ctx = InspectionContext(Site.objects.get(pk=site_pk))
        started = time.perf_counter()
        for i in range(n):
            fetched = ctx.fetch(f"/bare/{i}/")
            assert fetched.status == 200, fetched
        seconds = time.perf_counter() - started
    return {"requests": n, "seconds": round(seconds, 1), "per_s": round(n / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--ceiling", type=int, default=5000, help="bare-view requests for the ceiling")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-inspection-")
    try:
        setup_django()
        t = time.perf_counter()
        built = build(max(args.pages))
        print(json.dumps({"database": describe_database(), "built_documents": max(args.pages),
                          "build_seconds": round(time.perf_counter() - t, 1)}, ensure_ascii=False), flush=True)  # fmt: skip
        from gongkai.oversight.inspection.context import InspectionContext
        from gongkai.portal.models import Site
        from gongkai.publishing.models import Document

        narrow(10)
        doc = Document.objects.filter(state="published").first()
        sample = InspectionContext(Site.objects.get(pk=built["site"])).fetch(
            f"/documents/{doc.public_key()}/"
        )
        from django.conf import settings

        settings.BENCH_BARE_BODY = sample.body
        print(json.dumps({"document_page_bytes": len(sample.body), "status": sample.status}), flush=True)
        ceiling = measure_ceiling(args.ceiling, built["site"])
        print(json.dumps({"ceiling_bare_view": ceiling}), flush=True)
        for n in sorted(args.pages):
            narrow(n)
            result = measure_inspection(n, built["site"])
            result["of_ceiling_pct"] = round(100 * result["pages_per_s"] / ceiling["per_s"], 1)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
