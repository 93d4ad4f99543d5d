"""The maintained synonym list, applied at query time: 保障房 also finds 保障性住房.

Pure: no Django. `data/synonyms.txt` holds one group of equivalent words a line (format in the file's
header). `expand(q)` cuts a query into clauses that must all match (AND); each clause is a tuple of
alternatives, any of which may match (OR); each alternative is a tuple of index terms that must all
match (AND) — the terms of that word as `segment.query_terms` gives them, so a synonym matches
exactly what typing it would have matched. A query with no synonym in it gives one single-term
clause per query term, i.e. the same search as before.

The file is read fresh: its modification time is checked on every call, so an edit takes effect
without a restart, and `gongkai search reindex` loads it too, so a broken line fails loudly there.
"""

from __future__ import annotations

import re
from pathlib import Path

from .segment import normalise, query_terms, word_boundaries

SYNONYMS = Path(__file__).parent / "data" / "synonyms.txt"

Alternative = tuple[str, ...]
Clause = tuple[Alternative, ...]

_SEPARATORS = re.compile(r"[\s,，、;；]+")
_cache: dict[Path, tuple[int, dict[str, tuple[str, ...]], re.Pattern | None]] = {}


class SynonymFileError(ValueError):
    pass


def load_synonyms(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Word → its whole group (the word included), from the file; raises SynonymFileError on a bad line."""
    path = path or SYNONYMS
    groups: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        words = tuple(dict.fromkeys(normalise(w) for w in _SEPARATORS.split(line.split("#", 1)[0]) if w))
        if not words:
            continue
        if len(words) < 2:
            raise SynonymFileError(
                f"{path.name} 第 {number} 行只有一个词“{words[0]}”：同义词组至少要两个词。"
            )
        for word in words:
            if word in groups:
                raise SynonymFileError(
                    f"{path.name} 第 {number} 行的“{word}”已在前面另一组里：一个词只能属于一组。"
                )
            groups[word] = words
    return groups


def _current(path: Path) -> tuple[dict[str, tuple[str, ...]], re.Pattern | None]:
    mtime = path.stat().st_mtime_ns
    cached = _cache.get(path)
    if cached is None or cached[0] != mtime:
        groups = load_synonyms(path)
        # Longest first, so that a word is found whole before any shorter word inside it.
        words = sorted(groups, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, words))) if words else None
        cached = _cache[path] = (mtime, groups, pattern)
    return cached[1], cached[2]


def expand(q: str, *, path: Path | None = None) -> list[Clause]:
    """The clauses of a query: every clause must match, any alternative of a clause may."""
    groups, pattern = _current(path or SYNONYMS)
    text = normalise(q)
    clauses: list[Clause] = []
    position = 0
    found_words = list(pattern.finditer(text)) if pattern else []
    boundaries = word_boundaries(text) if found_words else set()
    for found in found_words:
        if found.start() not in boundaries or found.end() not in boundaries:
            continue  # part of a longer word (低保 in 低保户): searched as typed
        clauses.extend(_plain(text[position : found.start()]))
        alternatives = tuple(dict.fromkeys(tuple(query_terms(word)) for word in groups[found.group()]))
        clauses.append(tuple(alt for alt in alternatives if alt))
        position = found.end()
    clauses.extend(_plain(text[position:]))
    return [clause for clause in dict.fromkeys(clauses) if clause]


def _plain(text: str) -> list[Clause]:
    return [((term,),) for term in query_terms(text)]


def marks(clauses: list[Clause]) -> list[str]:
    """Every term of every alternative: what the highlighter marks."""
    return list(dict.fromkeys(term for clause in clauses for alternative in clause for term in alternative))
