"""The clean stage: decoded text in, normalised text with classified blocks out.

Needs ``Document.original``; adds ``text``, ``offset_map``, ``blocks`` and
``meta["glue_splits"]`` (and ``title`` when the document had none).
Decoding bytes (``decode.decode_bytes``) and HTML extraction
(``html.html_to_text``) happen before, when the reader knows the format.
"""
from __future__ import annotations

from ..models import Block, Document
from .boilerplate import classify_blocks
from .decode import decode_bytes
from .glued import glue_splits
from .html import html_to_text
from .normalize import fold
from .normalize import normalize as _normalize

# ``normalize`` is not re-exported: it would hide the ``clean.normalize`` module.
__all__ = [
    "clean_document", "clean_text", "classify_blocks", "decode_bytes", "fold",
    "glue_splits", "html_to_text",
]

_DROPPED = ("boilerplate", "teaser")


def clean_document(doc: Document) -> Document:
    """Normalise ``doc.original`` into ``doc.text`` and classify its blocks."""
    text, offset_map = _normalize(doc.original)
    doc.text = text
    doc.offset_map = offset_map
    doc.blocks = classify_blocks(text)
    doc.meta["glue_splits"] = _kept(glue_splits(text), doc.blocks)
    if not doc.title:
        title = next((b for b in doc.blocks if b.kind == "title"), None)
        if title is not None:
            doc.title = text[title.start:title.end]
    return doc


def clean_text(text: str, source: str = "<text>") -> Document:
    """Convenience: a Document made from ``text`` and cleaned."""
    return clean_document(Document(source=source, original=text))


def _kept(splits: list[int], blocks: list[Block]) -> list[int]:
    """Only the splits inside blocks the segmenter will read."""
    out: list[int] = []
    i = 0
    for pos in splits:
        while i < len(blocks) and blocks[i].end <= pos:
            i += 1
        if i < len(blocks) and blocks[i].start <= pos and blocks[i].kind not in _DROPPED:
            out.append(pos)
    return out
