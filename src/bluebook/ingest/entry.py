"""One thing to read: a file, an archive member, a decompressed stream or stdin."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO


@dataclass(slots=True)
class Entry:
    source: str                        # what errors and RawDocs are named after
    name: str                          # the name that decides the format ("" = sniff the bytes)
    opener: Callable[[], BinaryIO]
    size: int | None = None            # declared size, checked before reading
    depth: int = 0                     # archive nesting: 0 for a file, 1 for a member, 2 for a nested member
    layers: int = 0                    # compression layers undone so far (.gz, .bz2, .xz)
    path: str | None = None            # a real, seekable file on disk
    handle: BinaryIO | None = field(default=None, repr=False)
    meta: dict[str, Any] = field(default_factory=dict)

    def open(self) -> BinaryIO:
        self.handle = self.opener()
        return self.handle

    def position(self) -> int:
        """Bytes of the file read so far, for progress bars (its size once closed)."""
        h = self.handle
        if h is not None and not h.closed:
            try:
                return min(h.tell(), self.size or 0)
            except (OSError, ValueError):
                pass
        return self.size or 0
