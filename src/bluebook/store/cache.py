"""The writer's memory of canonical events, so clustering a document rarely asks the database.

Candidates for a mention are the events filed under its lookup blocks
(``event_blocks``) whose dates come within a day of its own; the cache keeps,
per block it has read, every event filed there on the days it has read
(dedup.blocks.BlockIndex), as Cluster objects that clustering updates in
place while the store writes the same changes. It is right only while nobody
else writes:

- SQLite: the connection's ``PRAGMA data_version`` changes when any other
  connection commits, and the engine's commit count (``Database.commits``)
  when this process wrote through another path (a removal, an import); both
  must be what they were at the end of our last write, on the same connection;
- PostgreSQL: every write transaction moves the ``write_epoch`` counter
  (schema 3, ``Database.write``); it must have moved once, by us, since our
  last commit. Without that table (an old schema) the cache lives for one
  transaction.

Anything going wrong (a rollback, a replaced document) empties it.

Its memory is set by ``max_events``, not by the store. Kept whole and
forever, blocks came to hold every canonical event of the store (~0.9 KB
each): the writer grew by 180 MB from a 100 MB to a 1 GB corpus. Between
transactions the least recently used blocks are forgotten, and read again,
only the days a batch needs, when needed: a corpus read roughly in date order
keeps finding its recent blocks here, and one in random order costs a few
rows per mention.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from bluebook.dedup.blocks import ALL_DAYS, BlockIndex, Need
from bluebook.dedup.events import Cluster
from bluebook.store.events import cluster_of_tuple
from bluebook.store.raw import Raw

MAX_EVENTS = 50_000       # BlockIndex.size (blocks, stretches of days, events filed): ~40 MB
_KEEP = 0.75              # when over, shrink to this share of the budget: not a few blocks every transaction
_CHUNK = 1_000            # blocks per lookup statement


class ClusterCache(BlockIndex):
    def __init__(self, max_events: int = MAX_EVENTS) -> None:
        super().__init__()
        self.max_events = max_events
        self.by_id: dict[int, Cluster] = {}
        self._token: tuple[Any, ...] | None = None
        self._start: tuple[Any, ...] | None = None

    def clear(self) -> None:
        super().clear()
        self.by_id.clear()
        self._token = None

    def begin(self, raw: Raw, commits: int) -> None:
        """At the start of a write transaction (write lock held): forget what may be stale."""
        self._start = None
        if not raw.pg:
            self._start = (id(raw.dbapi), raw.scalar("PRAGMA data_version"), commits)
            valid = self._start == self._token
        else:
            epoch = raw.conn.info.get("bluebook_epoch")      # moved by Database.write, under the lock
            if epoch is not None:
                self._start = ("pg", epoch, commits)
            # our last commit left the counter at token[1]; this transaction moved it by one
            valid = epoch is not None and self._token is not None and epoch == self._token[1] + 1
        if not valid:
            self.clear()
        elif self.size > self.max_events:
            self.shrink_to(int(self.max_events * _KEEP))

    def shrink_to(self, budget: int) -> None:
        """Forget the least recently used blocks, and the events no longer filed under any block held."""
        if self.shrink(budget):
            self.by_id = {c.id: c for c in self.clusters() if c.id is not None}

    def committed(self, commits: int) -> None:
        """After our transaction committed (``commits`` now counts it)."""
        self._token = (*self._start[:2], commits) if self._start is not None else None

    def unrelated(self, before: int, after: int, epoch: int | None = None) -> None:
        """This process committed something clustering never reads (a reject): stay valid.

        ``epoch``: where that transaction left PostgreSQL's write counter.
        """
        t = self._token
        if t is None or t[2] != before:
            return
        if t[0] == "pg":
            self._token = ("pg", epoch, after) if epoch is not None and epoch == t[1] + 1 else None
        else:
            self._token = (*t[:2], after)

    def query(self, raw: Raw, wanted: Iterable[Need]) -> list[tuple[list[Need], Any]]:
        """Pending lookups for what of ``wanted`` is not known yet (send them with others on PostgreSQL).

        ``wanted``: ``dedup.blocks.needs`` of the mentions to cluster. The blocks
        known already count as used now (see ``shrink``).
        """
        wanted = list(wanted)
        self.touch({n[0] for n in wanted})
        todo = self.missing(wanted)
        return [(part, raw.execute(raw.named("window_events"), _params(raw, part)))
                for part in (todo[i:i + _CHUNK] for i in range(0, len(todo), _CHUNK))]

    def fill(self, pending: list[tuple[list[Need], Any]]) -> None:
        for part, cur in pending:
            rows = cur.fetchall()
            cur.close()
            found: list[list[Cluster]] = [[] for _ in part]
            for r in rows:
                c = self.by_id.get(int(r[1]))
                if c is None:
                    c = self.by_id[int(r[1])] = cluster_of_tuple(r[1:])
                found[int(r[0])].append(c)
            for (b, lo, hi), cs in zip(part, found, strict=True):
                self.known(b, sorted(cs, key=lambda c: c.id or 0), (lo, hi))

    def load(self, raw: Raw, wanted: Iterable[Need]) -> None:
        self.fill(self.query(raw, wanted))

    def adopt(self, clusters: Sequence[Cluster]) -> None:
        """New events got their ids (they were written)."""
        for c in clusters:
            if c.id is not None:
                self.by_id[c.id] = c
                self._founded.pop(id(c), None)


def _params(raw: Raw, part: list[Need]) -> dict[str, Any]:
    """Blocks with their first and last days as ISO dates (how events.date_lo/date_hi are stored)."""
    rows = [(b, _iso(lo), _iso(hi)) for b, lo, hi in part]
    if raw.pg:
        return {"blocks": [r[0] for r in rows], "los": [r[1] for r in rows], "his": [r[2] for r in rows]}
    return {"needs": raw.array([list(r) for r in rows])}


def _iso(day: int) -> str:
    return date.fromordinal(min(max(day, 1), ALL_DAYS[1])).isoformat()
