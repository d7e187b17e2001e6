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
from bluebook.store.raw import Raw
from bluebook.store.records import dumps

# PostgreSQL text cannot hold NUL, and no UTF-8 codec takes lone surrogates; one
# replacement character for one bad one keeps every stored offset valid.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(s: Any) -> str:
    if s is None:
        return ""
    s = str(s)
    if s.isascii() and "\x00" not in s:
        return s
    return _UNSTORABLE.sub("\ufffd", s)


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


def write(raw: Raw, prep: PreparedDoc, original: tuple[int, float] | None, doc_id: int, replace: bool) -> None:
    """Insert the document under ``doc_id`` (or overwrite it when replacing) with its index rows."""
    row = dict(prep.row, duplicate_of=original[0] if original else None,
               similarity=original[1] if original else None)
    if replace:
        row.pop("added_at")
        for table, values, key in (("documents", row, "id"), ("doc_texts", prep.texts, "doc_id")):
            raw.execute(f"UPDATE {table} SET " + ", ".join(f"{k} = :{k}" for k in values)
                        + f" WHERE {key} = :_id", dict(values, _id=doc_id)).close()
    else:
        raw.insert_many("documents", [dict(row, id=doc_id)])
        raw.insert_many("doc_texts", [dict(prep.texts, doc_id=doc_id)])
    raw.insert_many("doc_bands", [{"band": b, "hash": h, "doc_id": doc_id} for b, h in prep.bands])
    raw.insert_many("doc_dropped", [{"doc_id": doc_id, "reason": k, "n": v} for k, v in prep.dropped.items()])
    raw.execute(index.add_sql(raw.dialect), index.params(doc_id, row["title"], prep.texts["text"],
                                                          folded_title=prep.index_title,
                                                          folded_body=prep.index_body)).close()


def remove_content(raw: Raw, doc_id: int) -> None:
    """Drop a document's index rows (not its mentions: see store.events.detach_document)."""
    for q in ("DELETE FROM doc_bands WHERE doc_id = :id", "DELETE FROM doc_dropped WHERE doc_id = :id",
              index.remove_sql(raw.dialect)):
        raw.execute(q, {"id": doc_id}).close()
