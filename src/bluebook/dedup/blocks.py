"""Canonical events by lookup block, and clustering with candidates taken from there.

A mention looks for its canonical event under its ``type_blocks``, among the
events whose dates come within a day of its own (``window``); an event is
filed under its ``filed_blocks``. The store's writer keeps such an index
between transactions (store/cache.py) so that clustering a document rarely
asks the database; ``assign_indexed`` is ``events.assign`` with its
candidates from the index.

The index knows, for each block it holds, some stretches of days: every
event of the block touching those days is in it. It reads no more than a
mention's window, not the whole block (a month of a busy partner holds
hundreds of events), and it may forget whole blocks, least recently used
first (``shrink``), so its memory is set by a budget, not by the size of the
corpus: what it forgot is read again from the database when needed.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from bluebook.dedup.events import (
    Assignment,
    Cluster,
    Mention,
    Shape,
    filed_blocks,
    filed_blocks_of,
    fits,
    party_keys,
    place,
    score,
    type_blocks,
)
from bluebook.dedup.when import DAY, parse_when

Days = tuple[int, int]              # first and last day, as date ordinals
Need = tuple[str, int, int]         # a block and the days of it a mention must see
ALL_DAYS: Days = (1, date.max.toordinal())


@lru_cache(maxsize=8192)
def day_key(d: str | None, end: str | None) -> int:
    """The day's ordinal for a single-day date; -1 for anything wider, or undated."""
    w = parse_when(d, end)
    return w.lo.toordinal() if w is not None and w.precision == DAY and w.lo == w.hi else -1


@lru_cache(maxsize=8192)
def days_of(d: str | None, end: str | None) -> Days | None:
    """The days a date covers; None when undated."""
    w = parse_when(d, end)
    return None if w is None else (w.lo.toordinal(), w.hi.toordinal())


def window(m: Mention) -> Days | None:
    """The days a canonical event must touch to be compatible with ``m`` (its own, and a day either side)."""
    s = days_of(m.date, m.date_end)
    return None if s is None else (s[0] - 1, s[1] + 1)


def needs(mentions: Sequence[Mention], blocks: Sequence[frozenset[str]]) -> list[Need]:
    """What an index must hold to cluster these mentions (``blocks``: their ``type_blocks``)."""
    out: list[Need] = []
    for m, mb in zip(mentions, blocks, strict=True):
        w = window(m)
        if w is not None:
            out += [(b, w[0], w[1]) for b in mb]
    return out


def _merge(spans: list[Days], new: Days) -> list[Days]:
    """``spans`` (sorted, apart) with ``new`` added: still sorted, overlapping or adjacent ones joined."""
    lo, hi = new
    out: list[Days] = []
    for a, b in spans:
        if b + 1 < lo or hi + 1 < a:
            out.append((a, b))
        else:
            lo, hi = min(lo, a), max(hi, b)
    out.append((lo, hi))
    out.sort()
    return out


def _covers(spans: list[Days], lo: int, hi: int) -> bool:
    return any(a <= lo and hi <= b for a, b in spans)


def _touches(spans: list[Days], days: Days) -> bool:
    return any(a <= days[1] and days[0] <= b for a, b in spans)


class BlockIndex:
    """Canonical events by lookup block, for the days of each block that are known.

    For a block it holds (``blocks``), ``spans`` says which days are known:
    every event of the block touching them is in it (others may be too). ``add``
    files an event only under blocks held and known for some of its days, so a
    known day never misses one. Within a block, single-day events sit under
    their day and the rest together: a single-day mention is only compared
    with events of its day and the days either side (``compatible`` allows no
    more) and with the wider ones.

    ``size`` counts blocks, known stretches and the events filed in the blocks
    (an event filed under three blocks counts three times): what the index's
    memory grows with. Blocks are kept in order of last use (``known``,
    ``touch``), oldest first.
    """

    def __init__(self) -> None:
        self.blocks: dict[str, dict[int, list[Cluster]]] = {}
        self.spans: dict[str, list[Days]] = {}
        self.size = 0
        self._founded: dict[int, int] = {}       # id(cluster) -> founding order, for events without an id

    def __len__(self) -> int:
        return len(self.blocks)

    def clear(self) -> None:
        self.blocks.clear()
        self.spans.clear()
        self._founded.clear()
        self.size = 0

    def missing(self, wanted: Iterable[Need]) -> list[Need]:
        """What of ``wanted`` is not known yet, as one stretch of days per block, sorted."""
        todo: dict[str, Days] = {}
        for b, lo, hi in wanted:
            spans = self.spans.get(b)
            if spans is not None and _covers(spans, lo, hi):
                continue
            have = todo.get(b)
            todo[b] = (lo, hi) if have is None else (min(lo, have[0]), max(hi, have[1]))
        return sorted((b, lo, hi) for b, (lo, hi) in todo.items())

    def known(self, block: str, clusters: Iterable[Cluster], days: Days = ALL_DAYS) -> None:
        """Record every event filed under ``block`` that touches ``days`` (now its most recently used block)."""
        sub = self.blocks.pop(block, None)
        spans = self.spans.pop(block, [])
        fresh = sub is None
        if sub is None:
            sub = {}
            self.size += 1
        n = 0
        for c in clusters:
            lst = sub.setdefault(day_key(c.date, c.date_end), [])
            if fresh or not any(x is c for x in lst):
                lst.append(c)
                n += 1
        merged = _merge(spans, days)
        self.size += n + len(merged) - len(spans)
        self.blocks[block] = sub
        self.spans[block] = merged

    def touch(self, blocks: Iterable[str]) -> None:
        """These blocks were just used: they are forgotten last."""
        for b in blocks:
            sub = self.blocks.pop(b, None)
            if sub is not None:
                self.blocks[b] = sub

    def shrink(self, budget: int) -> list[str]:
        """Forget the least recently used blocks until ``size`` is at most ``budget``; returns them.

        Only between transactions: a block in use by the batch being clustered must stay.
        """
        gone: list[str] = []
        if self.size <= budget:
            return gone
        for b in list(self.blocks):
            sub = self.blocks.pop(b)
            self.size -= 1 + len(self.spans.pop(b)) + sum(len(lst) for lst in sub.values())
            gone.append(b)
            if self.size <= budget:
                break
        return gone

    def clusters(self) -> Iterable[Cluster]:
        """Every event held (once per block it is filed under)."""
        for sub in self.blocks.values():
            for lst in sub.values():
                yield from lst

    def add(self, c: Cluster, was: Shape | None = None) -> None:
        """File a new event, or one that moved from shape ``was``, under its blocks (those held and
        known for some of its days)."""
        if was is not None:
            old = day_key(was[0], was[1])
            for b in filed_blocks_of(c.type, *was):
                lst = self.blocks.get(b, {}).get(old)
                if lst is not None:
                    n = len(lst)
                    lst[:] = [x for x in lst if x is not c]
                    self.size -= n - len(lst)
        elif c.id is None:
            self._founded.setdefault(id(c), len(self._founded))
        days = days_of(c.date, c.date_end)
        if days is None:
            return
        key = day_key(c.date, c.date_end)
        for b in filed_blocks(c):
            sub = self.blocks.get(b)
            if sub is not None and _touches(self.spans[b], days):
                lst = sub.setdefault(key, [])
                if was is None or not any(x is c for x in lst):
                    lst.append(c)
                    self.size += 1

    def candidates(self, blocks: Iterable[str], m: Mention | None = None) -> list[Cluster]:
        """The events filed under any of ``blocks`` that may fit ``m`` (all, without it), each once,
        in no particular order (see ``order``)."""
        day = day_key(m.date, m.date_end) if m is not None else -1
        keys = (day - 1, day, day + 1, -1) if day >= 0 else None
        lists: list[list[Cluster]] = []
        for b in blocks:
            sub = self.blocks.get(b)
            if sub:
                lists += [x for x in (sub.values() if keys is None else (sub.get(k) for k in keys)) if x]
        if len(lists) < 2:          # most often: one list, nothing to merge
            return list(lists[0]) if lists else []
        seen: dict[int, Cluster] = {}
        for lst in lists:
            for c in lst:
                seen.setdefault(id(c), c)
        return list(seen.values())

    def order(self, c: Cluster) -> tuple[int, int]:
        """Database order (by id), then events founded since, in founding order."""
        return (0, c.id) if c.id is not None else (1, self._founded.get(id(c), 0))


def best_indexed(m: Mention, candidates: list[Cluster], index: BlockIndex) -> Cluster | None:
    """``events.best_match`` over unordered candidates: a tie goes to the first in ``index.order``."""
    wm = parse_when(m.date, m.date_end)
    if wm is None:
        return None
    km = party_keys(m.parties)
    best: Cluster | None = None
    best_score = float("-inf")
    for c in candidates:
        if not fits(m, wm, km, c):
            continue
        s = score(m, c)
        if s > best_score or (s == best_score and best is not None and index.order(c) < index.order(best)):
            best, best_score = c, s
    return best


def assign_indexed(mentions: Iterable[Mention], index: BlockIndex,
                   blocks: Iterable[frozenset[str]] | None = None) -> Assignment:
    """``events.assign`` with candidates from ``index``, which must hold ``needs`` of every mention.

    ``blocks``: each mention's ``type_blocks``, when already computed.
    """
    ms = list(mentions)
    pairs = zip(ms, blocks if blocks is not None else (type_blocks(m) for m in ms), strict=True)
    return place(pairs, lambda m, mb: best_indexed(m, index.candidates(mb, m), index), index.add, index.add)
