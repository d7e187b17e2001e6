"""Documents in the database: identity (hash, key), near-duplicate links, removal."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from bluebook.dedup import documents as near
from bluebook.errors import StoreError
from bluebook.models import Document
from bluebook.search import index
from bluebook.search.fold import index_text
from bluebook.store.raw import COPY_MIN_ROWS, Raw
from bluebook.store.records import dumps

# PostgreSQL text cannot hold NUL, and no UTF-8 codec takes lone surrogates; one
# replacement character for one bad one keeps every stored offset valid.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(s: Any) -> str:
    if s is None:
        return ""
    s = str(s)
    if s.isascii() and "\x00" not in s:
        return s
    return UNSTORABLE.sub("\ufffd", s)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class PreparedDoc:
    """Everything computed before taking the write lock."""
    row: dict[str, Any]         # the documents row
    texts: dict[str, Any]       # the doc_texts row
    key: str
    content_hash: str
    signature: near.Signature | None
    bands: list[tuple[int, int]]
    index_title: str = ""
    index_body: str = ""
    dropped: dict[str, int] = field(default_factory=dict)


def _dropped(meta: dict[str, Any]) -> dict[str, int]:
    """meta['dropped'] as {reason: count}, whatever shape the cleaner gave it."""
    d = meta.get("dropped")
    out: dict[str, int] = {}
    if isinstance(d, dict):
        for k, v in d.items():
            try:
                out[str(k)] = out.get(str(k), 0) + int(v if not isinstance(v, list | tuple) else len(v))
            except (TypeError, ValueError):
                continue
    elif isinstance(d, list | tuple):
        for k in d:
            out[str(k)] = out.get(str(k), 0) + 1
    elif isinstance(d, int) and not isinstance(d, bool):
        out["unspecified"] = d
    return {k: v for k, v in out.items() if v > 0}


def prepare(doc: Document, n_events: int) -> PreparedDoc:
    if not isinstance(doc, Document):
        raise StoreError(f"expected a Document, got {type(doc).__name__}", hint="pass models.Document objects")
    original = storable(doc.original)
    text = storable(doc.text) or original
    h = hashlib.sha1(text.encode("utf-8")).hexdigest()
    url, source = storable(doc.url).strip(), storable(doc.source)
    key = f"url:{url}" if url else (f"source:{source}" if source else f"hash:{h}")
    meta = doc.meta if isinstance(doc.meta, dict) else {}
    body = index_text(text[:index.MAX_INDEXED_CHARS])
    sig = near.signature_of_words(body.split()) if len(text) <= index.MAX_INDEXED_CHARS else near.signature(text)
    stamp = now()
    when = doc.doc_date
    row: dict[str, Any] = {
        "doc_key": key, "source": source, "url": url, "title": storable(doc.title),
        "doc_date": when.isoformat() if isinstance(when, date) else (storable(when) or None),
        "lang": storable(doc.lang), "encoding": storable(doc.encoding), "content_hash": h,
        "expected_events": n_events, "added_at": stamp, "updated_at": stamp,
    }
    texts: dict[str, Any] = {"text": text, "original": original if original != text else None, "meta": storable(dumps(meta)),
             "minhash": sig.to_bytes() if sig is not None else None}
    return PreparedDoc(row=row, texts=texts, key=key, content_hash=h, signature=sig,
                       bands=near.bands(sig) if sig is not None else [], index_title=index_text(row["title"]),
                       index_body=body, dropped=_dropped(meta))


def find_by_hash(raw: Raw, h: str) -> int | None:
    return raw.scalar("SELECT id FROM documents WHERE content_hash = :h", {"h": h})


def find_by_key(raw: Raw, key: str) -> int | None:
    return raw.scalar("SELECT id FROM documents WHERE doc_key = :k", {"k": key})


def find_by_id(raw: Raw, doc_id: int) -> int | None:
    return raw.scalar("SELECT id FROM documents WHERE id = :id", {"id": int(doc_id)})


def near_query(raw: Raw, prep: PreparedDoc) -> Any:
    """Pending result: stored documents sharing a MinHash band with this one (None: no words)."""
    if prep.signature is None or not prep.bands:
        return None
    params = {"hashes": raw.array([h for _, h in prep.bands])}
    if raw.pg:
        params["bands"] = [b for b, _ in prep.bands]
    return raw.execute(raw.named("band_docs"), params)


def pick_original(prep: PreparedDoc, rows: list[tuple], exclude: int | None = None) -> tuple[int, float] | None:
    """The document this one nearly duplicates (the root, if that is itself a copy), and how similar."""
    if prep.signature is None:
        return None
    rows = [r for r in rows if r[0] != exclude and r[1]]
    best = near.best_original(prep.signature, [(r[0], bytes(r[1])) for r in rows])
    if best is None:
        return None
    root = {r[0]: r[2] for r in rows}.get(best[0])
    return (root if root and root != exclude else best[0]), best[1]


@dataclass(slots=True)
class DocRows:
    """A document's rows in every table that holds it."""
    document: dict[str, Any]
    texts: dict[str, Any]
    bands: list[tuple[int, int, int]]       # band, hash, doc_id
    dropped: list[tuple[int, str, int]]     # doc_id, reason, n
    fts: dict[str, Any]                     # search.index.params


def rows(prep: PreparedDoc, original: tuple[int, float] | None, doc_id: int) -> DocRows:
    row = dict(prep.row, id=doc_id, duplicate_of=original[0] if original else None,
               similarity=original[1] if original else None)
    return DocRows(row, dict(prep.texts, doc_id=doc_id), [(b, h, doc_id) for b, h in prep.bands],
                   [(doc_id, k, v) for k, v in prep.dropped.items()],
                   index.params(doc_id, row["title"], prep.texts["text"], folded_title=prep.index_title,
                                folded_body=prep.index_body))


_FTS_STAGE = ("CREATE TEMP TABLE IF NOT EXISTS bluebook_stage_fts (id BIGINT, title TEXT, body TEXT) "
              "ON COMMIT DELETE ROWS")
_FTS_FROM_STAGE = ("INSERT INTO documents_fts (doc_id, fts) SELECT id, setweight(to_tsvector('simple', title), 'A') "
                   "|| setweight(to_tsvector('simple', body), 'B') FROM bluebook_stage_fts")


def write_rows(raw: Raw, docs: list[DocRows]) -> None:
    """Insert new documents (executemany on SQLite, COPY on PostgreSQL)."""
    if not docs:
        return
    cols = tuple(docs[0].document)
    raw.put_rows("documents", cols, [tuple(d.document[c] for c in cols) for d in docs])
    tcols = ("doc_id", "text", "original", "meta", "minhash")
    raw.put_rows("doc_texts", tcols, [tuple(d.texts[c] for c in tcols) for d in docs])
    raw.put_rows("doc_bands", ("band", "hash", "doc_id"), [b for d in docs for b in d.bands])
    raw.put_rows("doc_dropped", ("doc_id", "reason", "n"), [x for d in docs for x in d.dropped])
    if raw.pg and not raw.pipelined and len(docs) >= COPY_MIN_ROWS:   # tsvectors made by the server, from a COPY
        raw.execute(_FTS_STAGE).close()
        raw.execute("TRUNCATE bluebook_stage_fts").close()
        raw.copy_rows("bluebook_stage_fts", ("id", "title", "body"),
                      [(d.fts["id"], d.fts["title"], d.fts["body"]) for d in docs])
        raw.execute(_FTS_FROM_STAGE).close()
    else:
        raw.many(index.add_sql(raw.dialect), [d.fts for d in docs])


def write(raw: Raw, prep: PreparedDoc, original: tuple[int, float] | None, doc_id: int, replace: bool) -> None:
    """Insert the document under ``doc_id`` (or overwrite it when replacing) with its index rows."""
    r = rows(prep, original, doc_id)
    if not replace:
        write_rows(raw, [r])
        return
    row = dict(r.document)
    row.pop("added_at")
    row.pop("id")
    for table, values, key in (("documents", row, "id"), ("doc_texts", prep.texts, "doc_id")):
        raw.execute(f"UPDATE {table} SET " + ", ".join(f"{k} = :{k}" for k in values)
                    + f" WHERE {key} = :_id", dict(values, _id=doc_id)).close()
    raw.put_rows("doc_bands", ("band", "hash", "doc_id"), r.bands)
    raw.put_rows("doc_dropped", ("doc_id", "reason", "n"), r.dropped)
    raw.many(index.add_sql(raw.dialect), [r.fts])


def remove_content(raw: Raw, doc_id: int) -> None:
    """Drop a document's index rows (not its mentions: see store.events.detach_document)."""
    for q in ("DELETE FROM doc_bands WHERE doc_id = :id", "DELETE FROM doc_dropped WHERE doc_id = :id",
              index.remove_sql(raw.dialect)):
        raw.execute(q, {"id": doc_id}).close()
