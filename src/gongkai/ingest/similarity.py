"""Near-duplicate texts (messages, consultation comments): MinHash signatures over word shingles, LSH clusters. Pure: no Django.

A message's text goes through the search app's tokenizer (`search.segment.segment`, the same
Chinese segmentation as the index), the tokens become shingles of two consecutive words, and the
shingles a MinHash signature of `NUM_PERM` values (datasketch, fixed seed: the same text always
gives the same signature, in every process). Two messages are near-duplicates when the Jaccard
similarity their signatures estimate reaches `THRESHOLD`.

Within a batch (one agency's messages of a month, for prompt letters) `cluster()` finds the groups
with datasketch's `MinHashLSH`: the signature is cut into bands, messages sharing a band are
candidates, and each candidate pair is then checked against the threshold. Against the stored
history (routing suggestions) one signature is compared with thousands at once as a numpy matrix
(`similarities`): well under a millisecond for 5,000, no index to keep.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from gongkai.search.segment import segment

NUM_PERM = 128
THRESHOLD = 0.5  # estimated Jaccard similarity of the shingle sets
SEED = 1
SCHEME = "affine32"  # datasketch 2's 32-bit scheme (stored signatures name it when read back)
SHINGLE = 2  # words per shingle


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The shingles of `text`: each run of `size` consecutive tokens (a short text: its tokens)."""
    tokens = segment(text or "")
    if len(tokens) < size:
        return set(tokens)
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


_EMPTY = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(text: str) -> MinHash:
    """The MinHash of `text`'s shingles (empty text: the empty signature)."""
    # A copy of one empty MinHash shares its permutations: building them for every text costs more
    # (numpy's seeded generator, ~1 ms) than hashing a post's shingles.
    minhash = _EMPTY.copy()
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """The signature as bytes to store (NUM_PERM unsigned 32-bit values, little-endian)."""
    return minhash.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(bytes(data), dtype="<u4").astype(np.uint64)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity; two empty texts are not similar."""
    if a.is_empty() or b.is_empty():
        return 0.0
    return float(a.jaccard(b))


def is_near_duplicate(a: MinHash, b: MinHash, threshold: float = THRESHOLD) -> bool:
    return similarity(a, b) >= threshold


def cluster(signatures: Mapping[Hashable, MinHash], threshold: float = THRESHOLD) -> list[list[Hashable]]:
    """Groups of near-duplicates among `signatures` (each group ≥ 2 keys, linked by similarity ≥ threshold).

    Keys are kept in the mapping's order inside a group; groups come largest first.
    """
    # The LSH index is tuned a little below the threshold so that it misses few true pairs; every
    # candidate is then checked against the threshold itself.
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
    items = [(key, mh) for key, mh in signatures.items() if not mh.is_empty()]
    for key, minhash in items:
        lsh.insert(key, minhash)
    parent = {key: key for key, _ in items}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key, minhash in items:
        for other in lsh.query(minhash):
            # Already in one group: no need to compare (keeps a large group linear, not quadratic).
            if root(other) != root(key) and is_near_duplicate(minhash, signatures[other], threshold):
                parent[root(other)] = root(key)
    order = {key: i for i, (key, _) in enumerate(items)}
    groups: dict[Hashable, list[Hashable]] = {}
    for key, _ in items:
        groups.setdefault(root(key), []).append(key)
    found = [sorted(g, key=order.__getitem__) for g in groups.values() if len(g) >= 2]
    return sorted(found, key=lambda g: (-len(g), order[g[0]]))


def matrix(signatures: Iterable[bytes]) -> np.ndarray:
    """Stored signatures (`to_bytes`) as the rows of a matrix, to compare one with thousands at once."""
    rows = list(signatures)
    if not rows:
        return np.zeros((0, NUM_PERM), dtype="<u4")
    return np.frombuffer(b"".join(rows), dtype="<u4").reshape(len(rows), NUM_PERM)


def similarities(target: bytes, rows: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of `target` with each row (the share of equal MinHash values)."""
    if rows.shape[0] == 0:
        return np.zeros(0)
    return (rows == np.frombuffer(target, dtype="<u4")).mean(axis=1)


def similar(target: MinHash, candidates: Iterable[tuple[Hashable, MinHash]], threshold: float = THRESHOLD):
    """The candidates similar to `target`, most similar first, as (key, similarity)."""
    scored = [(key, similarity(target, mh)) for key, mh in candidates]
    return sorted([(k, s) for k, s in scored if s >= threshold], key=lambda ks: -ks[1])
