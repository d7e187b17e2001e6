"""Read-side counts the pages need and the Store does not offer yet: search facets,
event counts per period for the activity chart, a partner's summary.

Everything is SQLAlchemy Core on ``bluebook.store.schema`` (bound parameters only),
run in the store's read transactions, with the same filter meaning as
``Store.events``/``Store.search``. These belong in ``store/`` (see the web report).
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from bluebook.dedup.when import date_bounds
from bluebook.search.fold import fold, tokens
from bluebook.store import Store
from bluebook.store import schema as t
from bluebook.store.records import loads_list

_E, _M, _P, _D = t.events, t.mentions, t.event_parties, t.documents
HOME = "VNM"
# Facets count the best-ranked hits only: counting every match of a common word
# in a million documents would cost more than the search itself.
FACET_SAMPLE = 200


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


def _where(q: sa.Select, f: EventFilter) -> sa.Select:
    """The conditions of store.queries.events, for counting."""
    if f.type:
        q = q.where(_E.c.type == f.type)
    if f.party:
        q = q.where(sa.exists().where(_P.c.event_id == _E.c.id, _P.c.party == f.party.strip().upper()))
    for tok in tokens(fold(f.person or "")):
        q = q.where(sa.exists().where(t.event_persons.c.event_id == _E.c.id,
                                      t.event_persons.c.folded.like(f"% {tok} %")))
    lo, hi = date_bounds(f.date_from, "date_from"), date_bounds(f.date_to, "date_to")
    if lo:
        q = q.where(_E.c.date_hi >= lo[0])
    if hi:
        q = q.where(_E.c.date_lo <= hi[1])
    if f.planned is not None:
        q = q.where(_E.c.planned == bool(f.planned))
    if f.language:
        q = q.where(sa.exists().where(_M.c.event_id == _E.c.id, _M.c.lang == f.language))
    return q


# Per-period counts scan every matching event (a second or so on a million): they are kept for
# a minute, and dropped at once when this app writes (forget()); other writers show within the minute.
COUNTS_TTL = 60.0
_counts_cache: dict[tuple[Any, ...], tuple[float, dict[str, int]]] = {}


def forget(store: Store) -> None:
    for k in [k for k in _counts_cache if k[0] == store.db.url]:
        _counts_cache.pop(k, None)


def event_counts(store: Store, f: EventFilter, by: str = "year") -> dict[str, int]:
    """Canonical events per year ('YYYY') or month ('YYYY-MM'), oldest first; undated ones left out."""
    key = (store.db.url, by, *f.kwargs().values())
    hit = _counts_cache.get(key)
    if hit is not None and time.monotonic() - hit[0] < COUNTS_TTL:
        return dict(hit[1])
    out = _event_counts(store, f, by)
    if len(_counts_cache) > 256:
        _counts_cache.clear()
    _counts_cache[key] = (time.monotonic(), out)
    return dict(out)


def _event_counts(store: Store, f: EventFilter, by: str) -> dict[str, int]:
    width = 4 if by == "year" else 7
    period = sa.func.substr(_E.c.date_lo, 1, width).label("k")
    n = sa.func.count().label("n")
    q = _where(sa.select(period, n).where(_E.c.date_lo != "9999-12-31"), f)
    if by != "year":        # a year-only date would pile up in January
        q = q.where(sa.func.length(_E.c.date) >= 7)
    q = q.group_by(period).order_by(period)
    with store.db.read() as conn:
        return {str(r.k): int(r.n) for r in conn.execute(q)}


def totals(store: Store) -> tuple[int, int]:
    """(documents, canonical events): the home page's two numbers, without Store.stats()'s full scans."""
    with store.db.read() as conn:
        docs = conn.execute(sa.select(sa.func.count()).select_from(_D)).scalar_one()
        evs = conn.execute(sa.select(sa.func.count()).select_from(_E)).scalar_one()
    return int(docs), int(evs)


def count_events(store: Store, f: EventFilter) -> int:
    with store.db.read() as conn:
        return int(conn.execute(_where(sa.select(sa.func.count()).select_from(_E), f)).scalar_one())


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

    def to_dict(self) -> dict[str, Any]:
        return {k: [{"value": v, "count": c} for v, c in getattr(self, k)]
                for k in ("type", "party", "year", "language", "source")} | {"sample": self.sample}


def search_facets(store: Store, query: str, language: str | None, filters: dict[str, Any],
                  sample: int = FACET_SAMPLE) -> Facets:
    hits = store.search(query, language, limit=sample, offset=0, filters=filters)
    if not hits:
        return Facets()
    ids = [h.doc_id for h in hits]
    types: Counter[str] = Counter()
    parties: Counter[str] = Counter()
    with store.db.read() as conn:
        seen: set[tuple[int, str]] = set()
        for r in conn.execute(sa.select(_M.c.doc_id, _M.c.type, _M.c.parties).where(_M.c.doc_id.in_(ids))):
            if (r.doc_id, r.type) not in seen:
                seen.add((r.doc_id, r.type))
                types[r.type] += 1
            for p in set(loads_list(r.parties)) - {HOME}:
                if (r.doc_id, "p:" + p) not in seen:
                    seen.add((r.doc_id, "p:" + p))
                    parties[p] += 1
    years = Counter((h.doc_date or "")[:4] for h in hits if h.doc_date)
    langs = Counter(h.lang for h in hits if h.lang)
    sources = Counter(_outlet_key(h.source) for h in hits if h.source)

    def top(c: Counter[str], k: int = 12) -> list[tuple[str, int]]:
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:k]

    return Facets(type=top(types), party=top(parties), year=sorted(years.items(), reverse=True)[:15],
                  language=top(langs), source=top(sources, 8), sample=len(hits))


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
        s.by_type = {r.type: int(r.n) for r in conn.execute(
            _where(sa.select(_E.c.type, n), f).group_by(_E.c.type).order_by(n.desc(), _E.c.type))}
        s.total = sum(s.by_type.values())
        # ISO partial dates sort as strings: '2024' < '2024-04' < '2024-04-09'
        dated = _where(sa.select(sa.func.min(_E.c.date), sa.func.max(_E.c.date)), f).where(
            _E.c.date_lo != "9999-12-31")
        s.first, s.last = conn.execute(dated).one()
        ep = t.event_persons
        q = (sa.select(ep.c.name, n).join(_P, _P.c.event_id == ep.c.event_id).where(_P.c.party == code)
             .group_by(ep.c.name).order_by(n.desc(), ep.c.name).limit(persons))
        s.persons = [(r.name, int(r.n)) for r in conn.execute(q)]
    return s
