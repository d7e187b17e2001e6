"""Inputs for the parallel runners: what ``ingest.iter_raw`` reads, plus Parquet shards,
and the cutting of an input into partitions for Dask.

A Parquet shard is a table with one text per row and the same field names as
JSON Lines (``text``, ``date``, ``title``, ``url``, or those the settings name);
row ``n`` (from 1) is ``shard.parquet#n``, as line ``n`` of a JSON Lines file is.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bluebook.config import DEFAULT, Settings
from bluebook.errors import BluebookError, MalformedRecordError, UnreadableError
from bluebook.ingest import iter_raw
from bluebook.ingest.entry import Entry
from bluebook.ingest.meta import record_to_raw
from bluebook.ingest.paths import STDIN, as_path_list, iter_entries
from bluebook.models import RawDoc

Item = RawDoc | BluebookError
PARQUET_BATCH = 256
# Files are grouped into partitions of about this many bytes (a big file is a partition of its own).
PARTITION_BYTES = 32 * 1024 * 1024


def is_parquet(path: str) -> bool:
    return path.lower().endswith(".parquet")


def iter_parquet(path: str, settings: Settings = DEFAULT, row_groups: list[int] | None = None) -> Iterator[Item]:
    """One RawDoc per row of a Parquet shard (only ``row_groups`` if given), streamed in batches."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
        wanted = [c for c in (settings.text_field, settings.date_field, settings.title_field, settings.url_field)
                  if c in names]
        if settings.text_field not in names:
            yield MalformedRecordError(f"no '{settings.text_field}' column", path,
                                       hint=f"columns are: {', '.join(sorted(names)[:12])}; "
                                            "name the text field with --text-field")
            return
        groups = list(range(pf.num_row_groups)) if row_groups is None else row_groups
        for g in groups:
            first = sum(pf.metadata.row_group(i).num_rows for i in range(g)) + 1
            for batch in pf.iter_batches(batch_size=PARQUET_BATCH, row_groups=[g], columns=wanted):
                for i, rec in enumerate(batch.to_pylist()):
                    rec = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in rec.items()
                           if v is not None}
                    if settings.text_field not in rec:
                        rec[settings.text_field] = ""
                    yield record_to_raw(rec, f"{path}#{first + i}", settings, "json", {"row": first + i})
                first += batch.num_rows
    except (OSError, pa.ArrowException) as e:
        yield UnreadableError(f"cannot read Parquet ({e})", path, hint="is it a complete Parquet file?")


def _expand(paths: list[str]) -> Iterator[str | Entry | BluebookError]:
    """Paths iter_raw can take as they are, and the files of folders that hold Parquet shards."""
    for p in paths:
        if p != STDIN and os.path.isdir(p):
            entries = list(iter_entries([p]))
            if any(isinstance(e, Entry) and is_parquet(e.source) for e in entries):
                yield from entries
                continue
        yield p


def iter_inputs(paths: Any, settings: Settings = DEFAULT) -> Iterator[Item]:
    """``ingest.iter_raw(paths)``, with Parquet shards (files, or inside folders) read row by row."""
    plist = as_path_list(paths)
    if not any(is_parquet(p) or (p != STDIN and os.path.isdir(p)) for p in plist):
        yield from iter_raw(plist, settings)
        return
    done = 0
    for p in _expand(plist):
        if isinstance(p, BluebookError):
            yield p
            continue
        path = p.source if isinstance(p, Entry) else p
        if is_parquet(path):
            yield from iter_parquet(path, settings)
            done += os.path.getsize(path) if os.path.exists(path) else 0
            continue
        last = 0
        for item in iter_raw([path], settings):
            if isinstance(item, RawDoc):
                last = item.meta.get("bytes_done", 0)
                item.meta["bytes_done"] = done + last
            yield item
        done += (os.path.getsize(path) if os.path.isfile(path) else last)


@dataclass(slots=True)
class Partition:
    """A unit of Dask work: files (read whole, in order), or some row groups of one Parquet shard."""
    index: int
    paths: list[str] = field(default_factory=list)
    row_groups: list[int] | None = None
    bytes: int = 0

    def items(self, settings: Settings) -> Iterator[Item]:
        if self.row_groups is not None:
            yield from iter_parquet(self.paths[0], settings, self.row_groups)
        else:
            yield from iter_inputs(self.paths, settings)


def plan_partitions(paths: Any, partitions: int | None = None,
                    target_bytes: int = PARTITION_BYTES) -> tuple[list[Partition], list[BluebookError]]:
    """Cut the input into partitions in input order, and the errors met while listing it.

    Consecutive files are grouped up to ``target_bytes`` (or total / ``partitions``
    when a number is asked for); a Parquet shard is cut at row-group boundaries.
    A JSON Lines or archive file is never cut: give big inputs as several shards.
    """
    files: list[tuple[str, int]] = []
    errors: list[BluebookError] = []
    for e in iter_entries(as_path_list(paths)):
        if isinstance(e, BluebookError):
            errors.append(e)
        elif e.path is None:
            errors.append(UnreadableError("standard input and pipes cannot be shared with Dask workers", e.source,
                                          hint="save the input to a file on storage the workers can read"))
        else:
            files.append((e.path, e.size or 0))
    total = sum(s for _, s in files)
    if partitions:
        target_bytes = max(1, -(-total // max(1, partitions)))
    parts: list[Partition] = []
    current = Partition(0)
    for path, size in files:
        if is_parquet(path):
            if current.paths:
                parts.append(current)
            parts.extend(_parquet_parts(path, size, target_bytes, len(parts)))
            current = Partition(len(parts))
            continue
        if current.paths and current.bytes + size > target_bytes:
            parts.append(current)
            current = Partition(len(parts))
        current.paths.append(path)
        current.bytes += size
    if current.paths:
        parts.append(current)
    return parts, errors


def _parquet_parts(path: str, size: int, target_bytes: int, first: int) -> list[Partition]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException):
        return [Partition(first, [path], None, size)]    # its reader will report the problem
    parts: list[Partition] = []
    groups: list[int] = []
    acc = 0
    for g in range(meta.num_row_groups):
        gsize = meta.row_group(g).total_byte_size
        if groups and acc + gsize > target_bytes:
            parts.append(Partition(first + len(parts), [path], groups, acc))
            groups, acc = [], 0
        groups.append(g)
        acc += gsize
    if groups or not parts:
        parts.append(Partition(first + len(parts), [path], groups, acc))
    return parts
