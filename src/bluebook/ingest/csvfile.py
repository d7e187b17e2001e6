"""CSV and TSV files, streamed: a header row, then one RawDoc per row (``file.csv#3`` for data row 3).

Spreadsheets exported on Vietnamese Windows are often not UTF-8. Rows are
parsed on bytes seen through latin-1 (lossless, and the delimiters and quotes
are ASCII in every encoding concerned), then each field is decoded on its
own: a text field that is not UTF-8 is passed on as bytes so the cleaner can
recognise cp1258/TCVN3/VNI. Excel's "Unicode text" export is UTF-16 and is
read as such.
"""
from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator

from bluebook.config import Settings
from bluebook.errors import BluebookError, EmptyInputError, MalformedRecordError
from bluebook.ingest.meta import record_to_raw
from bluebook.models import RawDoc

DELIMITERS = (",", ";", "\t", "|")


def _delimiter(head: str, default: str) -> str:
    first = head.split("\n", 1)[0]
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else default


def _decoder(settings: Settings):
    forced = None
    if settings.encoding:
        try:
            forced = codecs.lookup(settings.encoding).name
        except LookupError:
            forced = None  # tcvn3/vni are the cleaner's own codecs: hand it bytes

    def decode(field: str) -> str | bytes:
        raw = field.encode("latin-1")
        if forced:
            return raw.decode(forced, errors="replace")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw
    return decode


def _as_str(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", errors="replace")


def _find(header: list[str], name: str) -> str | None:
    if name in header:
        return name
    wanted = name.strip().lower()
    return next((h for h in header if h.strip().lower() == wanted), None)


def read_csv(stream: io.BufferedReader, source: str, settings: Settings, tsv: bool = False,
             meta: dict | None = None) -> Iterator[RawDoc | BluebookError]:
    # The csv module's field limit is process-wide; long articles in one cell are normal here.
    csv.field_size_limit(max(csv.field_size_limit(), min(settings.max_file_bytes, sys.maxsize)))
    head = stream.peek(1 << 16)
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = io.TextIOWrapper(stream, encoding="utf-16" if utf16 else "latin-1", newline="")
    decode = (lambda f: f) if utf16 else _decoder(settings)
    sample = head.decode("utf-16", errors="ignore") if utf16 else head.decode("latin-1")
    reader = csv.reader(text, delimiter=_delimiter(sample, "\t" if tsv else ","))
    try:
        header_raw = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as e:
        yield MalformedRecordError(f"unreadable header row ({e})", source)
        return
    if not header_raw:
        yield EmptyInputError("no header row", source)
        return
    header = [_as_str(decode(h)).lstrip("\ufeff").strip() for h in header_raw]
    names = {k: _find(header, getattr(settings, f"{k}_field")) for k in ("text", "date", "url", "title")}
    if names["text"] is None:
        yield MalformedRecordError(f"no '{settings.text_field}' column", source,
                                   hint=f"columns are: {', '.join(header[:12])}; name the text column with --text-field")
        return
    renamed = settings.with_(**{f"{k}_field": v for k, v in names.items() if v})
    text_at = header.index(names["text"])
    row_no = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            row_no += 1
            yield MalformedRecordError(f"bad CSV row ({e})", f"{source}#{row_no}")
            continue
        except UnicodeDecodeError:
            yield MalformedRecordError(f"not valid UTF-16 after row {row_no}; stopped", source,
                                       hint="re-save the file as UTF-8 CSV")
            return
        if not any(cell.strip() for cell in row):
            continue
        row_no += 1
        where = f"{source}#{row_no}"
        if len(row) <= text_at:
            yield MalformedRecordError(f"row has {len(row)} fields, the header {len(header)}", where)
            continue
        values = [decode(cell) for cell in row[:len(header)]]
        raw_text = values[text_at]
        rec = {h: _as_str(v) for h, v in zip(header, values, strict=False)}
        rec[header[text_at]] = raw_text if isinstance(raw_text, str) else row[text_at]
        doc = record_to_raw(rec, where, renamed, "csv", {**(meta or {}), "row": row_no, "line": reader.line_num})
        if isinstance(doc, RawDoc) and isinstance(raw_text, bytes):
            doc.text, doc.data = None, raw_text   # not UTF-8: the cleaner decodes it
        yield doc
    if not row_no:
        yield EmptyInputError("a header but no rows", source)
