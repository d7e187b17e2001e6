"""Route one entry to its reader, and turn whatever goes wrong into a yielded, coded error."""
from __future__ import annotations

import bz2
import gzip
import lzma
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from functools import partial
from typing import BinaryIO

from bluebook.config import Settings
from bluebook.errors import ArchiveError, BluebookError, EmptyInputError, UnreadableError
from bluebook.ingest.archives import read_tar, read_zip
from bluebook.ingest.csvfile import read_csv
from bluebook.ingest.docx import read_docx
from bluebook.ingest.entry import Entry
from bluebook.ingest.html import read_html
from bluebook.ingest.jsonl import read_json, read_jsonl
from bluebook.ingest.limits import (
    Budget,
    CountingReader,
    GuardedReader,
    ReplayReader,
    StopInput,
    buffered,
    read_bounded,
    read_head,
    too_large,
)
from bluebook.ingest.pdf import read_pdf
from bluebook.ingest.sniff import HEAD_BYTES, detect, ext_of, inner_name
from bluebook.ingest.text import read_txt
from bluebook.models import RawDoc

# Formats read whole as one text: max_file_bytes applies to them. The others stream.
WHOLE = {"txt", "html", "json", "docx", "pdf"}
ARCHIVES = {"zip", "tar"}
DECOMPRESSORS = {"gz": gzip.GzipFile, "bz2": bz2.BZ2File, "xz": lzma.LZMAFile}
MAX_LAYERS = 2      # a.jsonl.gz is one; nobody gzips a gzip on purpose twice more
SPOOL_BYTES = 16 << 20


def read_entry(entry: Entry, settings: Settings, budget: Budget) -> Iterator[RawDoc | BluebookError]:
    """Everything one entry yields; never raises except StopInput (a bomb already reported)."""
    try:
        yield from _read(entry, settings, budget)
    except StopInput:
        raise
    except BluebookError as e:
        if not e.source or entry.source.startswith(e.source + "!"):
            e.source = entry.source  # raised by the archive's stream while this member was read
        yield e
    except (zipfile.BadZipFile, gzip.BadGzipFile, zlib.error, lzma.LZMAError, EOFError) as e:
        yield ArchiveError(f"corrupt or truncated compressed data ({e})", entry.source,
                           hint="re-download or re-create the file")
    except PermissionError:
        yield UnreadableError("permission denied", entry.source, hint="check the file's permissions")
    except Exception as e:  # arbitrary input must cost one error line, never the run
        yield UnreadableError(f"cannot read ({type(e).__name__}: {e})", entry.source,
                              hint="report this file to the bluebook developers")


def _read(entry: Entry, settings: Settings, budget: Budget) -> Iterator[RawDoc | BluebookError]:
    if entry.size == 0:
        yield EmptyInputError("empty file", entry.source)
        return
    with entry.open() as raw:
        head = read_head(raw, HEAD_BYTES)
        if not head:
            yield EmptyInputError("empty file", entry.source)
            return
        kind = detect(entry.name, head, entry.source)
        if kind in WHOLE and entry.size is not None and entry.size > settings.max_file_bytes:
            yield too_large(entry.source, entry.size, settings.max_file_bytes)
            return
        stream = buffered(ReplayReader(head, raw))
        yield from _route(kind, stream, entry, settings, budget)


def _route(kind: str, stream: BinaryIO, entry: Entry, settings: Settings,
           budget: Budget) -> Iterator[RawDoc | BluebookError]:
    src, meta = entry.source, entry.meta
    if kind == "txt":
        yield from read_txt(stream, src, settings, ext_of(entry.name), meta)
    elif kind == "html":
        yield from read_html(stream, src, settings, meta)
    elif kind == "json":
        yield from read_json(stream, src, settings, meta)
    elif kind == "jsonl":
        yield from read_jsonl(stream, src, settings, meta)
    elif kind in ("csv", "tsv"):
        yield from read_csv(stream, src, settings, kind == "tsv", meta)  # type: ignore[arg-type]
    elif kind == "docx":
        yield from read_docx(read_bounded(stream, settings.max_file_bytes, src), src, settings, meta)
    elif kind == "pdf":
        yield from read_pdf(read_bounded(stream, settings.max_file_bytes, src), src, settings, meta)
    elif kind in ARCHIVES:
        yield from _archive(kind, stream, entry, settings, budget)
    else:
        yield from _decompress(kind, stream, entry, settings, budget)


def _member_reader(settings: Settings, budget: Budget):
    return lambda member: read_entry(member, settings, budget)


def _archive(kind: str, stream: BinaryIO, entry: Entry, settings: Settings,
             budget: Budget) -> Iterator[RawDoc | BluebookError]:
    if entry.depth > 1:
        yield ArchiveError("an archive inside an archive inside an archive; skipped", entry.source,
                           hint="unpack the outer archives first")
        return
    members = _member_reader(settings, budget)
    if kind == "tar":
        yield from read_tar(stream, entry.source, settings, budget, entry.depth, members)
        return
    docx = partial(_docx_bytes, source=entry.source, settings=settings, meta=entry.meta)
    if entry.path:  # a zip on disk: zipfile seeks in it directly
        with open(entry.path, "rb") as f:
            yield from read_zip(f, entry.source, settings, budget, entry.depth, members, docx)
        return
    # zipfile needs to seek (the directory is at the end): spool a piped or nested zip,
    # in memory while small, in an anonymous temporary file beyond that.
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        shutil.copyfileobj(stream, spool, 1 << 16)
        spool.seek(0)
        yield from read_zip(spool, entry.source, settings, budget, entry.depth, members, docx)  # type: ignore[arg-type]


def _docx_bytes(data: bytes, source: str, settings: Settings, meta: dict) -> Iterator[RawDoc | BluebookError]:
    if len(data) > settings.max_file_bytes:
        yield too_large(source, len(data), settings.max_file_bytes, at_least=True)
        return
    yield from read_docx(data, source, settings, meta)


def _decompress(kind: str, stream: BinaryIO, entry: Entry, settings: Settings,
                budget: Budget) -> Iterator[RawDoc | BluebookError]:
    if entry.layers >= MAX_LAYERS:
        yield ArchiveError("compressed more than twice over; skipped", entry.source,
                           hint="decompress it yourself first")
        return
    counting = CountingReader(stream)
    unpacked = DECOMPRESSORS[kind](fileobj=counting) if kind == "gz" else DECOMPRESSORS[kind](counting)
    guard = GuardedReader(unpacked, entry.source, budget, settings.max_archive_ratio, lambda: counting.count)
    ext = ext_of(entry.name)
    name = inner_name(entry.name) if ext in (f".{kind}", ".tgz", ".tbz2", ".tbz", ".txz") else ""
    inner = Entry(source=entry.source, name=name, opener=lambda: buffered(guard), depth=entry.depth,
                  layers=entry.layers + 1, meta=entry.meta)
    yield from _read(inner, settings, budget)
