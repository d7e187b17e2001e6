"""The dataclasses that flow through the pipeline.

Ground floor: imports nothing of bluebook. Offsets are always character
offsets into ``Document.text`` (the normalised text, see ``clean.normalize``)
unless a field says otherwise; ``Document.to_original`` maps them back to the
decoded input so evidence is an exact substring of what the user gave us.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

EVENT_TYPES: tuple[str, ...] = (
    "visit", "phone_call", "talks", "conference", "agreement", "aid",
    "message", "anniversary", "upgrade", "withdrawal", "appeal", "accusation",
)

# Block kinds produced by the cleaner.
BLOCK_KINDS = ("title", "dateline", "body", "caption", "list_item", "boilerplate", "teaser")


@dataclass(slots=True)
class Block:
    """A line or paragraph of the document as the cleaner classified it."""
    start: int
    end: int
    kind: str            # one of BLOCK_KINDS
    reason: str = ""     # why a block was dropped (boilerplate/teaser), for stats


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    lang: str = "vi"     # 'vi' or 'en'
    kind: str = "body"   # kind of the block the sentence comes from
    block: int = 0       # index of that block in Document.blocks (paragraph context)


@dataclass(slots=True)
class Mention:
    """A gazetteer entity found in the text."""
    start: int
    end: int
    text: str
    id: str              # ISO3 for states, org ID, person ID, office ID
    kind: str            # 'state' | 'org' | 'person' | 'title' | 'adjective' | 'capital'
    state: str = ""      # the state the entity belongs to (person's country, office's state)
    name: str = ""       # canonical display name (persons: without diacritics)
    resolved: str = ""   # for titles: the person ID the title resolves to at the doc date


@dataclass(slots=True)
class DateExpr:
    start: int
    end: int
    text: str
    date: str                    # ISO partial: YYYY, YYYY-MM or YYYY-MM-DD
    date_end: str | None = None  # last day/month of a span
    relative: bool = False       # resolved against the document date


@dataclass(slots=True)
class Event:
    type: str
    date: str
    parties: list[str]
    evidence: str
    date_end: str | None = None
    persons: list[str] = field(default_factory=list)
    persons_original: list[str] = field(default_factory=list)
    location: str | None = None
    planned: bool = False
    source: str = ""
    lang: str = "vi"
    sentence: tuple[int, int] = (0, 0)     # offsets of the sentence in the original text
    evidence_span: tuple[int, int] = (0, 0)
    trigger: str = ""
    date_text: str = ""
    confidence: float = 0.5
    summary_en: str = ""
    summary_vi: str = ""
    kind: str = "body"                     # block kind the evidence comes from
    explain: dict[str, Any] = field(default_factory=dict)
    id: str = ""

    def compute_id(self) -> str:
        key = json.dumps([self.source, self.type, self.date, sorted(self.parties),
                          self.evidence_span[0], self.evidence], ensure_ascii=False)
        self.id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return self.id

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        d = asdict(self)
        d["sentence"] = list(self.sentence)
        d["evidence_span"] = list(self.evidence_span)
        if not explain:
            d.pop("explain", None)
        return d


@dataclass(slots=True)
class RawDoc:
    """What a reader yields: bytes or text plus whatever metadata the container had."""
    source: str                    # file path, or path!member for archives, or path#line
    data: bytes | None = None
    text: str | None = None        # already-decoded text (json/csv/docx/pdf readers)
    title: str = ""
    url: str = ""
    date: str = ""                 # ISO date from metadata, if any
    format: str = "txt"            # txt | html | json | csv | docx | pdf
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    source: str
    original: str                  # decoded input text, exactly as the user gave it
    text: str = ""                 # normalised text (NFC, one tone style); offsets point here
    offset_map: list[int] | None = None   # text index -> original index, None when identical
    doc_date: date | None = None
    lang: str = "vi"
    title: str = ""
    url: str = ""
    encoding: str = "utf-8"
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_original(self, i: int) -> int:
        """Map an offset in ``text`` to the matching offset in ``original``."""
        if self.offset_map is None:
            return i
        if i >= len(self.offset_map):
            return len(self.original)
        return self.offset_map[i]

    def original_span(self, start: int, end: int) -> str:
        return self.original[self.to_original(start):self.to_original(end)]

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()
