"""Near-duplicate reports (wire copies, light rewrites) with MinHash LSH (datasketch).

Only *first copies* are indexed: a report whose shingles overlap an indexed report's by at
least ``threshold`` (estimated Jaccard) is a duplicate of that first copy, and is not
indexed itself, so ``duplicate_of`` always names the first copy and the index holds one
entry per distinct report. Entries leave the index when their story closes
(:meth:`DuplicateIndex.remove`) and, since wire copies and rewrites arrive within hours of the
first copy, when they are older than a window (:meth:`DuplicateIndex.expire`,
``stories.dedup_hours``): the index holds at most the reports of that window, however long
the stream runs.

The index is plain state owned by the caller (the :class:`~newsdesk.stories.cluster.StoryState`);
it serialises its signatures (:meth:`to_dict`) and rebuilds the LSH tables from them.
"""

from __future__ import annotations

import base64
import copy
import zlib
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["NUM_PERM", "DuplicateIndex"]

NUM_PERM = 64  # signature length: 64 permutations keep the Jaccard estimate within about +-0.06
_SEED = 1  # fixed so signatures from earlier runs stay comparable
_SCHEME = "affine32"
# CRC-32 hashes each shingle four times faster than datasketch's default SHA-1, and is as
# stable across processes and platforms (signatures are kept between runs); the affine
# permutations on top of it spread the values
_HASH = "crc32"


class DuplicateIndex:
    """MinHash LSH over the first copies of open stories' reports."""

    def __init__(self, threshold: float = 0.7, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        # every signature is a copy of this empty one: the permutations are drawn (and checked) once
        self._template = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, hashfunc=zlib.crc32)
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, np.ndarray] = {}
        self._added: deque[tuple[float, str]] = deque()  # (time added, key), in the order added

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: str) -> bool:
        return key in self._signatures

    def signature(self, shingles: Sequence[str]) -> MinHash | None:
        """The MinHash of a report's shingles, or None when it has none (too short to judge)."""
        if not shingles:
            return None
        m = copy.copy(self._template)  # shares the permutations, which are only read
        m.hashvalues = self._template.hashvalues.copy()
        m.update_batch([s.encode("utf-8") for s in set(shingles)])
        return m

    def find(self, sig: MinHash | None) -> tuple[str, float] | None:
        """The indexed first copy most similar to ``sig`` (id, estimated Jaccard) if any
        reaches the threshold."""
        if sig is None or not self._signatures:
            return None
        best: tuple[str, float] | None = None
        for key in self._lsh.query(sig):
            other = self._signatures.get(key)
            if other is None:
                continue
            j = float(np.count_nonzero(other == sig.hashvalues)) / self.num_perm
            if j >= self.threshold and (best is None or j > best[1] or (j == best[1] and key < best[0])):
                best = (key, j)
        return best

    def add(self, key: str, sig: MinHash | None, t: float | None = None) -> None:
        """Index a first copy; ``t`` (its time, seconds) lets :meth:`expire` drop it later."""
        if sig is None or key in self._signatures:
            return
        self._lsh.insert(key, sig)
        self._signatures[key] = sig.hashvalues.astype(np.uint32, copy=True)
        if t is not None:
            self._added.append((t, key))

    def expire(self, before: float) -> int:
        """Forget first copies added with a time earlier than ``before`` (in the order they
        were added, which publication order makes nearly time order); how many left."""
        gone = 0
        added = self._added
        while added and added[0][0] < before:
            _, key = added.popleft()
            if self._signatures.pop(key, None) is not None:
                self._lsh.remove(key)
                gone += 1
        return gone

    def remove(self, keys: Iterable[str]) -> None:
        for key in keys:
            if self._signatures.pop(key, None) is not None:
                self._lsh.remove(key)

    # --- persistence --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "hash": _HASH,
            "signatures": {k: base64.b64encode(v.astype("<u4").tobytes()).decode("ascii")
                           for k, v in self._signatures.items()},
            "added": [[t, k] for t, k in self._added if k in self._signatures],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DuplicateIndex:
        index = cls(threshold=float(data.get("threshold", 0.7)), num_perm=int(data.get("num_perm", NUM_PERM)))
        if data.get("hash", _HASH) != _HASH:
            return index  # signatures of another hash cannot be compared: start the index afresh
        for key, b64 in data.get("signatures", {}).items():
            values = np.frombuffer(base64.b64decode(b64), dtype="<u4").astype(np.uint32)
            if values.shape[0] != index.num_perm:
                continue  # written with another signature length: cannot be compared
            sig = MinHash(num_perm=index.num_perm, hashvalues=values, scheme=_SCHEME)
            index.add(key, sig)
        for t, key in data.get("added", []):
            if key in index._signatures:
                index._added.append((float(t), str(key)))
        return index
