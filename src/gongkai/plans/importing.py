"""The import of a plan from its Word document: read, parse, hold for review, confirm.

Nothing is saved before the clerk confirms: the parsed tasks wait in the clerk's session under a
one-time key, the review page edits, drops and merges them, and `actions.import_plan` saves the plan
and the kept tasks in one transaction with that key (so confirming twice saves once).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import QueryDict

from gongkai.agencies.models import Agency
from gongkai.common.errors import ActionRefused
from gongkai.ingest.readers import UnreadableFile, read_file

from .models import default_deadline
from .parsing import NoItems, match_agency, parse_plan

SESSION_PREFIX = "plans.import."
MAX_STAGED = 3  # older staged imports of the same session are forgotten


def read_plan(data: bytes, filename: str, *, year: int, agency: Agency) -> dict[str, Any]:
    """The staged import of an uploaded document: plan fields and the tasks, agencies matched."""
    if not filename.lower().endswith(".docx"):
        raise ActionRefused("请上传工作要点的Word文件（.docx）", field="file")
    try:
        text = read_file(data, filename).text
    except UnreadableFile as exc:
        raise ActionRefused(str(exc), field="file") from None
    try:
        parsed = parse_plan(text, year=year)
    except NoItems as exc:
        raise ActionRefused(str(exc), field="file") from None
    candidates = [(a.pk, a.name, a.short_name) for a in agency.subtree().filter(is_active=True)]
    tasks = []
    for t in parsed.tasks:
        matched = [match_agency(name, candidates) for name in t.agency_names]
        # The first name that matched leads; an unmatched first name is left for the clerk to choose.
        first = next((i for i, pk in enumerate(matched) if pk), 0)
        lead = matched[first] if matched else None
        others = [n for i, n in enumerate(t.agency_names) if i != first]
        tasks.append(
            {
                "section": t.section,
                "number": t.number,
                "content": t.content,
                "agency_id": lead,
                "agency_text": "、".join(t.agency_names),
                "partners": "、".join(dict.fromkeys(others + t.partner_names)),
                "person": t.person,
                "deadline": t.deadline.isoformat() if t.deadline else "",
                "deadline_text": t.deadline_text,
                "criterion": t.criterion,
            }
        )
    return {
        "agency_id": agency.pk,
        "year": year,
        "title": parsed.title or f"{agency.name}{year}年政务公开工作要点",
        "deadline": default_deadline(year).isoformat(),
        "source_name": filename,
        "sections": parsed.sections,
        "tasks": tasks,
    }


def stage(session, staged: dict[str, Any]) -> str:
    key = secrets.token_urlsafe(16)
    mine = sorted(k for k in session.keys() if k.startswith(SESSION_PREFIX))
    for old in mine[: max(0, len(mine) - MAX_STAGED + 1)]:
        del session[old]
    session[SESSION_PREFIX + key] = staged
    return key


def staged(session, key: str) -> dict[str, Any] | None:
    return session.get(SESSION_PREFIX + key)


def forget(session, key: str) -> None:
    session.pop(SESSION_PREFIX + key, None)


@dataclass
class Review:
    """What the review page posted: the plan's fields and the rows as edited (all of them, kept or not)."""

    title: str
    deadline: date | None
    rows: list[dict[str, Any]]

    def kept_tasks(self) -> list[dict[str, Any]]:
        """The rows kept, each row marked "merge" folded into the kept row before it."""
        out: list[dict[str, Any]] = []
        for row in self.rows:
            if not row["keep"]:
                continue
            if row["merge"] and out:
                previous = out[-1]
                previous["content"] = f"{previous['content']}\n{row['content']}".strip()
                previous["deadline"] = previous["deadline"] or row["deadline"]
                previous["criterion"] = "；".join(c for c in (previous["criterion"], row["criterion"]) if c)
                continue
            out.append(dict(row))
        return out


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


def read_review(post: QueryDict, staged: dict[str, Any]) -> Review:
    rows = []
    for i, original in enumerate(staged["tasks"]):
        agency = post.get(f"agency-{i}", "")
        rows.append(
            {
                "section": post.get(f"section-{i}", original["section"]),
                "number": original["number"],
                "content": post.get(f"content-{i}", "").strip(),
                "agency_id": int(agency) if agency.isdigit() else None,
                "agency_text": original["agency_text"],
                "partners": post.get(f"partners-{i}", "").strip(),
                "person": post.get(f"person-{i}", "").strip(),
                "deadline": _date(post.get(f"deadline-{i}", "")),
                "deadline_text": original["deadline_text"],
                "criterion": post.get(f"criterion-{i}", "").strip(),
                "keep": post.get(f"keep-{i}") == "on",
                "merge": post.get(f"merge-{i}") == "on",
            }
        )
    return Review(title=post.get("title", "").strip(), deadline=_date(post.get("deadline", "")), rows=rows)


def rows_for_page(staged: dict[str, Any], review: Review | None) -> list[dict[str, Any]]:
    """The rows the review page shows: as posted, or as parsed (all kept)."""
    if review is not None:
        return [
            {**row, "deadline": row["deadline"].isoformat() if row["deadline"] else ""} for row in review.rows
        ]
    return [{**t, "keep": True, "merge": False} for t in staged["tasks"]]
