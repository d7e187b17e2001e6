"""Which event mentions report the same occurrence: pure clustering logic, no database.

A mention joins the best compatible canonical event of its type, or starts a
new one. Compatible means:
- dates overlap at the coarser precision of the two (same day +-1 when both
  are days; a day inside a month or span is compatible with it);
- the party sets share a party other than VNM, or both are VNM-only;
- persons, when both sides name some, share at least one person (ascii-folded,
  word-set containment, so "Pham Minh Chinh" = "Minh Chinh" = "Chinh Pham").
``place`` is the step every way of clustering shares; ``assign`` runs it over a
list of clusters (``cluster_events`` for tests and callers without a
database), ``dedup.blocks.assign_indexed`` over an index of events by lookup
block, as the store does.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Any, TypeVar

from bluebook.dedup.when import DAY, MONTH, When, months, parse_when, precision_of
from bluebook.models import Event
from bluebook.search.fold import fold, tokens

VNM = "VNM"
# Entries of each cache of lookup blocks below. A few thousand hold a month of news; each is a set of
# strings (~1 KB), and at 65,536 these caches alone took ~130 MB of a long ingest's memory.
BLOCK_CACHE = 4096
_K = TypeVar("_K")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(slots=True)
class Mention:
    """What clustering needs of an ``models.Event``."""
    type: str
    date: str
    date_end: str | None = None
    parties: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    location: str | None = None
    planned: bool = False
    confidence: float = 0.5
    summary_en: str = ""
    summary_vi: str = ""

    @classmethod
    def of(cls, e: Any) -> Mention:
        """From an Event or anything with the same attributes (dicts too)."""
        if isinstance(e, Event):      # the hot path: plain attributes
            return cls(type=str(e.type or ""), date=str(e.date or ""),
                       date_end=str(e.date_end) if e.date_end else None,
                       parties=[str(p) for p in e.parties if p], persons=[str(p) for p in (e.persons or ()) if p],
                       location=str(e.location) if e.location else None, planned=bool(e.planned),
                       confidence=float(e.confidence or 0.0), summary_en=str(e.summary_en or ""),
                       summary_vi=str(e.summary_vi or ""))
        get = e.get if isinstance(e, dict) else (lambda k, d=None: getattr(e, k, d))
        return cls(type=str(get("type", "") or ""), date=str(get("date", "") or ""),
                   date_end=(str(get("date_end")) if get("date_end") else None),
                   parties=[str(p) for p in (get("parties") or []) if p],
                   persons=[str(p) for p in (get("persons") or []) if p],
                   location=(str(get("location")) if get("location") else None),
                   planned=bool(get("planned", False)),
                   confidence=float(get("confidence", 0.5) or 0.0),
                   summary_en=str(get("summary_en", "") or ""), summary_vi=str(get("summary_vi", "") or ""))


@dataclass(slots=True)
class Cluster:
    """A canonical event: the merge of its mentions so far."""
    type: str
    date: str
    date_end: str | None
    parties: list[str]
    persons: list[str]
    location: str | None
    location_conf: float
    planned: bool
    summary_en: str = ""
    summary_vi: str = ""
    n_mentions: int = 1
    id: int | None = None

    @classmethod
    def new(cls, m: Mention) -> Cluster:
        c = cls(type=m.type, date=m.date, date_end=m.date_end, parties=order_parties(m.parties),
                persons=[], location=m.location, location_conf=m.confidence if m.location else 0.0,
                planned=m.planned, summary_en=m.summary_en, summary_vi=m.summary_vi, n_mentions=0)
        absorb(c, m)
        return c

    @property
    def when(self) -> When | None:
        return parse_when(self.date, self.date_end)


def order_parties(parties: Iterable[str]) -> list[str]:
    """Unique, VNM first, the rest sorted: one spelling of a party set."""
    return list(_order_parties(tuple(parties)))


@lru_cache(maxsize=16384)
def _order_parties(parties: tuple[str, ...]) -> tuple[str, ...]:
    seen = {p.strip().upper() for p in parties if p and p.strip()}
    return ((VNM,) if VNM in seen else ()) + tuple(sorted(seen - {VNM}))


def party_keys(parties: Iterable[str]) -> frozenset[str]:
    """The parties two events must share: the non-VNM ones; 'VNM' for VNM-only; '-' for none."""
    return _party_keys(tuple(parties))


@lru_cache(maxsize=4096)
def _party_keys(parties: tuple[str, ...]) -> frozenset[str]:
    ps = {p.strip().upper() for p in parties if p and p.strip()}
    if not ps:
        return frozenset({"-"})
    return frozenset(ps - {VNM}) or frozenset({VNM})


@lru_cache(maxsize=16384)
def person_key(name: str) -> frozenset[str]:
    return frozenset(tokens(fold(name)))


def same_person(a: str, b: str) -> bool:
    ka, kb = person_key(a), person_key(b)
    return bool(ka) and bool(kb) and (ka <= kb or kb <= ka)


@lru_cache(maxsize=4096)
def place_key(place: str | None) -> str:
    """'Hà Nội' and 'Hanoi' alike: folded, letters and digits only."""
    return _NOT_ALNUM.sub("", fold(place or ""))


def persons_compatible(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return True
    return any(same_person(x, y) for x in a for y in b)


def compatible(m: Mention, c: Cluster) -> bool:
    if m.type != c.type:
        return False
    wm, wc = parse_when(m.date, m.date_end), c.when
    if wm is None or wc is None:
        return False
    slack = 1 if wm.precision == DAY and wc.precision == DAY else 0
    if not wm.overlaps(wc, slack):
        return False
    if not party_keys(m.parties) & party_keys(c.parties):
        return False
    return persons_compatible(m.persons, c.persons)


def score(m: Mention, c: Cluster) -> float:
    """Higher is a better match; only meaningful for compatible pairs."""
    wm, wc = parse_when(m.date, m.date_end), c.when
    s = 0.0
    if wm and wc:
        if wm.precision == DAY and wc.precision == DAY:
            s += 3.0 if wm.lo == wc.lo else 2.0
        else:
            s += 1.0 if min(wm.precision, wc.precision) == MONTH else 0.5
    pm, pc = set(order_parties(m.parties)), set(c.parties)
    if pm | pc:
        s += 2.0 * len(pm & pc) / len(pm | pc)
    if m.persons and c.persons:
        hits = sum(1 for x in m.persons if any(same_person(x, y) for y in c.persons))
        s += hits / min(len(m.persons), len(c.persons))
    if m.location and c.location and place_key(m.location) == place_key(c.location):
        s += 0.5
    return s


def fits(m: Mention, wm: When, km: frozenset[str], c: Cluster) -> bool:
    """``compatible(m, c)`` with the mention's date and party keys already computed."""
    if c.type != m.type:
        return False
    wc = parse_when(c.date, c.date_end)
    if wc is None or not wm.overlaps(wc, 1 if wm.precision == DAY and wc.precision == DAY else 0):
        return False
    return not km.isdisjoint(party_keys(c.parties)) and persons_compatible(m.persons, c.persons)


def best_match(m: Mention, candidates: Iterable[Cluster]) -> Cluster | None:
    """The compatible candidate with the highest score; ties go to the earliest candidate."""
    wm = parse_when(m.date, m.date_end)
    if wm is None:
        return None
    km = party_keys(m.parties)
    best, best_score = None, float("-inf")
    for c in candidates:
        if fits(m, wm, km, c):
            s = score(m, c)
            if s > best_score:
                best, best_score = c, s
    return best


def absorb(c: Cluster, m: Mention) -> Cluster:
    """Merge a mention into the canonical event (in place).

    The most precise date wins (ties keep the first, which may gain a
    date_end); parties and persons are unions (the fuller form of a name
    wins); the location of the most confident mention wins; planned only
    while every mention is planned.
    """
    pm, pc = precision_of(m.date), precision_of(c.date)
    if pm > pc:
        c.date, c.date_end = m.date, m.date_end
    elif pm == pc and m.date == c.date and not c.date_end and m.date_end:
        c.date_end = m.date_end
    c.parties = order_parties([*c.parties, *m.parties])
    for name in m.persons:
        for i, have in enumerate(c.persons):
            if same_person(name, have):
                if len(person_key(name)) > len(person_key(have)):
                    c.persons[i] = name
                break
        else:
            c.persons.append(name)
    if m.location and (not c.location or m.confidence > c.location_conf):
        c.location, c.location_conf = m.location, m.confidence
    c.planned = m.planned if c.n_mentions == 0 else (c.planned and m.planned)
    c.summary_en = c.summary_en or m.summary_en
    c.summary_vi = c.summary_vi or m.summary_vi
    c.n_mentions += 1
    return c


def rebuild(mentions: Iterable[Mention]) -> Cluster | None:
    """The canonical event of these mentions, merged in order (None for no mentions)."""
    c: Cluster | None = None
    for m in mentions:
        c = Cluster.new(m) if c is None else absorb(c, m)
    return c


def cluster_blocks(c: Cluster) -> set[str]:
    """Lookup keys ('party|period') under which the store files a canonical event."""
    w = c.when
    if w is None:
        return set()
    periods = months(w.lo, w.hi) if w.precision >= MONTH else [str(y) for y in range(w.lo.year, w.hi.year + 1)]
    return {f"{p}|{t}" for p in party_keys(c.parties) for t in periods}


def query_blocks(m: Mention) -> frozenset[str]:
    """Keys under which every canonical event compatible with ``m`` is filed."""
    return _query_blocks(m.date, m.date_end, party_keys(m.parties))


@lru_cache(maxsize=BLOCK_CACHE)
def _query_blocks(d: str, end: str | None, keys: frozenset[str]) -> frozenset[str]:
    w = parse_when(d, end)
    if w is None:
        return frozenset()
    lo, hi = w.lo - timedelta(days=1), w.hi + timedelta(days=1)
    periods = months(lo, hi) + [str(y) for y in range(lo.year, hi.year + 1)]
    return frozenset(f"{p}|{t}" for p in keys for t in periods)


@dataclass(slots=True)
class Assignment:
    """Where each mention of a document went."""
    clusters: list[Cluster]                                  # per mention, in order
    new: list[Cluster] = field(default_factory=list)         # founded by these mentions (id None)
    changed: dict[int, Cluster] = field(default_factory=dict)   # existing ones that absorbed a mention
    reshaped: dict[int, Cluster] = field(default_factory=dict)  # ... whose parties, persons or date moved


Shape = tuple[str, str | None, tuple[str, ...]]     # date, date_end, parties: where an event is filed


def shape_of(c: Cluster) -> Shape:
    return c.date, c.date_end, tuple(c.parties)


def place(pairs: Iterable[tuple[Mention, _K]], find: Callable[[Mention, _K], Cluster | None],
          founded: Callable[[Cluster], None], moved: Callable[[Cluster, Shape], None] | None = None) -> Assignment:
    """The step every way of clustering shares: each mention joins what ``find`` picks, or founds one.

    ``find(m, key)`` sees the clusters founded and merged so far; ``founded``
    hears of each new cluster, ``moved`` of each cluster whose date or
    parties (where it is filed) changed, with the shape it had.
    """
    out = Assignment(clusters=[])
    for m, key in pairs:
        best = find(m, key)
        if best is None:
            best = Cluster.new(m)
            founded(best)
            out.new.append(best)
        else:
            persons, was = tuple(best.persons), shape_of(best)
            absorb(best, m)
            now = shape_of(best)
            if best.id is not None:
                out.changed[best.id] = best
                if now != was or tuple(best.persons) != persons:
                    out.reshaped[best.id] = best
            if moved is not None and now != was:
                moved(best, was)
        out.clusters.append(best)
    return out


def assign(mentions: Iterable[Mention], pool: list[Cluster]) -> Assignment:
    """Put each mention into its best cluster from ``pool`` (extended as clusters are founded)."""
    return place(((m, None) for m in mentions),
                 lambda m, _: best_match(m, (c for c in pool if c.type == m.type)), pool.append)


def type_blocks(m: Mention) -> frozenset[str]:
    """``query_blocks`` with the event type in front: the keys a mention looks its candidates up by."""
    return _type_blocks(m.type, m.date, m.date_end, party_keys(m.parties))


@lru_cache(maxsize=BLOCK_CACHE)
def _type_blocks(type_: str, d: str, end: str | None, keys: frozenset[str]) -> frozenset[str]:
    return frozenset(f"{type_}|{k}" for k in _query_blocks(d, end, keys))


def filed_blocks(c: Cluster) -> frozenset[str]:
    """``cluster_blocks`` with the event type in front: the keys a canonical event is filed under."""
    return filed_blocks_of(c.type, *shape_of(c))


@lru_cache(maxsize=BLOCK_CACHE)
def filed_blocks_of(type_: str, d: str, end: str | None, parties: tuple[str, ...]) -> frozenset[str]:
    """``filed_blocks`` of an event of this type and shape."""
    w = parse_when(d, end)      # cluster_blocks, on the shape alone
    if w is None:
        return frozenset()
    periods = months(w.lo, w.hi) if w.precision >= MONTH else [str(y) for y in range(w.lo.year, w.hi.year + 1)]
    return frozenset(f"{type_}|{p}|{t}" for p in _party_keys(parties) for t in periods)


def cluster_events(events: Iterable[Any]) -> list[int]:
    """Cluster label of each event, in order (incremental, as the store does it)."""
    a = assign((Mention.of(e) for e in events), [])
    label = {id(c): i for i, c in enumerate(a.new)}
    return [label[id(c)] for c in a.clusters]
