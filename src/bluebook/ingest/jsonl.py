"""JSON Lines (streamed, one record a line) and JSON files (one object or a list of objects)."""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from bluebook.config import Settings
from bluebook.errors import BluebookError, EmptyInputError, MalformedRecordError, TooLargeError
from bluebook.ingest.limits import CHUNK, human, too_large
from bluebook.ingest.meta import record_to_raw
from bluebook.models import RawDoc

_BOM = b"\xef\xbb\xbf"
# A file whose first lines are all broken is not JSON Lines at all: one error, not a million.
GIVE_UP_AFTER = 20


def _parse(line: bytes, source: str) -> Any:
    try:
        return json.loads(line)
    except UnicodeDecodeError:
        raise MalformedRecordError("not UTF-8", source,
                                   hint="JSON must be UTF-8; re-save the file as UTF-8") from None
    except json.JSONDecodeError as e:
        where = f"line {e.lineno} column {e.colno}" if e.lineno > 1 else f"column {e.colno}"
        raise MalformedRecordError(f"not valid JSON ({e.msg.removesuffix(' at')}; {where})", source) from None
    except (ValueError, RecursionError) as e:
        raise MalformedRecordError(f"not valid JSON ({type(e).__name__})", source) from None


def _drain_line(stream: BinaryIO) -> int:
    """Skip to the end of an over-long line; bytes skipped."""
    n = 0
    while True:
        part = stream.readline(CHUNK)
        n += len(part)
        if not part or part.endswith(b"\n"):
            return n


def read_jsonl(stream: BinaryIO, source: str, settings: Settings,
               meta: dict | None = None) -> Iterator[RawDoc | BluebookError]:
    """One RawDoc per line (``file.jsonl#12`` for line 12); a bad line is reported and skipped."""
    limit = settings.max_file_bytes  # a record is one text: the per-text limit applies
    lineno = 0
    records = 0
    good = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            break
        lineno += 1
        where = f"{source}#{lineno}"
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line) + _drain_line(stream)
            yield TooLargeError(f"line of {human(size)}, over max_file_bytes ({human(limit)})", where)
            records += 1
            continue
        if lineno == 1 and line.startswith(_BOM):
            line = line[len(_BOM):]
        if not line.strip():
            continue
        records += 1
        try:
            rec = _parse(line, where)
        except MalformedRecordError as e:
            yield e
            if not good and records >= GIVE_UP_AFTER:
                yield MalformedRecordError(f"the first {records} lines are not JSON; stopped reading", source,
                                           hint="is this really a JSON Lines file?")
                return
            continue
        good += 1
        yield record_to_raw(rec, where, settings, "json", {**(meta or {}), "line": lineno})
    if not records:
        yield EmptyInputError("no records" if lineno else "empty file", source)


def read_json(stream: BinaryIO, source: str, settings: Settings,
              meta: dict | None = None) -> Iterator[RawDoc | BluebookError]:
    """A JSON object with the text field, or a list of them (``file.json#3`` for the third)."""
    data = stream.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:
        yield too_large(source, len(data), settings.max_file_bytes, at_least=True)
        return
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if not data.strip():
        yield EmptyInputError("empty file", source)
        return
    try:
        obj = _parse(data, source)
    except MalformedRecordError as e:
        if "Extra data" in e.message:  # several objects, one a line: JSON Lines under a .json name
            yield from read_jsonl(io.BytesIO(data), source, settings, meta)
        else:
            yield e
        return
    if isinstance(obj, list):
        if not obj:
            yield EmptyInputError("an empty list", source)
        for i, rec in enumerate(obj, 1):
            yield record_to_raw(rec, f"{source}#{i}", settings, "json", {**(meta or {}), "item": i})
        return
    yield record_to_raw(obj, source, settings, "json", dict(meta or {}))
