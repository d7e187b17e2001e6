"""Adding documents with their events.

For each document, inside a write transaction:
1. every lookup at once: same text, same URL or path, near-duplicate
   candidates, canonical events the mentions may join, and (PostgreSQL) ids
   for the rows to come; one round trip on PostgreSQL;
2. decide in Python: duplicate, replacement, near-duplicate link, clusters;
3. write everything, again in one round trip on PostgreSQL.

``add_document`` is one transaction per document. ``add_many`` puts ``batch``
documents in one transaction, each under its own SAVEPOINT: a document is
still all-or-nothing and a failing one is rolled back alone, but the commit
(which on SQLite writes every touched index page) is paid once per batch.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, cast

import sqlalchemy as sa

from bluebook.dedup.events import Mention, assign
from bluebook.errors import BluebookError
from bluebook.models import Document, Event
from bluebook.store import documents as docs
from bluebook.store import events as evs
from bluebook.store.engine import _DBAPI_ERRORS, Database
from bluebook.store.postgres import LOCK_SQL
from bluebook.store.raw import Raw
from bluebook.store.records import AddResult

_SAVEPOINT = "bluebook_doc"
_PER_DOCUMENT: tuple[type[BaseException], ...] = (BluebookError, *_DBAPI_ERRORS)


@dataclass
class _Prepared:
    doc: docs.PreparedDoc
    events: list[Any]
    mentions: list[Mention]
    blocks: list[str]


def _prepare(doc: Document, events: Sequence[Event]) -> _Prepared:
    """Hashing, folding and MinHash: done before taking the write lock."""
    events = list(events or [])
    ms = [Mention.of(e) for e in events]
    return _Prepared(docs.prepare(doc, len(events)), events, ms, evs.candidate_blocks(ms))


def _add(conn: sa.Connection, raw: Raw, p: _Prepared, lock: bool, savepoint: bool) -> AddResult:
    prep, ms = p.doc, p.mentions
    with raw.batch():
        if savepoint:
            raw.execute(f"SAVEPOINT {_SAVEPOINT}").close()
        if lock and raw.pg:
            raw.execute(LOCK_SQL).close()
        q_same = raw.execute("SELECT id FROM documents WHERE content_hash = :h", {"h": prep.content_hash})
        q_old = raw.execute("SELECT id FROM documents WHERE doc_key = :k", {"k": prep.key})
        q_near = docs.near_query(raw, prep)
        q_pool = evs.candidates_query(raw, p.blocks)
        if raw.pg:     # SQLite reserves ids after clustering, when it knows how many
            q_doc_id, q_ev_ids = raw.allocate("documents", 1), raw.allocate("events", max(1, len(ms)))
    same, old = q_same.fetchall(), q_old.fetchall()
    if same:
        if savepoint:
            raw.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}").close()
        return AddResult("duplicate", int(same[0][0]))
    old_id = int(old[0][0]) if old else None
    near_rows = q_near.fetchall() if q_near is not None else []
    pool = evs.candidates(q_pool)
    if old_id is not None:      # rare: the old version's events change, so look again after removing it
        evs.detach_document(conn, raw, old_id)
        docs.remove_content(raw, old_id)
        pool = evs.candidates(evs.candidates_query(raw, p.blocks))
    original = docs.pick_original(prep, near_rows, exclude=old_id)
    a = assign(ms, pool)
    if raw.pg:
        doc_id = old_id if old_id is not None else raw.allocated(q_doc_id, 1)[0]
        new_ids = raw.allocated(q_ev_ids, max(1, len(ms)))
    else:
        doc_id = old_id if old_id is not None else raw.allocated(raw.allocate("documents", 1), 1)[0]
        new_ids = raw.allocated(raw.allocate("events", len(a.new)), len(a.new))
    with raw.batch():
        docs.write(raw, prep, original, doc_id, replace=old_id is not None)
        evs.write_assignment(raw, doc_id, p.events, a, new_ids)
        if savepoint:
            raw.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}").close()
    return AddResult("replaced" if old_id is not None else "added", int(doc_id),
                     [cast(int, c.id) for c in a.clusters],
                     duplicate_of=original[0] if original else None,
                     similarity=original[1] if original else None)


def add_document(db: Database, doc: Document, events: Sequence[Event]) -> AddResult:
    p = _prepare(doc, events)
    with db.write(lock=False) as conn:
        return _add(conn, Raw(conn, db.dialect), p, lock=True, savepoint=False)


def _failed(e: BaseException) -> AddResult:
    return AddResult("failed", 0, error=str(e))


def add_many(db: Database, items: Iterable[tuple[Document, Sequence[Event]]], batch: int = 1) -> Iterator[AddResult]:
    """A result per (document, events), in order, yielded once its transaction has committed."""
    it = iter(items)
    while chunk := list(islice(it, max(1, int(batch)))):
        prepared: list[_Prepared | AddResult] = []
        for doc, events in chunk:
            try:
                prepared.append(_prepare(doc, events))
            except BluebookError as e:
                prepared.append(_failed(e))
        results: list[AddResult] = []
        with db.write(lock=False) as conn:
            raw = Raw(conn, db.dialect)
            if raw.pg:
                raw.execute(LOCK_SQL).close()
            for p in prepared:
                if isinstance(p, AddResult):
                    results.append(p)
                    continue
                try:
                    results.append(_add(conn, raw, p, lock=False, savepoint=True))
                except _PER_DOCUMENT as e:
                    # Only this document is undone; if even that fails, the whole batch goes.
                    raw.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}").close()
                    raw.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}").close()
                    results.append(_failed(e))
        yield from results
