"""Export canonical events with their sources (jsonl, csv, parquet) and import them back.

JSONL is one canonical event a line with its mentions nested; CSV and Parquet
are one mention a row with the event's columns repeated (lists as JSON in CSV,
native lists in Parquet). Import into an empty database reproduces the export
exactly: ids are kept.

Documents travel with the mentions: their metadata on every row, their text
(``doc_text``; ``doc_original`` only when the input differed; ``doc_encoding``;
``doc_meta`` as JSON) only on each document's first mention, so a document
cited by fifty events is written once. Without a ``texts`` source (or from an
older export) documents come back as stubs: metadata and hash, no text.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from bluebook.store.records import CanonicalEvent, MentionRecord

if TYPE_CHECKING:
    from bluebook.store.engine import Database

FORMATS = ("jsonl", "csv", "parquet")
EVENT_COLS = ["event_id", "event_type", "event_date", "event_date_end", "event_parties", "event_persons",
              "event_location", "event_planned", "event_summary_en", "event_summary_vi", "event_n_mentions",
              "event_n_sources"]
DOC_TEXT_COLS = ["doc_text", "doc_original", "doc_encoding", "doc_meta"]
MENTION_COLS = ["mention_id", "key", "type", "date", "date_end", "parties", "persons", "persons_original",
                "location", "planned", "lang", "source", "evidence", "evidence_start", "evidence_end",
                "sentence_start", "sentence_end", "trigger", "date_text", "confidence", "summary_en",
                "summary_vi", "kind", "doc_id", "doc_source", "doc_url", "doc_title", "doc_date", "doc_lang",
                "doc_hash", "doc_duplicate_of", *DOC_TEXT_COLS]
COLUMNS = EVENT_COLS + MENTION_COLS
LIST_COLS = {"event_parties", "event_persons", "parties", "persons", "persons_original"}
JSON_COLS = {"doc_meta"}
INT_COLS = {"event_id", "event_n_mentions", "event_n_sources", "mention_id", "evidence_start", "evidence_end",
            "sentence_start", "sentence_end", "doc_id", "doc_duplicate_of"}
BOOL_COLS = {"event_planned", "planned"}
FLOAT_COLS = {"confidence"}
NULLABLE = {"event_date_end", "event_location", "date_end", "location", "doc_date", "doc_duplicate_of",
            *DOC_TEXT_COLS}

# doc id -> {"doc_text": ..., "doc_original": ... (only when it differs), "doc_encoding": ..., "doc_meta": dict}
TextSource = Callable[[Sequence[int]], Mapping[int, dict[str, Any]]]
_EVENTS_PER_FETCH = 200     # events whose new documents' texts are read in one query
_IDS_PER_QUERY = 500        # well under SQLite's bound-parameter limit
_PARQUET_ROWS = 5_000       # rows per Parquet row group: memory stays flat however big the store


def _mention_dict(m: MentionRecord) -> dict[str, Any]:
    return {"mention_id": m.id, "key": m.key, "type": m.type, "date": m.date, "date_end": m.date_end,
            "parties": m.parties, "persons": m.persons, "persons_original": m.persons_original,
            "location": m.location, "planned": m.planned, "lang": m.lang, "source": m.source,
            "evidence": m.evidence, "evidence_start": m.evidence_span[0], "evidence_end": m.evidence_span[1],
            "sentence_start": m.sentence[0], "sentence_end": m.sentence[1], "trigger": m.trigger,
            "date_text": m.date_text, "confidence": m.confidence, "summary_en": m.summary_en,
            "summary_vi": m.summary_vi, "kind": m.kind, "doc_id": m.doc_id, "doc_source": m.doc_source,
            "doc_url": m.doc_url, "doc_title": m.doc_title, "doc_date": m.doc_date, "doc_lang": m.doc_lang,
            "doc_hash": m.doc_hash, "doc_duplicate_of": m.duplicate_of}


def event_record(e: CanonicalEvent) -> dict[str, Any]:
    """The nested JSONL record of one canonical event (without document texts)."""
    return {"event_id": e.id, "event_type": e.type, "event_date": e.date, "event_date_end": e.date_end,
            "event_parties": e.parties, "event_persons": e.persons, "event_location": e.location,
            "event_planned": e.planned, "event_summary_en": e.summary_en, "event_summary_vi": e.summary_vi,
            "event_n_mentions": e.n_mentions, "event_n_sources": e.n_sources,
            "mentions": [_mention_dict(m) for m in e.mentions]}


# ---- document texts ----------------------------------------------------------------------

class _Seen:
    """Document ids already written: a bit per id (ids are dense), 1.25 MB for 10 million documents."""

    def __init__(self) -> None:
        self.bits = bytearray()

    def add(self, i: int) -> bool:
        """True when ``i`` is new."""
        byte, bit = divmod(i, 8)
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte - len(self.bits) + 1 + len(self.bits) // 2))
        if self.bits[byte] >> bit & 1:
            return False
        self.bits[byte] |= 1 << bit
        return True


def text_fields(text: str, original: str | None, encoding: str, meta: Any) -> dict[str, Any]:
    """The doc_* text fields of one document as an export carries them."""
    if isinstance(meta, str):
        try:
            meta = json.loads(meta) if meta else {}
        except ValueError:
            meta = {}
    out: dict[str, Any] = {"doc_text": text or "", "doc_encoding": encoding or "",
                           "doc_meta": meta if isinstance(meta, dict) else {}}
    if original is not None and original != text:
        out["doc_original"] = original
    return out


def stored_texts(db: Database) -> TextSource:
    """Read documents' texts from a store, a few hundred ids a query."""
    import sqlalchemy as sa

    from bluebook.store import schema as t

    def fetch(ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        with db.read() as conn:
            for i in range(0, len(ids), _IDS_PER_QUERY):
                q = (sa.select(t.documents.c.id, t.documents.c.encoding, t.doc_texts.c.text,
                               t.doc_texts.c.original, t.doc_texts.c.meta)
                     .join(t.doc_texts, t.doc_texts.c.doc_id == t.documents.c.id)
                     .where(t.documents.c.id.in_(list(ids[i:i + _IDS_PER_QUERY]))))
                for r in conn.execute(q):
                    out[int(r.id)] = text_fields(r.text, r.original, r.encoding, r.meta)
        return out
    return fetch


def records(events: Iterable[CanonicalEvent], texts: TextSource | None = None) -> Iterator[dict[str, Any]]:
    """Nested event records; with ``texts``, each document's text fields on its first mention."""
    it = iter(events)
    seen = _Seen()
    while chunk := [event_record(e) for e in islice(it, _EVENTS_PER_FETCH)]:
        if texts is None:
            yield from chunk
            continue
        first = [m for rec in chunk for m in rec["mentions"] if seen.add(int(m["doc_id"]))]
        found = texts([int(m["doc_id"]) for m in first]) if first else {}
        for m in first:
            m.update(found.get(int(m["doc_id"]), {}))
        yield from chunk


def flat_rows(events: Iterable[CanonicalEvent], texts: TextSource | None = None) -> Iterator[dict[str, Any]]:
    """One row a mention, every column present (document text columns None but on first mentions)."""
    for rec in records(events, texts):
        head = {k: rec[k] for k in EVENT_COLS}
        for m in rec["mentions"]:
            yield {**head, **{k: m.get(k) for k in MENTION_COLS}}


def _csv_cell(k: str, v: Any) -> str:
    if k in LIST_COLS:
        return json.dumps(v, ensure_ascii=False)
    if k in JSON_COLS:
        return "" if v is None else json.dumps(v, ensure_ascii=False)
    if k in BOOL_COLS:
        return "true" if v else "false"
    return "" if v is None else str(v)


def write(events: Iterable[CanonicalEvent], fmt: str, out: IO[Any], texts: TextSource | None = None) -> int:
    """Write to an open file (text for jsonl/csv, binary for parquet); return the events written.

    ``texts`` (e.g. ``stored_texts(db)``) adds each document's text on its first mention.
    """
    n = 0

    def counted() -> Iterator[CanonicalEvent]:
        nonlocal n
        for e in events:
            n += 1
            yield e

    if fmt == "jsonl":
        for rec in records(counted(), texts):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in flat_rows(counted(), texts):
            w.writerow([_csv_cell(k, row[k]) for k in COLUMNS])
    elif fmt == "parquet":
        _write_parquet(flat_rows(counted(), texts), out)
    return n


def _write_parquet(rows: Iterator[dict[str, Any]], out: IO[Any]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = _arrow_schema()
    with pq.ParquetWriter(out, schema) as w:
        wrote = False
        while part := list(islice(rows, _PARQUET_ROWS)):
            for r in part:
                if r["doc_meta"] is not None:
                    r["doc_meta"] = json.dumps(r["doc_meta"], ensure_ascii=False)
            w.write_table(pa.Table.from_pylist(part, schema=schema))
            wrote = True
        if not wrote:
            w.write_table(schema.empty_table())


def _arrow_schema() -> Any:
    import pyarrow as pa

    def typ(k: str) -> Any:
        if k in LIST_COLS:
            return pa.list_(pa.string())
        if k in INT_COLS:
            return pa.int64()
        if k in BOOL_COLS:
            return pa.bool_()
        if k in FLOAT_COLS:
            return pa.float64()
        return pa.string()      # JSON_COLS too: Parquet has no type for an open-ended object
    return pa.schema([(k, typ(k)) for k in COLUMNS])


# ---- reading an export back -------------------------------------------------------------

def sniff_format(path: str | Path) -> str:
    name = str(path).lower()
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    with open(path, "rb") as f:
        head = f.read(4)
    return "parquet" if head == b"PAR1" else ("jsonl" if head[:1] == b"{" else "csv")


def _from_csv_cell(k: str, v: str) -> Any:
    if k in LIST_COLS:
        return json.loads(v) if v else []
    if k in BOOL_COLS:
        return v.strip().lower() in ("true", "1", "yes")
    if v == "" and k in NULLABLE:
        return None
    if k in JSON_COLS:
        return json.loads(v)
    if k in INT_COLS:
        return int(v)
    if k in FLOAT_COLS:
        return float(v)
    return v


def _mention_of_row(row: dict[str, Any]) -> dict[str, Any]:
    m = {k: row[k] for k in MENTION_COLS if k not in DOC_TEXT_COLS}
    # Text columns are absent from older exports, and empty but on a document's first mention.
    m.update({k: row[k] for k in DOC_TEXT_COLS if row.get(k) is not None})
    if isinstance(m.get("doc_meta"), str):
        m["doc_meta"] = json.loads(m["doc_meta"])
    return m


def _group(rows: Iterable[tuple[int, dict[str, Any]]]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Flat rows (one a mention) -> nested event records, rows of an event being adjacent."""
    current: dict[str, Any] | None = None
    where = 0
    for line, row in rows:
        if current is None or row["event_id"] != current["event_id"]:
            if current is not None:
                yield where, current
            current = {k: row[k] for k in EVENT_COLS} | {"mentions": []}
            where = line
        current["mentions"].append(_mention_of_row(row))
    if current is not None:
        yield where, current


def _parquet_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Row groups one at a time: an export with texts can be far bigger than memory."""
    import pyarrow.parquet as pq
    i = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=_PARQUET_ROWS):
        for row in batch.to_pylist():
            i += 1
            yield i, row


def read(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line or row number, nested event record) for every event in an export file."""
    fmt = sniff_format(path)
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if line.strip():
                    yield i, json.loads(line)
    elif fmt == "csv":
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            yield from _group((i, {k: _from_csv_cell(k, row.get(k) or "") for k in COLUMNS})
                              for i, row in enumerate(reader, 2))
    else:
        yield from _group(_parquet_rows(path))


def to_text(events: Iterable[CanonicalEvent], fmt: str, texts: TextSource | None = None) -> str | bytes:
    """The export as a string (bytes for parquet): handy for tests and web downloads."""
    buf: Any = io.BytesIO() if fmt == "parquet" else io.StringIO()
    write(events, fmt, buf, texts)
    return buf.getvalue()
