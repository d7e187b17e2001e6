"""The report from the store: canonical events with their mentions become ReportEvents, and
``report_from_store`` is what ``bluebook report`` calls."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bluebook.errors import BadDateError, ConfigError, NotFoundError
from bluebook.models import Event
from bluebook.report.build import build_report
from bluebook.report.langdata import check_lang
from bluebook.report.model import ReportEvent, SourceRef
from bluebook.report.notes import outlet_of
from bluebook.report.render import FORMATS, render

if TYPE_CHECKING:
    from bluebook.store import CanonicalEvent, Store


def report_event(c: CanonicalEvent) -> ReportEvent:
    """A canonical event as the report sees it: one source per independent document."""
    sources: list[SourceRef] = []
    seen: set[int] = set()
    for m in c.mentions:
        doc = m.duplicate_of or m.doc_id
        if doc in seen:
            continue
        seen.add(doc)
        sources.append(SourceRef(title=m.doc_title, outlet=outlet_of(m.doc_url) if m.doc_url else "",
                                 date=m.doc_date or "", url=m.doc_url, file="" if m.doc_url else m.doc_source,
                                 evidence=m.evidence, lang=m.lang or m.doc_lang))
    return ReportEvent(id=str(c.id), type=c.type, date=c.date, date_end=c.date_end, parties=list(c.parties),
                       persons=list(c.persons), location=c.location, planned=c.planned,
                       summary_en=c.summary_en, summary_vi=c.summary_vi, sources=sources)


def report_event_of(ev: Event, title: str = "", url: str = "", doc_date: str = "") -> ReportEvent:
    """An extracted (not yet stored) event as a ReportEvent, citing the document it came from:
    for reports straight from ``bluebook.extract`` output (``make demo``) without a database."""
    return ReportEvent(id=ev.id or ev.compute_id(), type=ev.type, date=ev.date, date_end=ev.date_end,
                       parties=list(ev.parties), persons=list(ev.persons), location=ev.location,
                       planned=ev.planned, summary_en=ev.summary_en, summary_vi=ev.summary_vi,
                       sources=[SourceRef(title=title, outlet=outlet_of(url) if url else "", date=doc_date,
                                          url=url, file="" if url else ev.source, evidence=ev.evidence,
                                          lang=ev.lang)])


def events_from_store(store: Store, date_from: str | None = None, date_to: str | None = None) -> list[ReportEvent]:
    """Every canonical event overlapping [date_from, date_to] (ISO partial dates), in date order."""
    return [report_event(c) for c in store.events(date_from=date_from, date_to=date_to)]


def _period(year: int | str | None, date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    if year is not None and year != "":
        if date_from or date_to:
            raise ConfigError("give either a year or a period (--from/--to), not both",
                              hint="use --year 2020, or --from 2020-01 --to 2020-06")
        y = str(year).strip()
        if not (y.isdigit() and len(y) == 4):
            raise BadDateError(f"not a year: {year!r}", hint="use four digits, e.g. --year 2020")
        return y, y
    return (str(date_from) if date_from else None), (str(date_to) if date_to else None)


def _open(store_or_url: Store | str | None) -> tuple[Store, bool]:
    from bluebook.store import Store, normalise_url, open_store

    if isinstance(store_or_url, Store):
        return store_or_url, False
    url = normalise_url(store_or_url)
    if url.startswith("sqlite:///") and ":memory:" not in url:
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            raise NotFoundError("no database here", source=str(path),
                                hint="run `bluebook ingest` first, or pass --db with the database to report on")
    return open_store(url), True


def report_from_store(store_or_url: Store | str | None = None, year: int | str | None = None,
                      date_from: str | None = None, date_to: str | None = None, lang: str = "en",
                      fmt: str = "html", out: str | Path | None = None, title: str | None = None,
                      today: date | None = None) -> str | bytes | Path:
    """Build and render the Bluebook for a year or a period from a store (or its URL / path).

    Returns the written Path when ``out`` is given, else the text (md, html) or bytes (pdf, docx).
    Raises coded errors (BadDateError, ConfigError, NotFoundError, UnsupportedFormatError, StoreError).
    """
    check_lang(lang)
    if fmt not in FORMATS:
        from bluebook.errors import UnsupportedFormatError

        raise UnsupportedFormatError(f"unknown report format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    lo, hi = _period(year, date_from, date_to)
    store, owned = _open(store_or_url)
    try:
        events = events_from_store(store, lo, hi)
    finally:
        if owned:
            store.close()
    report = build_report(events, lang=lang, title=title, period=(lo, hi) if lo or hi else None, today=today)
    return render(report, fmt, out)
