"""What the store hands back: results of adds, canonical events, their mentions, documents."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from bluebook.models import Document, Event


@dataclass(slots=True)
class AddResult:
    status: str                       # 'added' | 'replaced' | 'duplicate' | 'failed' (add_documents only)
    doc_id: int
    event_ids: list[int] = field(default_factory=list)     # canonical event of each mention, in order
    duplicate_of: int | None = None   # near-duplicate: the document this one copies
    similarity: float | None = None
    error: str = ""                   # why a document failed (it was rolled back alone)


@dataclass(slots=True)
class MentionRecord:
    """One extracted event as stored, with the document it came from."""
    id: int
    doc_id: int
    event_id: int
    key: str
    type: str
    date: str
    date_end: str | None
    parties: list[str]
    persons: list[str]
    persons_original: list[str]
    location: str | None
    planned: bool
    lang: str
    source: str
    evidence: str
    evidence_span: tuple[int, int]
    sentence: tuple[int, int]
    trigger: str
    date_text: str
    confidence: float
    summary_en: str
    summary_vi: str
    kind: str
    doc_source: str = ""
    doc_url: str = ""
    doc_title: str = ""
    doc_date: str | None = None
    doc_hash: str = ""
    doc_lang: str = ""
    duplicate_of: int | None = None

    def to_event(self) -> Event:
        return Event(type=self.type, date=self.date, date_end=self.date_end, parties=list(self.parties),
                     evidence=self.evidence, persons=list(self.persons),
                     persons_original=list(self.persons_original), location=self.location,
                     planned=self.planned, source=self.source, lang=self.lang, sentence=self.sentence,
                     evidence_span=self.evidence_span, trigger=self.trigger, date_text=self.date_text,
                     confidence=self.confidence, summary_en=self.summary_en, summary_vi=self.summary_vi,
                     kind=self.kind, id=self.key)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence_span"], d["sentence"] = list(self.evidence_span), list(self.sentence)
        return d


@dataclass(slots=True)
class CanonicalEvent:
    """A deduplicated event: the merge of every mention that reports it."""
    id: int
    type: str
    date: str
    date_end: str | None
    parties: list[str]
    persons: list[str]
    location: str | None
    planned: bool
    summary_en: str
    summary_vi: str
    n_mentions: int
    n_sources: int = 0                # independent documents (near-duplicates count once)
    langs: list[str] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("id", "type", "date", "date_end", "parties", "persons", "location",
                                             "planned", "summary_en", "summary_vi", "n_mentions", "n_sources",
                                             "langs")}
        d["mentions"] = [m.to_dict() for m in self.mentions]
        return d


@dataclass(slots=True)
class StoredDocument:
    id: int
    source: str
    url: str
    title: str
    doc_date: str | None
    lang: str
    encoding: str
    text: str
    original: str
    meta: dict[str, Any]
    content_hash: str
    duplicate_of: int | None
    similarity: float | None
    expected_events: int
    added_at: str
    updated_at: str
    mentions: list[MentionRecord] = field(default_factory=list)

    def to_document(self) -> Document:
        try:
            d = date.fromisoformat(self.doc_date) if self.doc_date else None
        except ValueError:
            d = None
        return Document(source=self.source, original=self.original, text=self.text, doc_date=d,
                        lang=self.lang, title=self.title, url=self.url, encoding=self.encoding,
                        meta=dict(self.meta))


def loads_list(s: str | None) -> list[str]:
    if not s:
        return []
    try:
        v = json.loads(s)
    except ValueError:
        return []
    return [str(x) for x in v] if isinstance(v, list) else []


def dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, default=str)
