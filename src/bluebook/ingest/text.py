"""Plain text files: bytes left undecoded (the cleaner knows the legacy Vietnamese encodings).

A file that is one enormous line (a minified dump, a base64 blob) is refused
as soon as the line passes ``max_line_chars``, reading in chunks, so a 100 MB
line never sits in memory.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from bluebook.config import Settings
from bluebook.errors import BluebookError, EmptyInputError, TooLargeError
from bluebook.ingest.limits import CHUNK, human, too_large
from bluebook.models import RawDoc

# UTF-8 continuation bytes: dropping them turns a byte count into a character count.
_CONTINUATION = bytes(range(0x80, 0xC0))
MARKUP = {".md": "markdown", ".markdown": "markdown", ".rst": "rst"}


class _LineMeter:
    """Tracks the length in characters of the line being read across chunk borders."""

    def __init__(self, limit: int, utf16: bool) -> None:
        self.limit = limit
        self.utf16 = utf16
        self.current = 0        # characters of the unfinished line
        self.current_bytes = 0
        self.complete = False   # the offending line ended inside the chunk already read

    def _chars(self, seg: bytes) -> int:
        if self.utf16:
            return len(seg) // 2
        return len(seg.translate(None, _CONTINUATION))

    def feed(self, chunk: bytes) -> bool:
        """True once some line has grown past the limit."""
        first = chunk.find(b"\n")
        head = chunk if first == -1 else chunk[:first]
        self.current += self._chars(head)
        self.current_bytes += len(head)
        if self.current > self.limit:
            self.complete = first != -1
            return True
        if first == -1:
            return False
        last = chunk.rfind(b"\n")
        if last - first > self.limit:  # whole lines inside the chunk may be long too
            start = first + 1
            while start <= last:
                end = chunk.find(b"\n", start)
                if self._chars(chunk[start:end]) > self.limit:
                    self.current_bytes = end - start
                    self.complete = True
                    return True
                start = end + 1
        tail = chunk[last + 1:]
        self.current = self._chars(tail)
        self.current_bytes = len(tail)
        return self.current > self.limit

    def finish_line(self, stream: BinaryIO, cap: int) -> int:
        """Bytes of the offending line, reading (and dropping) up to its end or ``cap``."""
        while not self.complete and self.current_bytes <= cap:
            chunk = stream.read(CHUNK)
            if not chunk:
                return self.current_bytes
            nl = chunk.find(b"\n")
            if nl != -1:
                return self.current_bytes + nl
            self.current_bytes += len(chunk)
        return self.current_bytes


def read_capped(stream: BinaryIO, source: str, settings: Settings, *, check_lines: bool) -> bytes:
    """All bytes of a one-text file, within max_file_bytes and (for txt) max_line_chars."""
    parts: list[bytes] = []
    total = 0
    meter: _LineMeter | None = None
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > settings.max_file_bytes:
            raise too_large(source, total, settings.max_file_bytes, at_least=True)
        if check_lines:
            if meter is None:
                meter = _LineMeter(settings.max_line_chars, chunk[:2] in (b"\xff\xfe", b"\xfe\xff"))
            if meter.feed(chunk):
                size = meter.finish_line(stream, settings.max_file_bytes)
                raise TooLargeError(f"one line of {human(size)} (over max_line_chars "
                                    f"{settings.max_line_chars:,}); not a news text", source,
                                    hint="raise max_line_chars if this really is one text")
        parts.append(chunk)
    return b"".join(parts)


def read_txt(stream: BinaryIO, source: str, settings: Settings, ext: str = ".txt",
             meta: dict | None = None) -> Iterator[RawDoc | BluebookError]:
    data = read_capped(stream, source, settings, check_lines=True)
    if not data.strip():
        yield EmptyInputError("empty file" if not data else "only white space", source)
        return
    meta = dict(meta or {})
    if ext in MARKUP:
        meta["markup"] = MARKUP[ext]
    yield RawDoc(source=source, data=data, format="txt", meta=meta)
