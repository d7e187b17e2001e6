"""PDF files (pypdf): the text layer, page by page, pages separated by blank lines."""
from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import datetime

from pypdf import PdfReader

from bluebook.config import Settings
from bluebook.errors import BluebookError, UnreadableError
from bluebook.models import RawDoc

# pypdf logs every oddity of real-world PDFs as a warning; we report what matters ourselves.
logging.getLogger("pypdf").setLevel(logging.ERROR)

NO_TEXT_HINT = "run OCR first (e.g. ocrmypdf --sidecar out.txt in.pdf) and give the text instead"


def _meta_date(reader: PdfReader) -> str:
    try:
        info = reader.metadata
        when = info.creation_date if info else None
    except Exception:  # a malformed /CreationDate must not cost us the text
        return ""
    return when.date().isoformat() if isinstance(when, datetime) else ""


def read_pdf(data: bytes, source: str, settings: Settings,
             meta: dict | None = None) -> Iterator[RawDoc | BluebookError]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))  # many PDFs are "encrypted" with an empty password
            except Exception:  # AES needs the optional cryptography package
                opened = False
            if not opened:
                yield UnreadableError("encrypted PDF: no extractable text", source,
                                      hint="remove the password (qpdf --decrypt) or export the text")
                return
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except Exception as e:  # pypdf raises many kinds on broken files
        yield UnreadableError(f"not a readable PDF ({type(e).__name__}: {e})", source,
                              hint="open and re-save it, or export its text")
        return
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        yield UnreadableError("no extractable text (scanned?)", source, hint=NO_TEXT_HINT)
        return
    try:
        title = (reader.metadata.title or "") if reader.metadata else ""
    except Exception:
        title = ""
    yield RawDoc(source=source, text=text, title=str(title).strip(), date=_meta_date(reader), format="pdf",
                 meta={**(meta or {}), "pages": len(pages)})
