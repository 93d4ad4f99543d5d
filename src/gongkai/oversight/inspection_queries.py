"""What a user may see of the website inspections, the 待办 of findings, the dashboard panel and the
metric `oversight.inspection.score`.

Scope: a supervisor over a site's agency (or, for a site of the whole installation — no agency —
a supervisor of a top-level government) manages the site: sees all its findings and runs its
inspections. Any staff member sees the findings of the agencies in their scope, on any site, and
the sites where such findings are.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import agency_filter, can_see_agency, visible_agencies
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency
from gongkai.portal.models import Site

from .models import Finding, Inspection


class FindingState:
    OPEN = "open"
    FIXED = "fixed"
    CLEARED = "cleared"
    LABELS = {OPEN: "未整改", FIXED: "已整改待复查", CLEARED: "复查通过"}


def finding_state(finding: Finding) -> str:
    if finding.cleared_by_id:
        return FindingState.CLEARED
    if finding.fixed_at:
        return FindingState.FIXED
    return FindingState.OPEN


def _top_supervisor(user) -> bool:
    return bool(user.is_supervisor and user.scope_root and user.scope_root.parent_id is None)


def manages_site(user, site: Site) -> bool:
    """Runs the site's inspections and sees all their findings."""
    if user.is_superuser:
        return True
    if not user.has_role(Role.SUPERVISOR):
        return False
    if site.agency_id is None:
        return _top_supervisor(user)
    return can_see_agency(user, site.agency)


def visible_sites(user) -> QuerySet[Site]:
    if user.is_superuser:
        return Site.objects.all()
    own = Q(agency__in=visible_agencies(user)) if user.has_role(Role.SUPERVISOR) else Q(pk__in=[])
    if _top_supervisor(user):
        own |= Q(agency__isnull=True)
    theirs = Finding.objects.filter(agency_filter(user, "agency"), inspection__site=OuterRef("pk"))
    return Site.objects.filter(own | Exists(theirs)).select_related("agency")


def findings_for(user, inspection: Inspection) -> QuerySet[Finding]:
    qs = inspection.findings.select_related("agency", "fixed_by", "cleared_by")
    if manages_site(user, inspection.site):
        return qs
    return qs.filter(agency_filter(user, "agency"))


def latest_done(site_ids=None) -> dict[int, Inspection]:
    """The latest finished inspection of each site."""
    qs = Inspection.objects.filter(state=Inspection.State.DONE)
    if site_ids is not None:
        qs = qs.filter(site_id__in=list(site_ids))
    latest: dict[int, Inspection] = {}
    for ins in qs.order_by("site_id", "-started_at", "-pk").select_related("site"):
        latest.setdefault(ins.site_id, ins)
    return latest


def is_latest(inspection: Inspection) -> bool:
    return (
        not Inspection.objects.filter(
            site_id=inspection.site_id, state=Inspection.State.DONE, started_at__gt=inspection.started_at
        ).exists()
        and inspection.state == Inspection.State.DONE
    )


def can_fix(user, finding: Finding) -> bool:
    """An open finding of the site's latest inspection, of an agency in the user's scope (or one
    with no agency, for who manages the site)."""
    if finding.cleared_by_id or finding.fixed_at:
        return False
    if not is_latest(finding.inspection):
        return False
    if finding.agency_id is None:
        return manages_site(user, finding.inspection.site)
    return can_see_agency(user, finding.agency)


def open_findings(agency_ids=None) -> QuerySet[Finding]:
    """The unfixed findings of each site's latest inspection."""
    latest = [ins.pk for ins in latest_done().values()]
    qs = Finding.objects.filter(inspection_id__in=latest, fixed_at__isnull=True, cleared_by__isnull=True)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return qs


# ---------------------------------------------------------------- 待办


def todo_items(user) -> list[TodoItem]:
    """The open findings of the user's own agency (of the sites' latest inspections), with the
    fix-by date; overdue ones marked. Clerks, reviewers and signers handle them."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    if not (user.is_superuser or user.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER)):
        return []
    today = timezone.localdate()
    items = []
    qs = (
        open_findings([user.agency_id])
        .select_related("agency", "inspection__site")
        .order_by("-vetoes", "fix_by", "pk")[:50]
    )
    for f in qs:
        overdue = f.fix_by is not None and f.fix_by < today
        urgency = Urgency.OVERDUE if overdue else (Urgency.DUE_SOON if f.vetoes else Urgency.NORMAL)
        items.append(
            TodoItem(
                title=f"网站检查问题整改：{f.title[:40]}",
                url=reverse("oversight_staff:finding", args=[f.pk]),
                agency=f.agency.display_name if f.agency_id else "",
                status=("单项否决，" if f.vetoes else "") + ("已超期未整改" if overdue else "未整改"),
                due=f.fix_by,
                urgency=urgency,
            )
        )
    return items


# ---------------------------------------------------------------- 督查看板


def dashboard_context(request) -> dict | None:
    """The latest score of each site the supervisor manages, vetoed sites first, and the open
    findings past their fix-by date."""
    user = request.user
    sites = [s for s in visible_sites(user) if manages_site(user, s)]
    if not sites:
        return None
    latest = latest_done([s.pk for s in sites])
    if not latest:
        return None
    rows = sorted(latest.values(), key=lambda i: (not i.vetoed, i.score or 0, i.site.name))
    today = timezone.localdate()
    overdue = (
        open_findings()
        .filter(inspection__in=list(latest.values()), fix_by__lt=today)
        .select_related("agency", "inspection__site")
        .order_by("fix_by", "pk")
    )
    return {"rows": rows, "overdue": list(overdue[:50]), "today": today}


# ---------------------------------------------------------------- metric


def _span(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end, time.max), tz),
    )


def latest_score(start: date, end: date, agency_ids=None) -> dict[int, float]:
    """Per agency: the score of the latest finished inspection in start..end of its site(s) — the
    lowest, where an agency has several sites. A vetoed inspection counts 0."""
    lo, hi = _span(start, end)
    qs = Inspection.objects.filter(
        state=Inspection.State.DONE, started_at__range=(lo, hi), site__agency__isnull=False
    )
    if agency_ids is not None:
        qs = qs.filter(site__agency_id__in=list(agency_ids))
    latest: dict[int, Inspection] = {}
    for ins in qs.order_by("site_id", "-started_at", "-pk").select_related("site"):
        latest.setdefault(ins.site_id, ins)
    out: dict[int, float] = {}
    for ins in latest.values():
        value = 0.0 if ins.vetoed else float(ins.score or 0)
        agency_id = ins.site.agency_id
        out[agency_id] = min(out.get(agency_id, value), value)
    return out


def latest_score_records(start: date, end: date, agency_ids=None) -> str:
    return reverse("oversight_staff:inspections")
