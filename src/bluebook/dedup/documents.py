"""Near-duplicate documents: MinHash over folded word 5-shingles, banded for lookup in SQL.

datasketch computes the signatures and picks the band layout for the
threshold; the bands themselves live in a table (``doc_bands``) instead of an
in-memory ``MinHashLSH`` so that every process writing to the same database
sees every other process's documents without rebuilding an index.
"""
from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from bluebook.search.fold import index_text

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
SCHEME = "affine32"      # datasketch >= 2: 32-bit values, stored as 512 bytes
_PRIME = 1_000_003


@dataclass(frozen=True, slots=True)
class Signature:
    values: np.ndarray          # uint32[NUM_PERM]

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)


@lru_cache(maxsize=1)
def _layout() -> tuple[int, int, tuple[np.ndarray, np.ndarray]]:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    perms = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations
    return lsh.b, lsh.r, perms


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Folded word n-grams; a text shorter than ``size`` words is one shingle."""
    words = index_text(text).split()
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the folded word ``size``-grams of ``text``, unique.

    Each word is hashed once (CRC-32, in C) and a shingle's hash is a
    polynomial of its words' hashes, computed for all shingles at once; this
    is what lets MinHash keep up with ingest. datasketch mixes these values
    (MurmurHash3 finalizer) before permuting them, so CRC's linearity does
    not leak into the estimates.
    """
    return _hash_words(index_text(text).split(), size)


def _hash_words(words: list[str], size: int = SHINGLE) -> np.ndarray:
    if not words:
        return np.empty(0, dtype=np.uint64)
    wh = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - size + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(min(size, len(words))):
        acc = (acc * np.uint64(_PRIME) + wh[k:k + n]) & np.uint64(0xFFFFFFFF)
    acc.sort()     # sort + neighbour test: ten times faster than np.unique's hashing at these sizes
    return acc[np.concatenate(([True], acc[1:] != acc[:-1]))]


def signature(text: str) -> Signature | None:
    """MinHash of the text's shingles; None for a text without words."""
    return signature_of_words(index_text(text).split())


def signature_of_words(words: list[str]) -> Signature | None:
    """``signature`` for a text already folded and split into words."""
    hashes = _hash_words(words)
    if not len(hashes):
        return None
    _, _, perms = _layout()
    m = MinHash(num_perm=NUM_PERM, permutations=perms, scheme=SCHEME, hashfunc=int)
    m.update_batch(hashes.tolist())
    return Signature(np.asarray(m.hashvalues, dtype=np.uint32))


def bands(sig: Signature) -> list[tuple[int, int]]:
    """(band number, signed 63-bit hash of the band's values): rows for ``doc_bands``.

    Two signatures sharing any band row are candidates; the threshold is then
    checked on the full signatures.
    """
    b, r, _ = _layout()
    raw = sig.values.astype("<u4").tobytes()
    out = []
    for i in range(b):
        digest = hashlib.blake2b(raw[i * r * 4:(i + 1) * r * 4], digest_size=8).digest()
        out.append((i, int.from_bytes(digest, "little", signed=True) >> 1))
    return out


def best_original(sig: Signature, candidates: list[tuple[int, bytes]],
                  threshold: float = THRESHOLD) -> tuple[int, float] | None:
    """The candidate (id, signature bytes) most similar to ``sig`` at or above the threshold.

    Ties go to the lowest id, the document stored first.
    """
    best: tuple[int, float] | None = None
    for doc_id, blob in sorted(candidates):
        sim = sig.similarity(Signature.from_bytes(blob))
        if sim >= threshold and (best is None or sim > best[1]):
            best = (doc_id, sim)
    return best
