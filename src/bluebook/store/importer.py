"""Loading an export (store/export.py) into an empty database, ids and all.

Documents come back with the metadata the export carries (source, URL, title,
date, language, hash, near-duplicate link) and, when it carries ``doc_text``
(on a document's first mention, in every format), their text, original,
encoding, metadata, search index and MinHash (see ``_doc_rows``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bluebook.dedup.events import Cluster, Mention, order_parties, rebuild
from bluebook.errors import MalformedRecordError, StoreError
from bluebook.models import Document
from bluebook.store import documents as docs
from bluebook.store import export, postgres
from bluebook.store import schema as t
from bluebook.store.documents import now
from bluebook.store.engine import Database
from bluebook.store.events import event_values, mention_row, write_side_tables
from bluebook.store.raw import Raw


def _key(url: str, source: str, h: str) -> str:
    return f"url:{url}" if url else (f"source:{source}" if source else f"hash:{h}")


def _doc_rows(m: dict[str, Any], stamp: str) -> docs.DocRows:
    """A document's rows from an export's doc_* fields.

    The text comes with the export when it has ``doc_text`` (with ``doc_original``,
    ``doc_encoding``, ``doc_meta`` optional): then the document is searchable and
    near-duplicates of it are found as after an ingest. Without it, the document
    is a stub: metadata and hash, its title indexed, no text.
    """
    url, source, h = str(m.get("doc_url") or ""), str(m.get("doc_source") or ""), str(m["doc_hash"])
    text = str(m.get("doc_text") or "")
    meta = m.get("doc_meta")
    if isinstance(meta, str):       # JSON in a cell, as CSV and Parquet carry it (export.read decodes it already)
        meta = json.loads(meta) if meta.strip() else None
    d = Document(source=source, original=str(m.get("doc_original") or text), text=text, url=url,
                 title=str(m.get("doc_title") or ""), lang=str(m.get("doc_lang") or ""),
                 encoding=str(m.get("doc_encoding") or ""),
                 meta=meta if isinstance(meta, dict) else ({} if text else {"imported": True}))
    rows = docs.rows(docs.prepare(d, 0), None, int(m["doc_id"]))
    # The export's identity wins: its hash (of the text, when there is one) and its date as written.
    rows.document.update(doc_key=_key(url, source, h), content_hash=h, doc_date=m.get("doc_date") or None,
                         added_at=stamp, updated_at=stamp)
    return rows


def _placeholder(doc_id: int, stamp: str) -> docs.DocRows:
    """An original that had no events of its own, so the export did not carry it."""
    return _doc_rows({"doc_id": doc_id, "doc_hash": f"missing:{doc_id}", "doc_source": f"(not exported #{doc_id})"},
                     stamp)


def _event(rec: dict[str, Any]) -> tuple[Cluster, list[dict[str, Any]]]:
    ms = list(rec["mentions"])
    if not ms:
        raise ValueError("an event without mentions")
    rebuilt = rebuild(Mention.of(m) for m in ms)
    c = Cluster(type=str(rec["event_type"]), date=str(rec["event_date"]), date_end=rec.get("event_date_end"),
                parties=order_parties(rec.get("event_parties") or []), persons=list(dict.fromkeys(rec.get("event_persons") or [])),
                location=rec.get("event_location"), location_conf=rebuilt.location_conf if rebuilt else 0.0,
                planned=bool(rec.get("event_planned")), summary_en=str(rec.get("event_summary_en") or ""),
                summary_vi=str(rec.get("event_summary_vi") or ""), n_mentions=len(ms), id=int(rec["event_id"]))
    return c, ms


def _mention_row(m: dict[str, Any], event_id: int) -> dict[str, Any]:
    as_event = dict(m, id=m.get("key", ""), sentence=(m.get("sentence_start", 0), m.get("sentence_end", 0)),
                    evidence_span=(m.get("evidence_start", 0), m.get("evidence_end", 0)))
    row = mention_row(as_event, int(m["doc_id"]), event_id)
    row["id"] = int(m["mention_id"])
    return row


def import_records(db: Database, records: Iterable[tuple[int, dict[str, Any]]], source: str) -> int:
    """Insert every exported event; the database must be empty. Returns the events imported."""
    stamp = now()
    n = 0
    with db.write() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one() or \
                conn.execute(sa.select(sa.func.count()).select_from(t.events)).scalar_one():
            raise StoreError("import needs an empty database", source=source,
                             hint="import into a new database file, or export and merge by re-ingesting")
        raw = Raw(conn, db.dialect)
        seen: dict[int, int] = {}        # doc id -> mentions seen
        dup_of: dict[int, int] = {}
        for line, rec in records:
            try:
                c, ms = _event(rec)
                for m in ms:
                    did = int(m["doc_id"])
                    if did not in seen:
                        docs.write_rows(raw, [_doc_rows(m, stamp)])
                        seen[did] = 0
                        if m.get("doc_duplicate_of") is not None:
                            dup_of[did] = int(m["doc_duplicate_of"])
                    seen[did] += 1
                conn.execute(t.events.insert().values(**event_values(c), id=c.id, created_at=stamp))
                conn.execute(t.mentions.insert(), [_mention_row(m, int(rec["event_id"])) for m in ms])
                write_side_tables(raw, [c], fresh=True)
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                raise MalformedRecordError(f"record at line {line} is not a bluebook export record ({e!r})",
                                           source=source, hint="import files written by `bluebook export`") from e
            n += 1
        for orig in dup_of.values():
            if orig not in seen:
                docs.write_rows(raw, [_placeholder(orig, stamp)])
                seen[orig] = 0
        if dup_of:
            conn.execute(t.documents.update().where(t.documents.c.id == sa.bindparam("_id")),
                         [{"_id": d, "duplicate_of": o} for d, o in dup_of.items()])
        if seen:
            conn.execute(t.documents.update().where(t.documents.c.id == sa.bindparam("_id")),
                         [{"_id": d, "expected_events": k} for d, k in seen.items()])
        if db.dialect == "postgresql":
            postgres.fix_sequences(conn, ["documents", "events", "mentions"])
    return n


def import_file(db: Database, path: str | Path) -> int:
    p = Path(path)
    if not p.is_file():
        raise StoreError("no such export file", source=str(path), hint="pass a file written by `bluebook export`")
    try:
        return import_records(db, export.read(p), str(path))
    except (ValueError, OSError) as e:       # broken JSON/CSV/Parquet while reading records
        raise MalformedRecordError(f"cannot read the export: {e}", source=str(path),
                                   hint="import files written by `bluebook export`") from e
