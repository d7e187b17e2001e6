"""A batch of new documents decided together and written in a few statements (COPY on PostgreSQL).

Same decisions as ``add._add`` document by document, in order: a text
already stored (or earlier in the batch) is a duplicate; a near-duplicate
links to the stored or earlier document it copies; events cluster through
the writer's cache. What changes is the traffic: every lookup for the batch
at once, then every row of every table in one executemany or COPY each.

A batch holding a replacement (a known URL or path with new text) is not for
this path: ``NotBulk`` tells the caller to add those documents one by one.
The batch is one transaction: should anything fail, nothing of it is kept
and the caller does it again one document at a time, each under a savepoint.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from bluebook.dedup.blocks import assign_indexed
from bluebook.store import documents as docs
from bluebook.store import events as evs
from bluebook.store.cache import ClusterCache
from bluebook.store.engine import Database
from bluebook.store.prepare import PreparedDocument
from bluebook.store.raw import Raw
from bluebook.store.records import AddResult

_CHUNK = 1_000      # values per lookup statement


class NotBulk(Exception):
    """The batch replaces a stored document: add it document by document."""


def _lookup(raw: Raw, name: str, values: list[str]) -> list[Any]:
    return [raw.execute(raw.named(name), {"v": raw.array(values[i:i + _CHUNK])})
            for i in range(0, len(values), _CHUNK)]


def _bands(raw: Raw, pairs: list[tuple[int, int]]) -> list[Any]:
    out = []
    for i in range(0, len(pairs), _CHUNK):
        part = pairs[i:i + _CHUNK]
        params = ({"bands": [b for b, _ in part], "hashes": [h for _, h in part]} if raw.pg
                  else {"pairs": raw.array([list(p) for p in part])})
        out.append(raw.execute(raw.named("band_rows"), params))
    return out


def _rows(pending: list[Any]) -> list[tuple]:
    out: list[tuple] = []
    for cur in pending:
        out += cur.fetchall()
        cur.close()
    return out


def write_batch(db: Database, prepared: list[PreparedDocument | AddResult], cache: ClusterCache,
                take_ids: Any) -> list[AddResult]:
    """One transaction for the batch. ``take_ids(raw)`` gives ``ids(table, n) -> list[int]`` on SQLite."""
    new = [p for p in prepared if isinstance(p, PreparedDocument)]
    with db.write() as conn:
        raw = Raw(conn, db.dialect)
        cache.begin(raw, db.commits)
        with raw.batch():
            q_blocks = cache.query(raw, [n for p in new for n in p.needs()])
            q_hash = _lookup(raw, "in_hashes", sorted({p.doc.content_hash for p in new}))
            q_key = _lookup(raw, "in_keys", sorted({p.doc.key for p in new}))
            q_near = _bands(raw, sorted({band for p in new for band in p.doc.bands}))
            if raw.pg:
                q_doc_ids = raw.allocate("documents", max(1, len(new)))
                q_ev_ids = raw.allocate("events", max(1, sum(p.n_events for p in new)))
        by_hash: dict[str, int] = {h: int(i) for h, i in _rows(q_hash)}
        by_key: dict[str, int] = {k: int(i) for k, i in _rows(q_key)}
        near: dict[tuple[int, int], list[tuple]] = defaultdict(list)
        for band, h, *row in _rows(q_near):
            near[(int(band), int(h))].append(tuple(row))
        cache.fill(q_blocks)
        if raw.pg:
            doc_ids = iter(raw.allocated(q_doc_ids, max(1, len(new))))
            ev_ids = iter(raw.allocated(q_ev_ids, max(1, sum(p.n_events for p in new))))
            take = {"documents": doc_ids, "events": ev_ids}

            def ids(table: str, n: int) -> list[int]:
                return [next(take[table]) for _ in range(n)]
        else:
            ids = take_ids(raw)
        results: list[AddResult] = []
        doc_rows: list[docs.DocRows] = []
        writer = evs.EventWriter()
        for p in prepared:
            if isinstance(p, AddResult):
                results.append(p)
                continue
            prep = p.doc
            same = by_hash.get(prep.content_hash)
            if same is not None:
                results.append(AddResult("duplicate", same))
                continue
            if prep.key in by_key:
                raise NotBulk(prep.key)
            candidates = {r[0]: r for band in prep.bands for r in near.get(band, ())}
            original = docs.pick_original(prep, list(candidates.values()))
            a = assign_indexed(p.mentions, cache, p.mention_blocks)
            doc_id = ids("documents", 1)[0]
            evs.write_assignment(raw, doc_id, (), a, ids("events", len(a.new)), rows=p.mention_rows, writer=writer)
            cache.adopt(a.new)
            doc_rows.append(docs.rows(prep, original, doc_id))
            by_hash[prep.content_hash] = by_key[prep.key] = doc_id
            if prep.signature is not None:
                mine = (doc_id, prep.texts["minhash"], original[0] if original else None)
                for band in prep.bands:
                    near[band].append(mine)
            results.append(AddResult("added", doc_id, [int(c.id) for c in a.clusters if c.id is not None],
                                     duplicate_of=original[0] if original else None,
                                     similarity=original[1] if original else None))
        docs.write_rows(raw, doc_rows)
        writer.flush(raw)
    return results
