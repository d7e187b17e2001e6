"""Saved web pages: bytes left undecoded; the cleaner finds the charset, main text and metadata."""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from bluebook.config import Settings
from bluebook.errors import BluebookError, EmptyInputError
from bluebook.ingest.text import read_capped
from bluebook.models import RawDoc


def read_html(stream: BinaryIO, source: str, settings: Settings,
              meta: dict | None = None) -> Iterator[RawDoc | BluebookError]:
    # No line check: minified pages are one long line and still news.
    data = read_capped(stream, source, settings, check_lines=False)
    if not data.strip():
        yield EmptyInputError("empty file" if not data else "only white space", source)
        return
    yield RawDoc(source=source, data=data, format="html", meta=dict(meta or {}))
