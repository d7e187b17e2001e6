"""Adding documents with their events.

Before the write lock: ``prepare.prepare_document`` (hashes, folding, MinHash,
rows), unless the caller sent PreparedDocuments made in worker processes.

Inside a write transaction, for a batch of documents:
1. the canonical events every document of the batch may join, in one lookup
   for the blocks and days the writer's cache (store/cache.py) does not hold;
2. per document, in order: same text, same URL or path, near-duplicate
   candidates (and PostgreSQL ids), in one round trip on PostgreSQL;
   decide in Python (duplicate, replacement, near-duplicate link, clusters);
   write everything, again in one round trip on PostgreSQL.

``add_document`` is one transaction per document. ``add_many`` puts ``batch``
documents in one transaction, so the commit (which on SQLite writes every
touched index page) is paid once per batch. A document is still
all-or-nothing: should one fail, the transaction is rolled back and the batch
done again with each document under its own SAVEPOINT, so the failing one is
rolled back alone. Savepoints cost a statement each, so only that retry pays
for them.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from bluebook.dedup.blocks import assign_indexed
from bluebook.errors import BluebookError
from bluebook.models import Document, Event
from bluebook.store import bulk
from bluebook.store import documents as docs
from bluebook.store import events as evs
from bluebook.store.cache import ClusterCache
from bluebook.store.engine import _DBAPI_ERRORS, Database
from bluebook.store.prepare import PreparedDocument, prepare_document
from bluebook.store.raw import Raw
from bluebook.store.records import AddResult

_SAVEPOINT = "bluebook_doc"
_PER_DOCUMENT: tuple[type[BaseException], ...] = (BluebookError, *_DBAPI_ERRORS)

Item = tuple[Document, Sequence[Event]] | PreparedDocument


class _Ids:
    """New ids on SQLite: the AUTOINCREMENT counter, read once a transaction (we hold the lock)."""

    def __init__(self, raw: Raw) -> None:
        self.raw = raw
        self.last: dict[str, int] = {}

    def take(self, table: str, n: int) -> list[int]:
        if table not in self.last:
            self.last[table] = int(self.raw.scalar(
                "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = :t), 0)", {"t": table}))
        base = self.last[table]
        self.last[table] = base + n
        return list(range(base + 1, base + n + 1))


def cache_of(db: Database) -> ClusterCache:
    if not isinstance(db.cache, ClusterCache):
        db.cache = ClusterCache()
    return db.cache


def _add(raw: Raw, p: PreparedDocument, cache: ClusterCache, ids: _Ids, writer: evs.EventWriter,
         savepoint: bool) -> AddResult:
    prep, ms, wanted = p.doc, p.mentions, p.needs()
    if cache.missing(wanted):
        writer.flush(raw)       # the database must show what the cache would have
    with raw.batch():
        if savepoint:
            raw.execute(f"SAVEPOINT {_SAVEPOINT}").close()
        q_same = raw.execute("SELECT id FROM documents WHERE content_hash = :h", {"h": prep.content_hash})
        q_old = raw.execute("SELECT id FROM documents WHERE doc_key = :k", {"k": prep.key})
        q_near = docs.near_query(raw, prep)
        q_blocks = cache.query(raw, wanted)
        if raw.pg:     # SQLite counts ids itself (_Ids)
            q_doc_id, q_ev_ids = raw.allocate("documents", 1), raw.allocate("events", max(1, len(ms)))
    same, old = q_same.fetchall(), q_old.fetchall()
    near_rows = q_near.fetchall() if q_near is not None else []
    cache.fill(q_blocks)
    if same:
        if savepoint:
            raw.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}").close()
        return AddResult("duplicate", int(same[0][0]))
    old_id = int(old[0][0]) if old else None
    if old_id is not None:      # rare: the old version's events change; simplest is to read them again
        cache.clear()
        writer.flush(raw)
        evs.detach_document(raw.conn, raw, old_id)
        docs.remove_content(raw, old_id)
        cache.load(raw, wanted)
    original = docs.pick_original(prep, near_rows, exclude=old_id)
    a = assign_indexed(ms, cache, p.mention_blocks)
    if raw.pg:
        doc_id = old_id if old_id is not None else raw.allocated(q_doc_id, 1)[0]
        new_ids = raw.allocated(q_ev_ids, max(1, len(ms)))
    else:
        doc_id = old_id if old_id is not None else ids.take("documents", 1)[0]
        new_ids = ids.take("events", len(a.new))
    with raw.batch():
        docs.write(raw, prep, original, doc_id, replace=old_id is not None)
        evs.write_assignment(raw, doc_id, (), a, new_ids, rows=p.mention_rows, writer=writer)
    if savepoint:
        writer.flush(raw)
        raw.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}").close()
    cache.adopt(a.new)
    return AddResult("replaced" if old_id is not None else "added", int(doc_id),
                     [int(c.id) for c in a.clusters if c.id is not None],
                     duplicate_of=original[0] if original else None,
                     similarity=original[1] if original else None)


def _write(db: Database, prepared: list[PreparedDocument | AddResult], savepoints: bool) -> list[AddResult]:
    """One transaction. Without savepoints, any document's failure raises (and nothing is kept)."""
    cache = cache_of(db)
    results: list[AddResult] = []
    try:
        with db.write() as conn:
            raw = Raw(conn, db.dialect)
            cache.begin(raw, db.commits)
            cache.load(raw, [n for p in prepared if isinstance(p, PreparedDocument) for n in p.needs()])
            ids, writer = _Ids(raw), evs.EventWriter()
            for p in prepared:
                if isinstance(p, AddResult):
                    results.append(p)
                elif not savepoints:
                    results.append(_add(raw, p, cache, ids, writer, savepoint=False))
                else:
                    try:
                        results.append(_add(raw, p, cache, ids, writer, savepoint=True))
                    except _PER_DOCUMENT as e:
                        # Only this document is undone; if even that fails, the whole batch goes.
                        cache.clear()
                        raw.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}").close()
                        raw.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}").close()
                        results.append(_failed(e))
                        writer = evs.EventWriter()
            writer.flush(raw)
    except BaseException:
        cache.clear()
        raise
    cache.committed(db.commits)
    return results


def add_document(db: Database, doc: Document, events: Sequence[Event]) -> AddResult:
    """One document in its own transaction; a failure raises (StoreError) and stores nothing."""
    return _write(db, [prepare_document(doc, events)], savepoints=False)[0]


def _failed(e: BaseException) -> AddResult:
    return AddResult("failed", 0, error=str(e))


def _prepared(item: Any) -> PreparedDocument | AddResult:
    if isinstance(item, PreparedDocument):
        return item
    try:
        doc, events = item
        return prepare_document(doc, events)
    except BluebookError as e:
        return _failed(e)
    except (TypeError, ValueError) as e:       # not a (document, events) pair
        return _failed(BluebookError(f"expected (Document, events) or a PreparedDocument, got {e}",
                                     hint="pass what Store.add_documents documents"))


def _write_chunk(db: Database, prepared: list[PreparedDocument | AddResult]) -> list[AddResult]:
    cache = cache_of(db)
    if sum(isinstance(p, PreparedDocument) for p in prepared) > 1:
        try:
            results = bulk.write_batch(db, prepared, cache, lambda raw: _Ids(raw).take)
        except bulk.NotBulk:            # a replacement in the batch: document by document
            cache.clear()
        except _PER_DOCUMENT:           # some document failed: find which, keep the others
            cache.clear()
            return _write(db, prepared, savepoints=True)
        except BaseException:
            cache.clear()
            raise
        else:
            cache.committed(db.commits)
            return results
    try:
        return _write(db, prepared, savepoints=False)
    except _PER_DOCUMENT:
        return _write(db, prepared, savepoints=True)


def add_many(db: Database, items: Iterable[Item], batch: int = 1) -> Iterator[AddResult]:
    """A result per item, in order, yielded once its transaction has committed."""
    it = iter(items)
    while chunk := list(islice(it, max(1, int(batch)))):
        yield from _write_chunk(db, [_prepared(x) for x in chunk])
