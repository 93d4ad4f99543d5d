"""Run one inspection of a site: the action behind the daily job, the CLI and the 立即检查 button.

`run_inspection(site, actor=None, base_url=None)`:
1. creates the `Inspection` (检查中) in its own transaction, so a page shows it running;
2. crawls the site and runs every registered check (a check that raises is reported in the summary
   and the inspection ends 检查出错 with the check named; the other checks' findings are kept);
3. stores the findings in bulk, the counts of pages and links, and what the checks noted;
4. calls `scoring.apply(inspection)` when scoring is installed;
5. marks the open findings of the site's previous completed inspection that this one no longer sees
   as cleared (`cleared_by`) — except those of a check that failed this time;
6. ends 已完成 (or 检查出错 with the reason in Chinese) and records `oversight.inspection.run`.
"""

from __future__ import annotations

import hashlib
import logging
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from gongkai.audit.actions import record_audit, snapshot
from gongkai.oversight.models import Finding, Inspection

from .context import InspectionContext
from .registry import Found, checks

log = logging.getLogger(__name__)
AUDIT_FIELDS = ["site", "state", "pages_checked", "links_checked", "score", "vetoed", "passed", "error"]


def _key(code: str, key: str) -> str:
    if len(key) <= 300:
        return key
    return key[:250] + "#" + hashlib.sha256(key.encode()).hexdigest()[:40]


def _finding(inspection: Inspection, code: str, found: Found) -> Finding:
    return Finding(
        inspection=inspection,
        check_code=code,
        key=_key(code, found.key),
        agency_id=found.agency_id,
        url=found.url[:1000],
        title=found.title[:300],
        detail=found.detail,
        count=max(found.count, 1),
    )


def _scoring():
    try:
        return import_module("gongkai.oversight.inspection.scoring")
    except ModuleNotFoundError as exc:
        if exc.name != "gongkai.oversight.inspection.scoring":
            raise
        return None


def run_inspection(site, *, actor=None, base_url: str | None = None, now=None) -> Inspection:
    now = now or timezone.now()
    with transaction.atomic():
        inspection = Inspection.objects.create(
            site=site, started_at=now, started_by=actor if getattr(actor, "pk", None) else None
        )
    findings: dict[tuple[str, str], Finding] = {}
    failed: dict[str, str] = {}
    summary: dict = {}
    error = ""
    try:
        ctx = InspectionContext(site, now, base_url)
        crawl = ctx.crawl
        for check in checks():
            try:
                for found in check.fn(ctx):
                    finding = _finding(inspection, check.code, found)
                    existing = findings.get((check.code, finding.key))
                    if existing is None:
                        findings[(check.code, finding.key)] = finding
                    else:
                        existing.count += finding.count
            except ImproperlyConfigured as exc:
                failed[check.code] = str(exc)
            except Exception as exc:
                log.exception("inspection check %s failed", check.code)
                failed[check.code] = f"{type(exc).__name__}: {exc}"[:500]
        summary["crawl"] = {
            "pages": crawl.pages,
            "links": crawl.links,
            "seconds": round(crawl.seconds, 2),
            "average_ms": round(crawl.total_ms / crawl.pages, 1) if crawl.pages else None,
            "truncated": crawl.truncated,
            "max_pages": ctx.max_pages,
            "source": ctx.base_url or "本系统（进程内请求）",
            "host": ctx.host,
        }
        summary["notes"] = ctx.notes
        if failed:
            summary["failed_checks"] = failed
            error = "以下检查项出错：" + "；".join(f"{code}（{why}）" for code, why in failed.items())
        pages, links = crawl.pages, crawl.links
    except ImproperlyConfigured as exc:
        error, pages, links = f"检查无法进行：{exc}", 0, 0
    except Exception as exc:
        log.exception("inspection of site %s failed", site.pk)
        error, pages, links = f"检查无法进行：{type(exc).__name__}: {exc}"[:1000], 0, 0
        findings = {}

    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        Finding.objects.bulk_create(findings.values(), batch_size=500)
        inspection.pages_checked, inspection.links_checked = pages, links
        inspection.summary = {**inspection.summary, **summary}
        inspection.error = error
        inspection.state = Inspection.State.FAILED if error else Inspection.State.DONE
        inspection.finished_at = timezone.now()
        inspection.save()
        if pages:  # a run that could not crawl has seen nothing: it clears nothing
            _clear_fixed(inspection, set(findings), set(failed))
        scoring = _scoring()
        if scoring is not None and pages:
            scoring.apply(inspection)
            inspection.refresh_from_db()
        record_audit(
            actor=actor,
            action="oversight.inspection.run",
            target=inspection,
            agency=site.agency,
            after={**snapshot(inspection, AUDIT_FIELDS), "findings": len(findings)},
            note=error[:500],
        )
    return inspection


def _clear_fixed(inspection: Inspection, seen: set[tuple[str, str]], failed: set[str]) -> int:
    """Open findings of the previous completed inspection of the site that this one does not see."""
    previous = (
        Inspection.objects.filter(site_id=inspection.site_id, started_at__lte=inspection.started_at)
        .exclude(pk=inspection.pk)
        .exclude(state=Inspection.State.RUNNING)
        .filter(pages_checked__gt=0)
        .order_by("-started_at", "-pk")
        .first()
    )
    if previous is None:
        return 0
    cleared = [
        f.pk
        for f in previous.findings.filter(cleared_by__isnull=True).only("pk", "check_code", "key")
        if (f.check_code, f.key) not in seen and f.check_code not in failed
    ]
    for start in range(0, len(cleared), 500):
        Finding.objects.filter(pk__in=cleared[start : start + 500]).update(cleared_by=inspection)
    return len(cleared)
