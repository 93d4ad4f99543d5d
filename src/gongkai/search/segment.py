"""Chinese text segmentation for the search index — one function for index time and query time.

Pure: no Django. `segment(text)` normalises the text (full-width → half-width, Latin lower-case),
cuts it with rjieba in search mode (each long word plus the shorter dictionary words inside it, so
that "财政局" finds "示范县财政局") and drops punctuation and a few function words. The index stores
the tokens space-joined; a query goes through the very same function, so a query word and the same
word in a document always produce the same tokens.

rjieba 0.2.2 has no "load a dictionary file" call, but it does have `Jieba.add_word(word, freq, tag)`
(with `freq=None` it suggests a frequency high enough to keep the word whole), so the government
user dictionary in `data/userdict.txt` is added word by word to a private `Jieba` instance; the
process-wide default instance is left alone.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import rjieba

USERDICT = Path(__file__).parent / "data" / "userdict.txt"

# One character to one character, so positions in normalised text are positions in the original
# (the highlighter relies on this): full-width ASCII forms, the ideographic space, Latin A–Z.
_NORMALISE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_NORMALISE[0x3000] = 0x20
_NORMALISE.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_NORMALISE.update({code: code - 0xFEE0 + 32 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ → a-z

# A token is kept if it has a letter, a digit or a CJK character; punctuation and spaces are not.
_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
STOPWORDS = frozenset("的 了 和 与 及 或 在 是 对 为 等 之 其 以 于 将 把 被 并 而 也 就 都 个".split())


_TO_NORMALISE = re.compile("[A-Z\uff01-\uff5e\u3000]+")


def normalise(text: str) -> str:
    """Full-width → half-width and Latin lower-case, keeping the length of the text unchanged."""
    # Translating only the runs that need it is ~3× faster than str.translate on Chinese text.
    return _TO_NORMALISE.sub(lambda m: m.group().translate(_NORMALISE), text)


def load_userdict(path: Path = USERDICT) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(normalise(word.split()[0]))
    return words


@cache
def _jieba() -> rjieba.Jieba:
    jieba = rjieba.Jieba()
    for word in load_userdict():
        jieba.add_word(word, None, None)
    return jieba


def segment(text: str) -> list[str]:
    """The tokens of `text` for the index and for queries (same function for both, on purpose)."""
    if not text:
        return []
    tokens = []
    for token in _jieba().cut_for_search(normalise(text), hmm=True):
        keep = _KEEP.get(token)
        if keep is None:
            keep = token not in STOPWORDS and bool(_WORDLIKE.search(token))
            if len(_KEEP) < 200_000:  # memo of the vocabulary seen; halves the cost of filtering
                _KEEP[token] = keep
        if keep:
            tokens.append(token)
            if len(token) >= 5:
                tokens.extend(_long_subwords(token))
    return tokens


_KEEP: dict[str, bool] = {}


@lru_cache(maxsize=65536)
def _long_subwords(word: str) -> tuple[str, ...]:
    """Dictionary words of four or more characters inside a longer word.

    Search mode only adds the two- and three-character words inside a long word, so without this
    "政府信息公开" would not find "中华人民共和国政府信息公开条例". Long words are rare, and cached.
    """
    jieba = _jieba()
    return tuple(
        word[i : i + n]
        for n in range(len(word) - 1, 3, -1)
        for i in range(len(word) - n + 1)
        if jieba.has_word(word[i : i + n])
    )


def word_boundaries(text: str) -> set[int]:
    """Where the words of (normalised) `text` start and end, as jieba's precise mode cuts it.

    The synonym expansion only replaces a word that stands alone in the query this way, so that
    低保 is expanded in "低保 申请" but not inside the single word 低保户.
    """
    boundaries, position = {0}, 0
    for token in _jieba().cut(text, hmm=True):
        position += len(token)
        boundaries.add(position)
    return boundaries


def segment_joined(text: str) -> str:
    """What the index stores: the tokens joined with single spaces."""
    return " ".join(segment(text))


def query_terms(q: str) -> list[str]:
    """The distinct tokens a query must match, in order, without those implied by a longer one.

    Search mode also emits the dictionary words inside a long word; a document holding the long word
    holds them too (same segmentation), so requiring them again narrows nothing and costs time.
    """
    tokens = list(dict.fromkeys(segment(q)))
    return [t for t in tokens if not any(t != other and t in other for other in tokens)]
