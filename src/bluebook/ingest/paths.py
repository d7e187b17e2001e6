"""Turn the paths a user gave into entries: files, folders (recursive, sorted), ``-`` for stdin."""
from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from typing import BinaryIO

from bluebook.errors import BluebookError, EmptyInputError, NotFoundError, UnreadableError
from bluebook.ingest.entry import Entry
from bluebook.ingest.sniff import is_skipped

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
STDIN = "-"
STDIN_SOURCE = "<stdin>"


class _Borrowed(io.RawIOBase):
    """Reads a stream we do not own (stdin) without closing it when done."""

    def __init__(self, inner: BinaryIO) -> None:
        self._read = getattr(inner, "read1", inner.read)

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview) -> int:  # type: ignore[override]
        data = self._read(len(b))
        n = len(data)
        b[:n] = data
        return n


def _stdin() -> BinaryIO:
    stream = sys.stdin
    if stream is None:
        raise UnreadableError("no standard input", STDIN_SOURCE, hint="pipe a file in, or give a path")
    raw = getattr(stream, "buffer", None)
    if raw is None:  # replaced by a text stream (tests, notebooks): take its text as UTF-8
        raw = io.BytesIO(stream.read().encode("utf-8"))
    return io.BufferedReader(_Borrowed(raw))  # type: ignore[arg-type]


def _open_binary(path: str) -> BinaryIO:
    return open(path, "rb")


def _file_entry(path: str, st: os.stat_result) -> Entry:
    opener = partial(_open_binary, path)
    if stat.S_ISREG(st.st_mode):
        return Entry(source=path, name=path, opener=opener, size=st.st_size, path=path)
    # pipes and devices given by name (``<(zcat x.gz)``): read as streams, sizes unknown
    return Entry(source=path, name=path, opener=opener)


def as_path_list(paths: Paths) -> list[str]:
    """``iter_raw("a.txt")`` must read one file, not "a", ".", "t"..."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[Entry | BluebookError]:
    """Files under ``folder`` in sorted path order (``a/x`` before ``b``), hidden ones left out."""
    try:
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop
            return
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it)
    except OSError as e:
        yield UnreadableError(f"cannot list folder ({e.strerror})", folder, hint="check its permissions")
        return
    for name in names:
        if is_skipped(name):
            continue
        path = os.path.join(folder, name)
        try:
            st = os.stat(path)
        except OSError as e:  # a dangling symlink, or a race with a deletion
            yield NotFoundError(f"cannot open ({e.strerror})", path)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, seen)
        elif stat.S_ISREG(st.st_mode):
            yield _file_entry(path, st)
        else:  # opening a FIFO found in a folder would block forever
            yield UnreadableError("not a regular file; skipped", path)


def iter_entries(paths: list[str]) -> Iterator[Entry | BluebookError]:
    for p in paths:
        if p == STDIN:
            yield Entry(source=STDIN_SOURCE, name="", opener=_stdin)
            continue
        try:
            st = os.stat(p)
        except FileNotFoundError:
            yield NotFoundError("no such file or folder", p, hint="check the path")
            continue
        except OSError as e:
            yield UnreadableError(f"cannot open ({e.strerror})", p, hint="check the path and its permissions")
            continue
        if stat.S_ISDIR(st.st_mode):
            found = False
            for item in _walk(p, set()):
                found = found or isinstance(item, Entry)
                yield item
            if not found:
                yield EmptyInputError("no files in this folder", p, hint="hidden files are skipped")
        else:
            yield _file_entry(p, st)


def count_bytes(paths: Paths) -> int:
    """Total size of the files ``iter_raw`` will read (stdin and pipes count 0), for progress bars."""
    return sum(e.size or 0 for e in iter_entries(as_path_list(paths)) if isinstance(e, Entry))
