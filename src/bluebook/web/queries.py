"""Read-side queries the pages need beyond the Store's methods: search pages and facets from one
ranking, event counts per period for the activity chart, a partner's summary, and the short-lived
caches that keep repeated aggregate queries off a large database.

Everything is SQLAlchemy Core on ``bluebook.store.schema`` (bound parameters only), run in the
store's read transactions, with the same filter meaning as ``Store.events``/``Store.search``.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa

from bluebook.search import query as search_query
from bluebook.search.snippets import SearchHit
from bluebook.search.sqlrun import rows_by_ids
from bluebook.store import Store
from bluebook.store import queries as store_queries
from bluebook.store import schema as t
from bluebook.web import freshness

_E, _M, _P, _D = t.events, t.mentions, t.event_parties, t.documents
HOME = "VNM"
# Facets count the best-ranked hits only: counting every match of a common word
# in a million documents would cost more than the search itself.
FACET_SAMPLE = 200
T = TypeVar("T")


@dataclass(slots=True)
class EventFilter:
    type: str | None = None
    party: str | None = None
    person: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    planned: bool | None = None
    language: str | None = None

    def kwargs(self) -> dict[str, Any]:
        """Arguments for ``Store.events``."""
        return {"type": self.type, "party": self.party, "person": self.person, "date_from": self.date_from,
                "date_to": self.date_to, "planned": self.planned, "lang": self.language}


# Aggregates (counts per period, partners, totals) scan many rows: kept for a minute. Search rankings
# (a page, its facets, the next pages) for half a minute. A value is dropped as soon as anybody
# writes (web/freshness.py: this app's writes, and other processes' through the database's own
# change counter); forget() drops them all at once.
COUNTS_TTL = 60.0
SEARCH_TTL = 30.0
MAX_CACHED = 256
_cache: dict[tuple[Any, ...], tuple[float, Any, Any]] = {}
_cache_lock = threading.Lock()


def forget(store: Store) -> None:
    """This app wrote: what was cached for this store is stale (the API's kept answers too)."""
    freshness.bump(store)
    with _cache_lock:
        for k in [k for k in _cache if k[0] == store.db.url]:
            _cache.pop(k, None)


def cached(store: Store, key: tuple[Any, ...], ttl: float, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from the last ``ttl`` seconds for the same store and key, if
    nobody wrote since.

    Callers must not change what they get back: it is shared with later requests.
    """
    full = (store.db.url, *key)
    token = freshness.token(store)          # before computing: a write meanwhile makes the value stale
    hit = _cache.get(full)
    if token is not None and hit is not None and hit[1] == token and time.monotonic() - hit[0] < ttl:
        return hit[2]
    value = compute()
    if token is not None:
        with _cache_lock:
            if len(_cache) >= MAX_CACHED:
                _cache.clear()
            _cache[full] = (time.monotonic(), token, value)
    return value


def event_counts(store: Store, f: EventFilter, by: str = "year") -> dict[str, int]:
    """Canonical events per year ('YYYY') or month ('YYYY-MM'), oldest first; undated ones left out."""
    return dict(cached(store, ("counts", by, *f.kwargs().values()), COUNTS_TTL,
                       lambda: _event_counts(store, f, by)))


def _event_counts(store: Store, f: EventFilter, by: str) -> dict[str, int]:
    width = 4 if by == "year" else 7
    with store.db.read() as conn:
        m = store_queries.matching(conn, **f.kwargs())
        period = sa.func.substr(m.c.date_lo, 1, width).label("k")
        n = sa.func.count().label("n")
        q = sa.select(period, n).where(m.c.date_lo != "9999-12-31")
        if by != "year":        # a year-only date would pile up in January
            q = q.where(sa.func.length(m.c.date) >= 7)
        return {str(r.k): int(r.n) for r in conn.execute(q.group_by(period).order_by(period))}


def totals(store: Store) -> tuple[int, int]:
    """(documents, canonical events): the home page's two numbers, without Store.stats()'s full scans."""
    def count() -> tuple[int, int]:
        with store.db.read() as conn:
            docs = conn.execute(sa.select(sa.func.count()).select_from(_D)).scalar_one()
            evs = conn.execute(sa.select(sa.func.count()).select_from(_E)).scalar_one()
        return int(docs), int(evs)
    return cached(store, ("totals",), COUNTS_TTL, count)


def partners(store: Store) -> dict[str, int]:
    """Store.partners(), kept a minute: every events page lists them."""
    return dict(cached(store, ("partners",), COUNTS_TTL, store.partners))


def count_events(store: Store, f: EventFilter) -> int:
    with store.db.read() as conn:
        m = store_queries.matching(conn, **f.kwargs())
        return int(conn.execute(sa.select(sa.func.count()).select_from(m)).scalar_one())


# -- search: one ranking for a page, its facets and the next pages ------------------------------
def ranking(store: Store, query: str, language: str | None, filters: dict[str, Any],
            cap: int, conn: sa.Connection | None = None) -> list[tuple[int, float]]:
    """(doc id, score) best first, as Store.search ranks them, kept for SEARCH_TTL seconds.

    ``conn``: a read transaction of the caller's to rank in (one transaction a request)."""
    pq = search_query.parse_query(query)
    key = ("rank", tuple(pq.terms), tuple(map(tuple, pq.phrases)), language, tuple(sorted(filters.items())), cap)

    def compute() -> list[tuple[int, float]]:
        if conn is not None:
            return search_query.ranked(conn, store.dialect, pq, language, filters, cap)
        with store.db.read() as own:
            return search_query.ranked(own, store.dialect, pq, language, filters, cap)
    return cached(store, key, SEARCH_TTL, compute)


def _cap(pq: search_query.ParsedQuery, filters: dict[str, Any]) -> int:
    """Candidates ranked for the first pages, as Store.search does (a words-less listing: the first ones)."""
    return search_query.candidate_cap(filters) if not pq.empty else FACET_SAMPLE


def search_page(store: Store, query: str, language: str | None, filters: dict[str, Any], offset: int,
                limit: int) -> tuple[list[SearchHit], bool]:
    """Hits ``offset`` to ``offset + limit`` of the ranking, with snippets (Store.search's answer), and
    whether more follow. Only the hits shown get a snippet."""
    pq = search_query.parse_query(query)
    if pq.empty and offset + limit + 1 > search_query.CANDIDATES:
        # a deep page of "everything, newest first": straight from the date index, not from a long list
        more = store.search(query, language, limit=limit + 1, offset=offset, filters=filters)
        return more[:limit], len(more) > limit
    cap = max(_cap(pq, filters), offset + limit + 1)
    with store.db.read() as conn:
        ranked = ranking(store, query, language, filters, cap, conn)[offset:offset + limit + 1]
        return search_query.hits(conn, pq, ranked[:limit]), len(ranked) > limit


def _outlet_key(source: str) -> str:
    """The file a document came from, without '#row' or '!member': what the source filter takes."""
    for sep in ("#", "!"):
        source = source.split(sep, 1)[0]
    return source


@dataclass(slots=True)
class Facets:
    type: list[tuple[str, int]] = field(default_factory=list)
    party: list[tuple[str, int]] = field(default_factory=list)
    year: list[tuple[str, int]] = field(default_factory=list)
    language: list[tuple[str, int]] = field(default_factory=list)
    source: list[tuple[str, int]] = field(default_factory=list)
    sample: int = 0            # how many hits were counted
    about: bool = False        # more documents match than were counted: the counts are a sample's

    def to_dict(self) -> dict[str, Any]:
        return {k: [{"value": v, "count": c} for v, c in getattr(self, k)]
                for k in ("type", "party", "year", "language", "source")} | {"sample": self.sample,
                                                                              "about": self.about}


def search_facets(store: Store, query: str, language: str | None, filters: dict[str, Any],
                  sample: int = FACET_SAMPLE) -> Facets:
    """Facet counts over the ``sample`` best-ranked hits (the ranking the page itself uses); ``about``
    says when more documents match than were counted.

    Type and partner count the documents reporting an event of that type / with that partner, as the
    search filters of the same name select them (the canonical event's parties). Kept as long as the
    ranking they count (SEARCH_TTL): every first page of a search asks for them.
    """
    pq = search_query.parse_query(query)
    key = ("facets", tuple(pq.terms), tuple(map(tuple, pq.phrases)), language, tuple(sorted(filters.items())),
           sample)
    return cached(store, key, SEARCH_TTL, lambda: _search_facets(store, query, pq, language, filters, sample))


# Three reads of a page's documents by id: fixed SQL on the driver's cursor (search/sqlrun.rows_by_ids),
# where SQLAlchemy would compile an IN list of 200 parameters each time.
_FACET_TYPES = "SELECT type, count(DISTINCT doc_id) FROM mentions WHERE doc_id IN ({ids}) GROUP BY type"
_FACET_PARTIES = "SELECT party, count(*) FROM doc_parties WHERE doc_id IN ({ids}) GROUP BY party"
_FACET_DOCS = "SELECT doc_date, lang, source FROM documents WHERE id IN ({ids})"


def _search_facets(store: Store, query: str, pq: search_query.ParsedQuery, language: str | None,
                   filters: dict[str, Any], sample: int) -> Facets:
    cap = max(_cap(pq, filters), sample)
    types: Counter[str] = Counter()
    parties: Counter[str] = Counter()
    years: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    with store.db.read() as conn:
        ranked = ranking(store, query, language, filters, cap, conn)
        ids = [int(i) for i, _ in ranked[:sample]]
        if not ids:
            return Facets()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for ty, n in rows_by_ids(conn, _FACET_TYPES, chunk):
                types[ty] += int(n)
            # doc_parties (migration 0004) holds exactly the partners other than VNM each document reports
            for party, n in rows_by_ids(conn, _FACET_PARTIES, chunk):
                parties[party] += int(n)
            for doc_date, lang, source in rows_by_ids(conn, _FACET_DOCS, chunk):
                if doc_date:
                    years[doc_date[:4]] += 1
                if lang:
                    langs[lang] += 1
                if source:
                    sources[_outlet_key(source)] += 1

    def top(c: Counter[str], k: int = 12) -> list[tuple[str, int]]:
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:k]

    return Facets(type=top(types), party=top(parties), year=sorted(years.items(), reverse=True)[:15],
                  language=top(langs), source=top(sources, 8), sample=len(ids),
                  about=len(ranked) > len(ids) or len(ranked) >= cap)


@dataclass(slots=True)
class PartnerSummary:
    code: str
    total: int = 0
    first: str | None = None
    last: str | None = None
    by_year: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    persons: list[tuple[str, int]] = field(default_factory=list)   # people met, most often first

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "total": self.total, "first": self.first, "last": self.last,
                "by_year": self.by_year, "by_type": self.by_type,
                "persons": [{"name": n, "events": c} for n, c in self.persons]}


def partner_summary(store: Store, code: str, persons: int = 30) -> PartnerSummary:
    code = code.strip().upper()
    f = EventFilter(party=code)
    s = PartnerSummary(code=code, by_year=event_counts(store, f, "year"))
    n = sa.func.count().label("n")
    with store.db.read() as conn:
        m = store_queries.matching(conn, **f.kwargs())
        s.by_type = {r.type: int(r.n) for r in conn.execute(
            sa.select(m.c.type, n).group_by(m.c.type).order_by(n.desc(), m.c.type))}
        s.total = sum(s.by_type.values())
        # ISO partial dates sort as strings: '2024' < '2024-04' < '2024-04-09'
        s.first, s.last = conn.execute(sa.select(sa.func.min(m.c.date), sa.func.max(m.c.date))
                                       .where(m.c.date_lo != "9999-12-31")).one()
        ep = t.event_persons
        q = (sa.select(ep.c.name, n).join(_P, _P.c.event_id == ep.c.event_id).where(_P.c.party == code)
             .group_by(ep.c.name).order_by(n.desc(), ep.c.name).limit(persons))
        s.persons = [(r.name, int(r.n)) for r in conn.execute(q)]
    return s
