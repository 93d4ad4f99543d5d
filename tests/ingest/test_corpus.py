"""The import pipeline on real dirty copies of government documents (tests/ingest/corpus).

Every file is read as an upload would be (``readers.read_file``) and extracted; its title, 文号,
issuers, 成文日期 and 附注 are compared with the values written by hand in ``manifest.json``.
A value the copy does not carry is expected as null: the extractor must not invent it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongkai.ingest.extract import extract
from gongkai.ingest.readers import UnreadableFile, read_file

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
FIELDS = ("title", "doc_number", "issuers", "written_on", "note")
# Measured on this corpus; raise it when extraction improves, never lower it to make a change pass.
MIN_ACCURACY = 0.95
_PARENS = str.maketrans("()", "（）")


def _norm(value):
    """Whitespace and half-width brackets are how copies differ, not what the document says."""
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\s+", "", value).translate(_PARENS)
    return value


def _extracted(name: str) -> dict:
    try:
        text = read_file(CORPUS / name).text
    except UnreadableFile as exc:
        return {"error": str(exc)}
    doc = extract(text)
    got = {field: getattr(doc, field) for field in FIELDS}
    got["written_on"] = doc.written_on.isoformat() if doc.written_on else None
    got["text"] = doc.text
    return got


def _misses(entry: dict) -> dict[str, tuple]:
    got = _extracted(entry["file"])
    return {
        field: (expected, got.get(field))
        for field, expected in entry["expected"].items()
        if _norm(got.get(field)) != _norm(expected)
    }


def test_corpus_has_every_shape():
    assert len(MANIFEST) >= 30
    assert len({entry["file"] for entry in MANIFEST}) == len(MANIFEST)
    for entry in MANIFEST:
        assert (CORPUS / entry["file"]).is_file(), entry["file"]
        assert entry["source"] and set(entry["expected"]) == set(FIELDS)


def test_per_field_accuracy(capsys):
    right = dict.fromkeys(FIELDS, 0)
    for entry in MANIFEST:
        misses = _misses(entry)
        for field in FIELDS:
            right[field] += field not in misses
    total = len(MANIFEST)
    with capsys.disabled():
        print("\ncorpus field accuracy over", total, "files:")
        for field in FIELDS:
            print(f"  {field:<11} {right[field]:>3}/{total}  {right[field] / total:.0%}")
        overall = sum(right.values()) / (total * len(FIELDS))
        print(f"  {'all':<11} {sum(right.values()):>3}/{total * len(FIELDS)}  {overall:.0%}")
    assert overall >= MIN_ACCURACY
    assert min(right.values()) / total >= MIN_ACCURACY - 0.05


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["file"] for entry in MANIFEST])
def test_the_document_is_never_dropped(entry):
    got = _extracted(entry["file"])
    assert "error" not in got, got.get("error")
    # The cleaned text keeps the body: the first 20 characters of its longest paragraph.
    source = (CORPUS / entry["file"]).read_text(encoding="utf-8")
    assert len(re.sub(r"\s", "", got["text"])) >= 0.2 * len(re.sub(r"\s", "", _visible(source)))


def _visible(source: str) -> str:
    """Rough count of the document's characters in a raw copy: the CJK characters."""
    return "".join(re.findall(r"[\u4e00-\u9fff]", source))
