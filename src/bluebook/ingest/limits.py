"""Size limits enforced while bytes flow, so a hostile input costs bounded memory and time.

Declared sizes (stat, zip and tar headers) are checked before reading; the
readers here re-check while reading because headers and pipes can lie.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO

from bluebook.errors import ArchiveError, BluebookError, TooLargeError

# Ratio checks start only past this many bytes: tiny members of repeated
# characters compress far beyond any sane ratio yet cost nothing (Apache POI
# uses the same kind of grace for its zip-bomb guard).
RATIO_GRACE_BYTES = 1 << 20
CHUNK = 1 << 16


def _read1(stream: BinaryIO) -> Callable[[int], bytes]:
    """One underlying read per call: a BufferedReader.read(n) that fails midway (a truncated
    .gz) throws away what it already had, read1 hands it over first."""
    return getattr(stream, "read1", stream.read)


class StopInput(Exception):
    """A bomb was already reported; abandon the rest of this top-level input quietly."""


def human(n: int) -> str:
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GB"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.1f} KB"
    return f"{n} bytes"


def too_large(source: str, size: int, limit: int, *, at_least: bool = False) -> TooLargeError:
    what = "more than " if at_least else ""
    return TooLargeError(f"{what}{human(size)}, over the limit of {human(limit)} (max_file_bytes)", source,
                         hint="split the file, or raise max_file_bytes if it really is one text")


class Budget:
    """Uncompressed bytes one top-level input may still produce (max_archive_bytes)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.tripped = False

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def exceeded(self, source: str) -> ArchiveError:
        self.tripped = True
        return ArchiveError(f"expands past {human(self.limit)} uncompressed (max_archive_bytes); rest skipped",
                            source, hint="a zip bomb, or raise max_archive_bytes and split the archive")


class CountingReader(io.RawIOBase):
    """Counts the compressed bytes a decompressor pulls, for the ratio check."""

    def __init__(self, inner: BinaryIO) -> None:
        self._read = _read1(inner)
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview) -> int:  # type: ignore[override]
        data = self._read(len(b))
        n = len(data)
        b[:n] = data
        self.count += n
        return n


class GuardedReader(io.RawIOBase):
    """Passes decompressed bytes through, charging the budget and checking the ratio."""

    def __init__(self, inner: BinaryIO, source: str, budget: Budget, ratio: float,
                 compressed: Callable[[], int], declared: int | None = None) -> None:
        self._read = _read1(inner)
        self._source = source
        self._budget = budget
        self._ratio = ratio
        self._compressed = compressed
        self._declared = declared
        self.count = 0
        self.tripped = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview) -> int:  # type: ignore[override]
        if self.tripped or self._budget.tripped:
            raise StopInput()
        try:
            data = self._read(len(b))
        except (BluebookError, StopInput):
            self.tripped = True
            raise
        except Exception as e:  # zlib.error, EOFError, OSError("Invalid data stream"), BadZipFile (CRC)...
            # reported once by whoever asked; later reads give up quietly
            self.tripped = True
            raise ArchiveError(f"corrupt or truncated compressed data ({e})", self._source,
                               hint="re-download or re-create the file") from None
        n = len(data)
        b[:n] = data
        self.count += n
        self._budget.used += n
        if self._budget.used > self._budget.limit:
            self.tripped = True
            raise self._budget.exceeded(self._source)
        if self._declared is not None and self.count > self._declared:
            self.tripped = True
            raise ArchiveError(f"yields more than the {human(self._declared)} its header declares; skipped",
                               self._source, hint="the archive is corrupt or forged")
        if self.count > RATIO_GRACE_BYTES and self.count > self._ratio * max(1, self._compressed()):
            self.tripped = True
            raise ArchiveError(f"expands more than {self._ratio:g}x (zip bomb?); skipped", self._source,
                               hint="raise max_archive_ratio if this archive is genuine")
        return n


def buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, buffer_size=CHUNK)  # type: ignore[arg-type]


def read_bounded(stream: BinaryIO, limit: int, source: str) -> bytes:
    """The whole stream, or TooLargeError once it passes ``limit`` (without reading much further)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(source, len(data), limit, at_least=True)
    return data


class ReplayReader(io.RawIOBase):
    """A stream with its first bytes already read for sniffing, replayed before the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._pos = 0
        self._rest = _read1(rest)

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview) -> int:  # type: ignore[override]
        if self._pos < len(self._head):
            chunk = self._head[self._pos:self._pos + len(b)]
            self._pos += len(chunk)
        else:
            chunk = self._rest(len(b))
        n = len(chunk)
        b[:n] = chunk
        return n


def read_head(stream: BinaryIO, n: int) -> bytes:
    """Up to ``n`` bytes, looping because pipes and decompressors return short reads."""
    parts: list[bytes] = []
    got = 0
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)
