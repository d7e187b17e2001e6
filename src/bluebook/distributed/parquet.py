"""Documents, events and errors as Parquet partitions: what the Dask path writes and ``load`` reads.

    out/documents/part-00000.parquet   one row per stored document (partition, seq, text, ...)
    out/events/part-00000.parquet      one row per event, ``doc_seq`` pointing at its document
    out/errors/part-00000.parquet      one row per input that gave no document (source, code, message)

Event columns follow ``models.Event`` field by field, so a field added there is
written without a change here. Files are written under a temporary name and
renamed when complete: a task that Dask retries never leaves half a partition.
"""
from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from bluebook.errors import BluebookError, StoreError
from bluebook.models import Document, Event

TABLES = ("documents", "events", "errors")
FLUSH_ROWS = 2000
FLUSH_CHARS = 16 * 1024 * 1024
# Meta keys that describe one run, not the document.
_RUN_META = ("bytes_done",)

_ARROW = {"str": pa.string(), "str | None": pa.string(), "list[str]": pa.list_(pa.string()),
          "bool": pa.bool_(), "float": pa.float64(), "int": pa.int64(),
          "tuple[int, int]": pa.list_(pa.int64())}
# (name, annotation) of every Event field; annotations outside _ARROW (dicts) are stored as JSON strings.
EVENT_FIELDS = [(f.name, str(f.type)) for f in dataclasses.fields(Event)]
EVENT_SCHEMA = pa.schema([("doc_seq", pa.int32()), ("doc_hash", pa.string())]
                         + [(name, _ARROW.get(ann, pa.string())) for name, ann in EVENT_FIELDS])
DOC_SCHEMA = pa.schema([
    ("partition", pa.int32()), ("seq", pa.int32()), ("source", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("doc_date", pa.date32()), ("lang", pa.string()), ("encoding", pa.string()),
    ("content_hash", pa.string()), ("n_events", pa.int32()), ("text", pa.large_string()),
    ("original", pa.large_string()), ("meta", pa.string()), ("warnings", pa.list_(pa.string())),
])
ERROR_SCHEMA = pa.schema([("partition", pa.int32()), ("seq", pa.int32()), ("source", pa.string()),
                          ("code", pa.string()), ("message", pa.string())])
SCHEMAS = {"documents": DOC_SCHEMA, "events": EVENT_SCHEMA, "errors": ERROR_SCHEMA}


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def doc_row(doc: Document, partition: int, seq: int) -> dict[str, Any]:
    meta = {k: v for k, v in doc.meta.items() if k not in _RUN_META}
    return {"partition": partition, "seq": seq, "source": doc.source, "url": doc.url, "title": doc.title,
            "doc_date": doc.doc_date, "lang": doc.lang, "encoding": doc.encoding,
            "content_hash": doc.content_hash, "n_events": len(doc.events), "text": doc.text,
            "original": None if doc.original == doc.text else doc.original, "meta": _json(meta),
            "warnings": list(doc.warnings)}


def event_row(e: Event, doc_seq: int, doc_hash: str) -> dict[str, Any]:
    row: dict[str, Any] = {"doc_seq": doc_seq, "doc_hash": doc_hash}
    for name, ann in EVENT_FIELDS:
        v = getattr(e, name)
        row[name] = list(v) if isinstance(v, tuple) else (v if ann in _ARROW else _json(v))
    return row


def error_row(err: BluebookError, partition: int, seq: int) -> dict[str, Any]:
    return {"partition": partition, "seq": seq, "source": err.source, "code": err.code,
            "message": f"{err.message} ({err.hint})" if err.hint else err.message}


class PartWriter:
    """Writes one partition's three tables, flushing row groups as it goes (flat memory)."""

    def __init__(self, out_dir: str | Path, partition: int) -> None:
        self.out = Path(out_dir)
        self.partition = partition
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.chars = 0
        self.seq = 0

    def _tmp(self, table: str) -> Path:
        return self.out / table / (part_name(self.partition) + ".tmp")

    def add(self, item: Document | BluebookError) -> None:
        if isinstance(item, BluebookError):
            self.rows["errors"].append(error_row(item, self.partition, self.seq))
        else:
            self.rows["documents"].append(doc_row(item, self.partition, self.seq))
            h = item.content_hash
            self.rows["events"].extend(event_row(e, self.seq, h) for e in item.events)
            self.chars += len(item.text) + (len(item.original) if item.original is not item.text else 0)
        self.seq += 1
        if len(self.rows["documents"]) >= FLUSH_ROWS or self.chars >= FLUSH_CHARS:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if not rows:
                continue
            if table not in self.writers:
                self._tmp(table).parent.mkdir(parents=True, exist_ok=True)
                self.writers[table] = pq.ParquetWriter(self._tmp(table), SCHEMAS[table], compression="zstd")
            self.writers[table].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
            rows.clear()
        self.chars = 0

    def close(self) -> None:
        """Flush, write empty tables where nothing came, and move every file into place."""
        self.flush()
        for table in TABLES:
            if table not in self.writers:
                self._tmp(table).parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.Table.from_pylist([], schema=SCHEMAS[table]), self._tmp(table))
            else:
                self.writers[table].close()
            os.replace(self._tmp(table), self.out / table / part_name(self.partition))

    def abort(self) -> None:
        for w in self.writers.values():
            w.close()
        for table in TABLES:
            self._tmp(table).unlink(missing_ok=True)


def write_errors(path: Path, errors: list[BluebookError], partition: int = -1) -> None:
    rows = [error_row(e, partition, i) for i, e in enumerate(errors)]
    pq.write_table(pa.Table.from_pylist(rows, schema=ERROR_SCHEMA), path)


def parts(parquet_dir: str | Path, table: str) -> list[Path]:
    folder = Path(parquet_dir) / table
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def check_dir(parquet_dir: str | Path) -> None:
    if not parts(parquet_dir, "documents"):
        raise StoreError("no documents/part-*.parquet here", source=str(parquet_dir),
                         hint="give the out_dir of a `--dask` run")


def _iter_rows(path: Path, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    try:
        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=512, columns=columns):
            yield from batch.to_pylist()
    except (OSError, pa.ArrowException) as e:
        raise StoreError(f"cannot read Parquet ({e})", source=str(path),
                         hint="the run that wrote it may have failed; run it again") from None


def row_to_event(row: dict[str, Any]) -> Event:
    kw: dict[str, Any] = {}
    for name, ann in EVENT_FIELDS:
        v = row.get(name)
        if ann not in _ARROW:
            v = json.loads(v) if v else {}
        elif ann.startswith("tuple["):
            v = tuple(v or (0, 0))
        elif ann.startswith("list[") and v is None:
            v = []
        kw[name] = v
    return Event(**kw)


def row_to_document(row: dict[str, Any]) -> Document:
    d = row.get("doc_date")
    text = row.get("text") or ""
    original = row.get("original")
    return Document(source=row.get("source") or "", original=text if original is None else original, text=text,
                    doc_date=d if isinstance(d, date) else None, lang=row.get("lang") or "vi",
                    title=row.get("title") or "", url=row.get("url") or "", encoding=row.get("encoding") or "utf-8",
                    warnings=list(row.get("warnings") or []), meta=json.loads(row.get("meta") or "{}"))


def iter_documents(parquet_dir: str | Path) -> Iterator[Document]:
    """Every stored document with its ``events``, in input order, streamed."""
    for doc_part in parts(parquet_dir, "documents"):
        ev_part = Path(parquet_dir) / "events" / doc_part.name
        events = _iter_rows(ev_part) if ev_part.exists() else iter(())
        nxt = next(events, None)
        for row in _iter_rows(doc_part):
            doc = row_to_document(row)
            while nxt is not None and nxt["doc_seq"] < row["seq"]:
                nxt = next(events, None)    # events of a document dropped as a duplicate
            while nxt is not None and nxt["doc_seq"] == row["seq"]:
                doc.events.append(row_to_event(nxt))
                nxt = next(events, None)
            yield doc


def iter_events(parquet_dir: str | Path) -> Iterator[Event]:
    for path in parts(parquet_dir, "events"):
        for row in _iter_rows(path):
            yield row_to_event(row)


def iter_errors(parquet_dir: str | Path) -> Iterator[dict[str, Any]]:
    """Rows ``{partition, seq, source, code, message}`` for inputs that gave no document."""
    for path in parts(parquet_dir, "errors"):
        yield from _iter_rows(path)


def drop_rows(path: Path, table: str, seqs: set[int]) -> int:
    """Rewrite one partition file without the rows whose document ``seq`` is in ``seqs``."""
    key = "doc_seq" if table == "events" else "seq"
    t = pq.read_table(path, schema=SCHEMAS[table])
    keep = [s not in seqs for s in t.column(key).to_pylist()]
    kept = t.filter(pa.array(keep, type=pa.bool_()))
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(kept, tmp, compression="zstd")
    os.replace(tmp, path)
    return t.num_rows - kept.num_rows
