"""The writer's memory of canonical events, so clustering a document rarely asks the database.

Candidates for a mention are the events filed under its lookup blocks
(``event_blocks``); the cache keeps, per block it has read, every event filed
there, as Cluster objects that clustering updates in place while the store
writes the same changes. It is right only while nobody else writes:

- SQLite: the connection's ``PRAGMA data_version`` changes when any other
  connection commits, and the engine's commit count (``Database.commits``)
  when this process wrote through another path (a removal, an import); both
  must be what they were at the end of our last write, on the same connection;
- PostgreSQL: every write transaction moves the ``write_epoch`` counter
  (schema 3, ``Database.write``); it must have moved once, by us, since our
  last commit. Without that table (an old schema) the cache lives for one
  transaction.

Anything going wrong (a rollback, a replaced document) empties it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from bluebook.dedup.events import BlockIndex, Cluster
from bluebook.store.events import cluster_of_tuple
from bluebook.store.raw import Raw

MAX_BLOCKS = 200_000      # ~100 MB at worst; emptied (between transactions) when over
_CHUNK = 1_000            # blocks per lookup statement


class ClusterCache(BlockIndex):
    def __init__(self) -> None:
        super().__init__()
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
        if not valid or len(self) > MAX_BLOCKS:
            self.clear()

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

    def query(self, raw: Raw, blocks: Iterable[str]) -> list[tuple[list[str], Any]]:
        """Pending lookups for the blocks not known yet (send them with others on PostgreSQL)."""
        todo = self.missing(blocks)
        return [(part, raw.execute(raw.named("block_events"), {"blocks": raw.array(part)}))
                for part in (todo[i:i + _CHUNK] for i in range(0, len(todo), _CHUNK))]

    def fill(self, pending: list[tuple[list[str], Any]]) -> None:
        for part, cur in pending:
            rows = cur.fetchall()
            cur.close()
            found: dict[str, list[Cluster]] = {b: [] for b in part}
            for r in rows:
                c = self.by_id.get(int(r[1]))
                if c is None:
                    c = self.by_id[int(r[1])] = cluster_of_tuple(r[1:])
                found[r[0]].append(c)
            for b, cs in found.items():
                self.known(b, sorted(cs, key=lambda c: c.id or 0))

    def load(self, raw: Raw, blocks: Iterable[str]) -> None:
        self.fill(self.query(raw, blocks))

    def adopt(self, clusters: Sequence[Cluster]) -> None:
        """New events got their ids (they were written)."""
        for c in clusters:
            if c.id is not None:
                self.by_id[c.id] = c
                self._founded.pop(id(c), None)
