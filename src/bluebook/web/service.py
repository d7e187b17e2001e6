"""What the pages and the JSON API both show, built from the store and the pipeline's own functions.

Routes only parse parameters and pick HTML or JSON; every query goes through here, so a
page and its API answer the same thing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from bluebook.errors import ConfigError
from bluebook.models import EVENT_TYPES
from bluebook.search.fold import fold
from bluebook.store import CanonicalEvent, SearchHit, Store, StoredDocument
from bluebook.store import queries as store_queries
from bluebook.web import queries
from bluebook.web.annotate import Span, locate, render, window

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
YEAR_RE = re.compile(r"^\d{4}$")
DOC_LANGS = ("vi", "en")
MAX_PER_PAGE = 100
MAX_SOURCES_SHOWN = 30
DROPPED_KINDS = ("boilerplate", "teaser")


def check_type(v: str | None) -> str | None:
    if v and v not in EVENT_TYPES:
        raise ConfigError(f"unknown event type {v!r}", hint=f"use one of {', '.join(EVENT_TYPES)}")
    return v or None


def check_code(v: str | None, what: str = "party") -> str | None:
    if v and not CODE_RE.match(v):
        raise ConfigError(f"{what} {v!r} is not a code", hint="use an ISO 3166 alpha-3 code such as LAO")
    return v.upper() if v else None


def check_language(v: str | None) -> str | None:
    if v and v not in DOC_LANGS:
        raise ConfigError(f"unknown document language {v!r}", hint="use vi or en")
    return v or None


def check_year(v: str | None) -> str | None:
    if v and not YEAR_RE.match(v):
        raise ConfigError(f"not a year: {v!r}", hint="use four digits, e.g. 2024")
    return v or None


@dataclass(slots=True)
class SearchParams:
    q: str = ""
    type: str | None = None
    party: str | None = None
    year: str | None = None
    language: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        self.q = (self.q or "")[:500]
        self.type, self.party = check_type(self.type), check_code(self.party)
        self.year, self.language = check_year(self.year), check_language(self.language)
        self.source = (self.source or "")[:500] or None

    def store_filters(self) -> dict[str, Any]:
        f: dict[str, Any] = {}
        if self.type:
            f["type"] = self.type
        if self.party:
            f["party"] = self.party
        if self.year:
            f["date_from"] = f["date_to"] = self.year
        if self.source:
            f["source"] = self.source
        return f


@dataclass(slots=True)
class Page:
    items: list[Any]
    page: int
    per_page: int
    has_next: bool
    after: int | None = None        # keyset pages: the event this page follows (None: by page number)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _bounds(page: int, per_page: int) -> tuple[int, int]:
    page, per_page = max(1, int(page)), max(1, min(int(per_page), MAX_PER_PAGE))
    return page, per_page


def search(store: Store, p: SearchParams, page: int = 1, per_page: int = 20) -> Page:
    """One page of hits; the ranking says whether a next page exists.

    The ranking behind it is kept a little while (queries.ranking): the facets of this page and
    the next pages reuse it instead of ranking the matches again.
    """
    page, per_page = _bounds(page, per_page)
    hits, more = queries.search_page(store, p.q, p.language, p.store_filters(), (page - 1) * per_page, per_page)
    return Page(hits, page, per_page, more)


def facets(store: Store, p: SearchParams) -> queries.Facets:
    return queries.search_facets(store, p.q, p.language, p.store_filters())


def hit_dict(h: SearchHit) -> dict[str, Any]:
    return {"doc_id": h.doc_id, "title": h.title, "source": h.source, "url": h.url, "doc_date": h.doc_date,
            "lang": h.lang, "score": h.score, "snippet": h.snippet, "highlights": [list(x) for x in h.highlights],
            "snippet_html": h.marked(), "duplicate_of": h.duplicate_of}


def event_filter(type: str | None = None, party: str | None = None, person: str | None = None,
                 year: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 planned: bool | None = None, language: str | None = None) -> queries.EventFilter:
    year = check_year(year)
    return queries.EventFilter(type=check_type(type), party=check_code(party), person=(person or "")[:200] or None,
                               date_from=year or date_from or None, date_to=year or date_to or None,
                               planned=planned, language=check_language(language))


def events(store: Store, f: queries.EventFilter, page: int = 1, per_page: int = 50,
           after: int | None = None) -> Page:
    """One page of events in date order: by page number, or (``after``, a keyset cursor) the events
    that follow event ``after`` in that order, which costs the same however deep the page is."""
    return _event_page(store, f, page, per_page, after, store_queries.events_by_ids)


def event_dicts(store: Store, f: queries.EventFilter, page: int = 1, per_page: int = 50,
                after: int | None = None, mentions: bool = True) -> Page:
    """``events`` with each event as ``event_dict`` gives it, made straight from the rows (the JSON API)."""
    return _event_page(store, f, page, per_page, after,
                       lambda conn, ids: store_queries.event_dicts(conn, ids, mentions))


def _event_page(store: Store, f: queries.EventFilter, page: int, per_page: int, after: int | None,
                fetch: Any) -> Page:
    page, per_page = _bounds(page, per_page)
    with store.db.read() as conn:
        ids = store_queries.event_ids_page(conn, **f.kwargs(), limit=per_page + 1,
                                           offset=0 if after is not None else (page - 1) * per_page, after=after)
        if ids is None:
            raise ConfigError(f"no event {after} to continue after", source="after",
                              hint="start again from the first page (leave out 'after')")
        rows = fetch(conn, ids[:per_page])
    return Page(rows, page, per_page, len(ids) > per_page, after)


def activity(store: Store, f: queries.EventFilter) -> dict[str, int]:
    """Events per month within one year, per year otherwise: the chart's bars."""
    single_year = f.date_from and f.date_from == f.date_to and len(f.date_from) == 4
    return queries.event_counts(store, f, "month" if single_year else "year")


_EVENT_KEYS = ("id", "type", "date", "date_end", "parties", "persons", "location", "planned", "summary_en",
               "summary_vi", "n_mentions", "n_sources", "langs")


def mention_dict(m: Any) -> dict[str, Any]:
    """MentionRecord.to_dict() without dataclasses.asdict's deep copy (a third of an events request)."""
    d = {k: getattr(m, k) for k in m.__slots__}
    d["evidence_span"], d["sentence"] = list(m.evidence_span), list(m.sentence)
    return d


def event_dict(c: CanonicalEvent, mentions: bool = True) -> dict[str, Any]:
    """Same keys as CanonicalEvent.to_dict()."""
    d = {k: getattr(c, k) for k in _EVENT_KEYS}
    if mentions:
        d["mentions"] = [mention_dict(m) for m in c.mentions]
    return d


# -- one event with its sources ---------------------------------------------------------------
@dataclass(slots=True)
class SourceView:
    mention: Any
    passage: Markup
    found: bool                 # the evidence was located in the stored text


def event_sources(store: Store, c: CanonicalEvent) -> list[SourceView]:
    docs: dict[int, StoredDocument | None] = {}
    out = []
    for m in c.mentions[:MAX_SOURCES_SHOWN]:
        if m.doc_id not in docs:
            docs[m.doc_id] = store.document(m.doc_id)
        d = docs[m.doc_id]
        text = d.original if d is not None else ""
        ev = locate(text, m.evidence_span, m.evidence)
        if ev is None:
            out.append(SourceView(m, render(m.evidence, [Span(0, len(m.evidence), 1, "mark",
                                                                (("class", "ev"),))]), False))
            continue
        sent = locate(text, m.sentence, "") or ev
        lo, hi = window(text, min(sent[0], ev[0]), max(sent[1], ev[1]))
        spans = [Span(sent[0], sent[1], 0, "span", (("class", "sent"),)),
                 Span(ev[0], ev[1], 1, "mark", (("class", "ev"),))]
        passage = render(text, spans, lo, hi)
        # an ellipsis only where the passage cuts into a paragraph
        head = "…" if lo > 0 and text[lo - 1] != "\n" else ""
        tail = "…" if hi < len(text) and text[hi] != "\n" else ""
        out.append(SourceView(m, Markup(head) + passage + Markup(tail), True))
    return out


# -- one document, annotated ------------------------------------------------------------------
@dataclass(slots=True)
class BlockView:
    kind: str
    reason: str
    html: Markup


@dataclass(slots=True)
class DocumentView:
    doc: StoredDocument
    blocks: list[BlockView] = field(default_factory=list)
    dropped: int = 0            # blocks the cleaner left out
    entities: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from bluebook.gazetteer import get_gazetteer

    return get_gazetteer()


def entity_href(kind: str, ent_id: str, state: str, name: str, resolved: str) -> str | None:
    if kind in ("state", "org") and CODE_RE.match(ent_id):
        return f"/partner/{ent_id}"
    if kind in ("adjective", "capital") and CODE_RE.match(state or ent_id or "-"):
        return f"/partner/{state or ent_id}"
    if kind == "person":
        pname = person_name(ent_id) or name
        return "/events?" + urlencode({"person": pname}) if pname else None
    if kind == "title" and resolved:
        return "/events?" + urlencode({"person": person_name(resolved) or resolved})
    return None


def person_name(pid: str) -> str:
    p = _gazetteer().data.persons.get(pid) if pid else None
    return (p.name_ascii or p.name) if p is not None else ""


@lru_cache(maxsize=1)
def _person_states() -> dict[str, str]:
    out: dict[str, str] = {}
    for p in _gazetteer().data.persons.values():
        for n in (p.name, p.name_ascii, *p.aliases):
            if n:
                out.setdefault(fold(n), p.state)
    return out


def person_state(name: str) -> str:
    """The state a person serves, from the gazetteer ('' when unknown)."""
    return _person_states().get(fold(name), "")


def document_view(store: Store, doc_id: int, show_dropped: bool = False) -> DocumentView | None:
    from bluebook.clean import clean_document

    stored = store.document(doc_id)
    if stored is None:
        return None
    doc = clean_document(stored.to_document())
    original = stored.original
    view = DocumentView(stored)
    spans: list[Span] = []
    for m in stored.mentions:
        ev = locate(original, m.evidence_span, m.evidence)
        if ev is not None:
            spans.append(Span(ev[0], ev[1], 0, "mark", (("class", "ev"), ("id", f"m{m.id}"),
                                                         ("title", f"{m.type} {m.date}"))))
    try:
        mentions = _gazetteer().link(doc.text, doc.doc_date, doc.lang)
    except Exception:  # noqa: BLE001 - linking is decoration: the text must show without it
        mentions = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        href = entity_href(m.kind, m.id, m.state, m.name, m.resolved)
        lo, hi = doc.to_original(m.start), doc.to_original(m.end)
        attrs: tuple[tuple[str, str], ...] = (("class", f"ent ent-{m.kind}"),)
        if href:
            attrs += (("href", href),)
        spans.append(Span(lo, hi, 1, "a" if href else "span", attrs))
        key = (m.kind, m.id or m.name)
        if key not in seen and m.kind in ("state", "org", "person"):
            seen.add(key)
            view.entities.append({"kind": m.kind, "id": m.id, "text": m.text, "href": href})
    for b in doc.blocks:
        dropped = b.kind in DROPPED_KINDS
        view.dropped += dropped
        if dropped and not show_dropped:
            continue
        lo, hi = doc.to_original(b.start), doc.to_original(b.end)
        view.blocks.append(BlockView(b.kind, b.reason, render(original, spans, lo, hi)))
    if not doc.blocks and original:
        view.blocks.append(BlockView("body", "", render(original, spans)))
    return view


def document_dict(d: StoredDocument, text: bool = True) -> dict[str, Any]:
    out = {k: getattr(d, k) for k in ("id", "source", "url", "title", "doc_date", "lang", "encoding", "meta",
                                      "content_hash", "duplicate_of", "similarity", "expected_events",
                                      "added_at", "updated_at")}
    if text:
        out["text"], out["original"] = d.text, d.original
    out["mentions"] = [mention_dict(m) for m in d.mentions]
    return out


# -- partners -----------------------------------------------------------------------------------
def partner(store: Store, code: str, recent: int = 15) -> dict[str, Any]:
    code = check_code(code, "partner") or ""
    s = queries.partner_summary(store, code)
    n_agr = s.by_type.get("agreement", 0)
    agreements = store.events(party=code, type="agreement", limit=50, offset=max(0, n_agr - 50)) if n_agr else []
    latest = store.events(party=code, limit=recent, offset=max(0, s.total - recent)) if s.total else []
    theirs = [(n, k) for n, k in s.persons if person_state(n) == code]
    ours = [(n, k) for n, k in s.persons if person_state(n) != code]
    return {"summary": s, "agreements": list(reversed(agreements)), "latest": list(reversed(latest)),
            "leaders_met": theirs, "vietnamese": ours}
