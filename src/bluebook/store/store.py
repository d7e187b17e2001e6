"""The Store: documents, their events deduplicated into canonical events, search, export.

Every public method runs in its own transaction; ``add_document`` is one
transaction per document with its events, so a crash leaves a document
either wholly stored or absent.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from bluebook.errors import StoreError
from bluebook.models import Document, Event
from bluebook.search.query import search as run_search
from bluebook.search.snippets import SearchHit
from bluebook.store import add, importer, migrate, postgres, queries, sqlite
from bluebook.store import documents as docs
from bluebook.store import events as evs
from bluebook.store import export as exp
from bluebook.store import schema as t
from bluebook.store.engine import Database, display_url
from bluebook.store.plover import to_plover
from bluebook.store.prepare import PreparedDocument
from bluebook.store.raw import Raw
from bluebook.store.records import AddResult, CanonicalEvent, StoredDocument
from bluebook.store.stats import stats as collect_stats

EXPORT_FORMATS = (*exp.FORMATS, "plover")
EPOCH_SCHEMA = 3        # migrations/0003_write_epoch


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return display_url(self.db.url)

    @property
    def dialect(self) -> str:
        return self.db.dialect

    @property
    def engine(self) -> sa.Engine:
        return self.db.engine

    def upgrade(self) -> list[int]:
        """Apply missing schema migrations; return the versions applied."""
        done = migrate.upgrade(self.db)
        self.db.epoch = self.dialect == "postgresql" and self.schema_version() >= EPOCH_SCHEMA
        return done

    def schema_version(self) -> int:
        return migrate.current_version(self.db)

    def close(self) -> None:
        self.db.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def add_document(self, doc: Document, events: Sequence[Event] = ()) -> AddResult:
        """Store a document with its events, in one transaction.

        Same text again: nothing changes ('duplicate'). Same URL (or source path
        when there is no URL) with new text: the old version and its events are
        replaced ('replaced'). A near-duplicate of a stored text is stored, linked
        to it (``duplicate_of``), and its events are clustered like any others.
        """
        return add.add_document(self.db, doc, events)

    def add_documents(self, items: Iterable[tuple[Document, Sequence[Event]] | PreparedDocument], batch: int = 1
                      ) -> Iterator[AddResult]:
        """Add each (document, events) pair, streaming one result per pair.

        An item may also be a ``store.prepare.PreparedDocument`` (``prepare_document(doc,
        events)``, e.g. made in worker processes): the writer then skips that work.

        ``batch`` > 1 commits that many documents together (bulk loads: the
        commit dominates on big stores). Each document still gets its own
        savepoint, so it is stored whole or not at all; one that fails is
        rolled back alone and comes back with status 'failed' and the error.
        Results are yielded once their transaction has committed.
        """
        return add.add_many(self.db, items, batch)

    def add_reject(self, source: str, code: str, message: str) -> int:
        """Record an input that was not stored, and why (shown by ``stats``)."""
        before = self.db.commits
        with self.db.write() as conn:
            new_id = int(conn.execute(t.rejects.insert().values(
                source=docs.storable(source), code=docs.storable(code), message=docs.storable(message),
                created_at=docs.now()).returning(t.rejects.c.id)).scalar_one())
            epoch = conn.info.get("bluebook_epoch")
        add.cache_of(self.db).unrelated(before, self.db.commits, epoch)
        return new_id

    def remove_document(self, doc_id: int) -> bool:
        """Delete a document and its mentions; canonical events are repaired. False if absent."""
        with self.db.write() as conn:
            raw = Raw(conn, self.dialect)
            if docs.find_by_id(raw, doc_id) is None:
                return False
            evs.detach_document(conn, raw, doc_id)
            docs.remove_content(raw, doc_id)
            raw.execute("UPDATE documents SET duplicate_of = NULL WHERE duplicate_of = :id", {"id": doc_id}).close()
            raw.execute("DELETE FROM doc_texts WHERE doc_id = :id", {"id": doc_id}).close()
            raw.execute("DELETE FROM documents WHERE id = :id", {"id": doc_id}).close()
        return True

    # -- reading ---------------------------------------------------------------------------
    def search(self, query: str, lang: str | None = None, limit: int = 20, offset: int = 0,
               filters: dict[str, Any] | None = None) -> list[SearchHit]:
        """Documents matching every word of ``query`` (diacritics and case ignored), best first.

        Double-quoted parts must match as phrases. When more than 1,000 documents
        match, the 1,000 most recently stored are the ones ranked (see
        search.query.CANDIDATES). An empty query lists documents newest first.
        filters: date_from/date_to (document date), source (path prefix), type and
        party (documents with such an event), duplicates (True to include near-duplicates).
        """
        with self.db.read() as conn:
            return run_search(conn, self.dialect, query, lang, limit, offset, filters)

    def events(self, type: str | None = None, party: str | None = None, person: str | None = None,
               date_from: str | None = None, date_to: str | None = None, planned: bool | None = None,
               lang: str | None = None, limit: int | None = None, offset: int = 0) -> list[CanonicalEvent]:
        """Canonical events in date order, each with its mentions and source counts."""
        with self.db.read() as conn:
            return queries.events(conn, type, party, person, date_from, date_to, planned, lang, limit, offset)

    def event(self, event_id: int) -> CanonicalEvent | None:
        with self.db.read() as conn:
            return queries.event(conn, event_id)

    def document(self, doc_id: int) -> StoredDocument | None:
        with self.db.read() as conn:
            return queries.document(conn, doc_id)

    def partners(self) -> dict[str, int]:
        """Canonical events per partner (every party but VNM), most first."""
        with self.db.read() as conn:
            return queries.partners(conn)

    def stats(self) -> dict[str, Any]:
        with self.db.read() as conn:
            return collect_stats(conn)

    def optimize(self) -> None:
        """Tidy up after a bulk load: planner statistics, and (SQLite) one merged full-text index.

        Search plans on PostgreSQL depend on statistics; run this after loading
        many documents (autovacuum gets there too, later).
        """
        with self.db.write() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("INSERT INTO documents_fts (documents_fts) VALUES ('optimize')")
                conn.exec_driver_sql("PRAGMA optimize")
        if self.dialect == "postgresql":
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")

    def check(self) -> list[str]:
        """Problems found: engine integrity, and documents whose stored events are fewer than expected."""
        with self.db.read() as conn:
            problems = (sqlite if self.dialect == "sqlite" else postgres).integrity_check(conn)
            n = sa.func.count(t.mentions.c.id)
            q = (sa.select(t.documents.c.id, t.documents.c.expected_events, n.label("n"))
                 .outerjoin(t.mentions, t.mentions.c.doc_id == t.documents.c.id)
                 .group_by(t.documents.c.id, t.documents.c.expected_events)
                 .having(n != t.documents.c.expected_events))
            problems += [f"document {r.id}: {r.n} events stored, {r.expected_events} expected"
                         for r in conn.execute(q)]
            orphans = conn.execute(sa.select(sa.func.count()).select_from(t.events).where(
                ~sa.exists().where(t.mentions.c.event_id == t.events.c.id))).scalar_one()
            if orphans:
                problems.append(f"{orphans} canonical events without mentions")
        return problems

    # -- export / import -------------------------------------------------------------------
    def iter_events(self, chunk: int = 500) -> Iterator[CanonicalEvent]:
        """Every canonical event in date order, read in chunks (flat memory on big stores)."""
        with self.db.read() as conn:
            ids = queries.event_ids(conn)
        for i in range(0, len(ids), chunk):
            with self.db.read() as conn:
                yield from queries.events_by_ids(conn, ids[i:i + chunk])

    def export(self, fmt: str, out: str | Path | IO[Any], texts: bool = True) -> int:
        """Write canonical events with their sources as jsonl, csv, parquet or plover (PLOVER JSONL).

        ``texts``: each document's text, original, encoding and metadata on its first
        mention (jsonl, csv, parquet), so an import gets searchable documents back.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(EXPORT_FORMATS)}")
        if isinstance(out, str | Path):
            try:
                if fmt == "parquet":
                    with open(out, "wb") as fb:
                        return self.export(fmt, fb, texts)
                with open(out, "w", encoding="utf-8", newline="") as ft:
                    return self.export(fmt, ft, texts)
            except OSError as e:
                raise StoreError(f"cannot write the export: {e.strerror}", source=str(out),
                                 hint="check the folder exists and is writable") from e
        if fmt == "plover":
            n = 0
            for ev in self.iter_events():
                out.write(json.dumps(to_plover(ev), ensure_ascii=False) + "\n")
                n += 1
            return n
        return exp.write(self.iter_events(), fmt, out, texts=exp.stored_texts(self.db) if texts else None)

    def import_(self, path: str | Path) -> int:
        """Load an export (jsonl, csv or parquet) into this empty store; returns events imported."""
        return importer.import_file(self.db, path)
