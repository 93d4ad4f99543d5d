"""Candidate entries for a bulletin, read from oversight's own records: the latest published
assessment's ranking (the top three praised, the last one criticised) and the open findings of
each site's latest inspection (criticised). The supervisor picks among them and types the rest."""

from __future__ import annotations

from django.apps import apps

from .bulletins_actions import scope_root
from .models import Bulletin, BulletinEntry, Finding, Inspection

PRAISE_TOP = 3


def _assessment_candidates(bulletin: Bulletin, root) -> list[dict]:
    try:
        Assessment = apps.get_model("oversight", "Assessment")
        AssessmentScore = apps.get_model("oversight", "AssessmentScore")
    except LookupError:  # the assessment part is not installed
        return []
    latest = (
        Assessment.objects.filter(published_at__isnull=False, scheme__agency__path__startswith=root.path)
        .order_by("-published_at")
        .first()
    )
    if latest is None:
        return []
    scores = list(
        AssessmentScore.objects.filter(assessment=latest, agency__path__startswith=root.path)
        .select_related("agency")
        .order_by("rank")
    )
    out = []
    for s in scores[:PRAISE_TOP]:
        out.append(
            {
                "agency": s.agency,
                "kind": BulletinEntry.Kind.PRAISE,
                "finding": f"在{latest}中得分{s.total}分，排名第{s.rank}位。",
                "source": str(latest),
            }
        )
    if len(scores) > PRAISE_TOP and scores[-1].total < scores[0].total:  # a tie at the top criticises no one
        s = scores[-1]
        out.append(
            {
                "agency": s.agency,
                "kind": BulletinEntry.Kind.CRITICISM,
                "finding": f"在{latest}中得分{s.total}分，排名末位。",
                "source": str(latest),
            }
        )
    return out


def _inspection_candidates(root) -> list[dict]:
    latest_ids = []
    seen_sites = set()
    for row in (
        Inspection.objects.filter(state=Inspection.State.DONE)
        .order_by("site_id", "-started_at")
        .values("pk", "site_id")
    ):
        if row["site_id"] not in seen_sites:
            seen_sites.add(row["site_id"])
            latest_ids.append(row["pk"])
    findings = (
        Finding.objects.filter(
            inspection_id__in=latest_ids, agency__path__startswith=root.path, cleared_by__isnull=True
        )
        .select_related("agency", "inspection__site")
        .order_by("agency__path", "-vetoes", "check_code", "pk")
    )
    by_agency: dict[int, list] = {}
    for f in findings:
        by_agency.setdefault(f.agency_id, []).append(f)
    out = []
    for rows in by_agency.values():
        titles = "；".join(dict.fromkeys(f.title for f in rows[:5]))
        more = f"等{len(rows)}个问题" if len(rows) > 5 else ""
        out.append(
            {
                "agency": rows[0].agency,
                "kind": BulletinEntry.Kind.CRITICISM,
                "finding": f"网站检查发现{titles}{more}，尚未整改到位。",
                "source": f"{rows[0].inspection.site}网站检查",
            }
        )
    return out


def candidates(bulletin: Bulletin) -> list[dict]:
    """Every candidate not yet in the bulletin, each with a stable `key` for the pick form."""
    root = scope_root(bulletin.agency)
    taken = set(bulletin.entries.values_list("agency_id", "kind"))
    out = []
    for c in [*_assessment_candidates(bulletin, root), *_inspection_candidates(root)]:
        if (c["agency"].pk, c["kind"]) in taken:
            continue
        taken.add((c["agency"].pk, c["kind"]))
        c["key"] = f"{c['kind']}-{c['agency'].pk}"
        out.append(c)
    return out
