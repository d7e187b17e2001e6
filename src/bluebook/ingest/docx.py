"""Word .docx files (python-docx): body paragraphs and tables in document order."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from bluebook.config import Settings
from bluebook.errors import BluebookError, EmptyInputError, UnreadableError
from bluebook.ingest.archives import check_zip_headers
from bluebook.models import RawDoc


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                continue
            seen.add(id(cell._tc))
            parts = [p.text if isinstance(p, Paragraph) else "\n".join(_table_lines(p))
                     for p in cell.iter_inner_content()]
            cells.append(" ".join(x.strip() for x in parts if x.strip()))
        if any(cells):
            yield "\t".join(cells)


def _blocks(document: Any) -> Iterator[str]:
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        else:
            yield "\n".join(_table_lines(item))


def _iso(value: datetime | None) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else ""


def read_docx(data: bytes, source: str, settings: Settings,
              meta: dict | None = None) -> Iterator[RawDoc | BluebookError]:
    """One RawDoc; paragraphs separated by blank lines, table rows one a line with tab-separated cells."""
    # A .docx is a zip: refuse a bomb before python-docx inflates every part into memory.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip_headers(zf, source, settings.max_file_bytes * 4, settings.max_archive_ratio)
    except zipfile.BadZipFile:
        yield UnreadableError("not a valid .docx (not a zip package)", source,
                              hint="open it in Word and save again as .docx")
        return
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n\n".join(b.strip() for b in _blocks(document) if b.strip())
        props = document.core_properties
        title, created, modified = props.title or "", props.created, props.modified
        extra = {k: v for k, v in (("author", props.author), ("subject", props.subject)) if v}
    except BluebookError:
        raise
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors... on broken packages
        yield UnreadableError(f"not a readable .docx ({type(e).__name__})", source,
                              hint="open it in Word and save again as .docx")
        return
    if not text:
        yield EmptyInputError("no text in the document", source)
        return
    full_meta = {**(meta or {}), **extra}
    if modified:
        full_meta["modified"] = _iso(modified)
    yield RawDoc(source=source, text=text, title=title.strip(), date=_iso(created), format="docx",
                 meta=full_meta)
