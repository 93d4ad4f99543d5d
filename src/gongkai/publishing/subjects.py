"""Loading the 主题分类 tree shipped in data/subjects.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml

SUBJECTS_FILE = Path(__file__).resolve().parent / "data" / "subjects.yaml"


def subject_tree() -> dict[str, list[str]]:
    """{top category: [sub-categories]} in the order of the file."""
    with SUBJECTS_FILE.open(encoding="utf-8") as fh:
        return {str(top): [str(s) for s in subs or []] for top, subs in yaml.safe_load(fh).items()}


def load_subjects(subject_model=None) -> int:
    """Create the missing rows of the tree; returns how many were created. Idempotent."""
    if subject_model is None:
        from .models import Subject as subject_model
    created = 0
    for i, (top, subs) in enumerate(subject_tree().items(), start=1):
        parent, made = subject_model.objects.get_or_create(parent=None, name=top, defaults={"sort_order": i})
        created += made
        for j, sub in enumerate(subs, start=1):
            created += subject_model.objects.get_or_create(
                parent=parent, name=sub, defaults={"sort_order": j}
            )[1]
    return created
