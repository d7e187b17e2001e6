"""Export canonical events with their sources (jsonl, csv, parquet) and import them back.

JSONL is one canonical event a line with its mentions nested; CSV and Parquet
are one mention a row with the event's columns repeated (lists as JSON in CSV,
native lists in Parquet). Import into an empty database reproduces the export
exactly: ids are kept, documents come back as stubs (metadata and hash, no text).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from bluebook.store.records import CanonicalEvent, MentionRecord

FORMATS = ("jsonl", "csv", "parquet")
EVENT_COLS = ["event_id", "event_type", "event_date", "event_date_end", "event_parties", "event_persons",
              "event_location", "event_planned", "event_summary_en", "event_summary_vi", "event_n_mentions",
              "event_n_sources"]
MENTION_COLS = ["mention_id", "key", "type", "date", "date_end", "parties", "persons", "persons_original",
                "location", "planned", "lang", "source", "evidence", "evidence_start", "evidence_end",
                "sentence_start", "sentence_end", "trigger", "date_text", "confidence", "summary_en",
                "summary_vi", "kind", "doc_id", "doc_source", "doc_url", "doc_title", "doc_date", "doc_lang",
                "doc_hash", "doc_duplicate_of"]
COLUMNS = EVENT_COLS + MENTION_COLS
LIST_COLS = {"event_parties", "event_persons", "parties", "persons", "persons_original"}
INT_COLS = {"event_id", "event_n_mentions", "event_n_sources", "mention_id", "evidence_start", "evidence_end",
            "sentence_start", "sentence_end", "doc_id", "doc_duplicate_of"}
BOOL_COLS = {"event_planned", "planned"}
FLOAT_COLS = {"confidence"}
NULLABLE = {"event_date_end", "event_location", "date_end", "location", "doc_date", "doc_duplicate_of"}


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
    """The nested JSONL record of one canonical event."""
    return {"event_id": e.id, "event_type": e.type, "event_date": e.date, "event_date_end": e.date_end,
            "event_parties": e.parties, "event_persons": e.persons, "event_location": e.location,
            "event_planned": e.planned, "event_summary_en": e.summary_en, "event_summary_vi": e.summary_vi,
            "event_n_mentions": e.n_mentions, "event_n_sources": e.n_sources,
            "mentions": [_mention_dict(m) for m in e.mentions]}


def flat_rows(events: Iterable[CanonicalEvent]) -> Iterator[dict[str, Any]]:
    for e in events:
        rec = event_record(e)
        head = {k: rec[k] for k in EVENT_COLS}
        for m in rec["mentions"]:
            yield {**head, **m}


def _csv_cell(k: str, v: Any) -> str:
    if k in LIST_COLS:
        return json.dumps(v, ensure_ascii=False)
    if k in BOOL_COLS:
        return "true" if v else "false"
    return "" if v is None else str(v)


def write(events: Iterable[CanonicalEvent], fmt: str, out: IO[Any]) -> int:
    """Write to an open file (text for jsonl/csv, binary for parquet); return the events written."""
    n = 0

    def counted() -> Iterator[CanonicalEvent]:
        nonlocal n
        for e in events:
            n += 1
            yield e

    if fmt == "jsonl":
        for e in counted():
            out.write(json.dumps(event_record(e), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in flat_rows(counted()):
            w.writerow([_csv_cell(k, row[k]) for k in COLUMNS])
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        rows = list(flat_rows(counted()))
        table = pa.Table.from_pylist(rows, schema=_arrow_schema()) if rows else _arrow_schema().empty_table()
        pq.write_table(table, out)
    return n


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
        return pa.string()
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
    if k in INT_COLS:
        return int(v)
    if k in FLOAT_COLS:
        return float(v)
    return v


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
        current["mentions"].append({k: row[k] for k in MENTION_COLS})
    if current is not None:
        yield where, current


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
        import pyarrow.parquet as pq
        table = pq.read_table(path)
        yield from _group(enumerate(table.to_pylist(), 1))


def to_text(events: Iterable[CanonicalEvent], fmt: str) -> str | bytes:
    """The export as a string (bytes for parquet): handy for tests and web downloads."""
    buf: Any = io.BytesIO() if fmt == "parquet" else io.StringIO()
    write(events, fmt, buf)
    return buf.getvalue()
