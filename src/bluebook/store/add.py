"""Adding one document with its events: three steps, one transaction.

1. Under the write lock, every lookup at once: same text, same URL or path,
   near-duplicate candidates, canonical events the mentions may join, and
   (PostgreSQL) ids for the rows to come. One round trip on PostgreSQL.
2. Decide, in Python: duplicate, replacement, near-duplicate link, clusters.
3. Write everything; again one round trip on PostgreSQL.
"""
from __future__ import annotations

from collections.abc import Sequence

from bluebook.dedup.events import Mention, assign
from bluebook.models import Document, Event
from bluebook.store import documents as docs
from bluebook.store import events as evs
from bluebook.store.engine import Database
from bluebook.store.postgres import LOCK_SQL
from bluebook.store.raw import Raw
from bluebook.store.records import AddResult


def add_document(db: Database, doc: Document, events: Sequence[Event]) -> AddResult:
    events = list(events or [])
    prep = docs.prepare(doc, len(events))       # hashing, folding and MinHash outside the lock
    ms = [Mention.of(e) for e in events]
    blocks = evs.candidate_blocks(ms)
    with db.write(lock=False) as conn:
        raw = Raw(conn, db.dialect)
        with raw.batch():
            if raw.pg:
                raw.execute(LOCK_SQL).close()
            q_same = raw.execute("SELECT id FROM documents WHERE content_hash = :h", {"h": prep.content_hash})
            q_old = raw.execute("SELECT id FROM documents WHERE doc_key = :k", {"k": prep.key})
            q_near = docs.near_query(raw, prep)
            q_pool = evs.candidates_query(raw, blocks)
            if raw.pg:     # SQLite reserves ids after clustering, when it knows how many
                q_doc_id, q_ev_ids = raw.allocate("documents", 1), raw.allocate("events", max(1, len(ms)))
        same, old = q_same.fetchall(), q_old.fetchall()
        if same:
            return AddResult("duplicate", int(same[0][0]))
        old_id = int(old[0][0]) if old else None
        near_rows = q_near.fetchall() if q_near is not None else []
        pool = evs.candidates(q_pool)
        if old_id is not None:      # rare: the old version's events change, so look again after removing it
            evs.detach_document(conn, raw, old_id)
            docs.remove_content(raw, old_id)
            pool = evs.candidates(evs.candidates_query(raw, blocks))
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
            evs.write_assignment(raw, doc_id, events, a, new_ids)
    return AddResult("replaced" if old_id is not None else "added", int(doc_id), [int(c.id) for c in a.clusters],
                     duplicate_of=original[0] if original else None,
                     similarity=original[1] if original else None)
