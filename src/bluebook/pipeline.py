"""The pipeline: read -> clean -> segment -> link -> extract, one document at a time (streaming)."""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from datetime import date

from bluebook.config import DEFAULT, Settings
from bluebook.errors import BadDateError, BluebookError
from bluebook.models import Document, Event, RawDoc


def parse_date(value: str | date | None, source: str = "") -> date | None:
    """ISO date, or a year / year-month taken as its last day (a yearly report is dated at its end)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    v = str(value).strip()[:10]
    try:
        if len(v) == 4:
            return date(int(v), 12, 31)
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date.fromisoformat(v)
    except ValueError as exc:
        raise BadDateError(f"not a date: {value!r}", source=source, hint="use YYYY-MM-DD") from exc


def date_from_text(text: str) -> date | None:
    """A full date in the document's head (dateline, byline time), if it states one."""
    from bluebook.dates import find_dates

    for d in find_dates(text[:800], None, "vi") + find_dates(text[:800], None, "en"):
        if len(d.date) == 10 and not d.relative:
            try:
                return date.fromisoformat(d.date)
            except ValueError:
                continue
    return None


def build_document(raw: RawDoc, settings: Settings = DEFAULT) -> Document:
    """Decode and clean a raw document (no extraction yet)."""
    from bluebook.clean import clean_document
    from bluebook.clean.decode import decode_bytes
    from bluebook.clean.html import html_to_text

    meta = dict(raw.meta)
    title, url = raw.title, raw.url
    if raw.text is not None:
        text, encoding = raw.text, "utf-8"
    else:
        text, encoding = decode_bytes(raw.data or b"", raw.source, settings.encoding)
    if raw.format == "html":
        text, hmeta = html_to_text(text)
        title = title or hmeta.get("title", "")
        url = url or hmeta.get("url", "")
        if hmeta.get("date") and not meta.get("date"):
            meta["date"] = hmeta["date"]
    if len(text) > settings.max_file_bytes:
        from bluebook.errors import TooLargeError
        raise TooLargeError(f"{len(text)} characters of text", source=raw.source)
    doc = Document(source=raw.source, original=text, title=title, url=url, encoding=encoding, meta=meta)
    return clean_document(doc)


def analyse(doc: Document, doc_date: date | None = None, lang: str | None = None,
            raw_date: str = "") -> Document:
    """Segment, date and extract events in a cleaned document."""
    from bluebook.events import extract_document
    from bluebook.segment import segment_document

    doc.doc_date = doc_date or parse_date(raw_date or None, doc.source) or date_from_text(doc.text)
    if doc.doc_date is None:
        doc.doc_date = date.today()
        doc.warnings.append("no document date in metadata or text; using today")
    segment_document(doc)
    if lang in ("vi", "en"):
        doc.lang = lang
        for s in doc.sentences:
            s.lang = lang
    extract_document(doc)
    return doc


def process(raw: RawDoc, settings: Settings = DEFAULT, doc_date: date | None = None,
            lang: str | None = None) -> Document:
    doc = build_document(raw, settings)
    meta_date = raw.date or str(doc.meta.get("date") or "")
    try:
        parse_date(meta_date or None, raw.source)
    except BadDateError:
        doc.warnings.append(f"metadata date {meta_date!r} is not a date; ignored")
        meta_date = ""
    doc = analyse(doc, doc_date, lang if lang != "auto" else None, meta_date)
    if settings.min_confidence > 0:
        # confidence is the learned filter's probability that an event is right (events/filter.py)
        doc.events = [e for e in doc.events if e.confidence >= settings.min_confidence]
    return doc


def process_all(items: Iterable[RawDoc | BluebookError], settings: Settings = DEFAULT,
                doc_date: date | None = None, lang: str | None = None) -> Iterator[Document | BluebookError]:
    """Stream documents through the pipeline; errors flow on as values so a batch never stops."""
    for item in items:
        if isinstance(item, BluebookError):
            yield item
            continue
        try:
            yield process(item, settings, doc_date, lang)
        except BluebookError as exc:
            if not exc.source:
                exc.source = item.source
            yield exc


def extract(text: str, doc_date: date | str | None = None, lang: str | None = None,
            source: str | None = None) -> list[Event]:
    """Events stated in ``text``. The library face of ``bluebook extract``."""
    raw = RawDoc(source=source or "<text>", text=text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = process(raw, DEFAULT, parse_date(doc_date, raw.source) if doc_date else None, lang)
    return doc.events
