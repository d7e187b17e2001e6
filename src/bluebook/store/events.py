"""Mentions and canonical events in the database; the clustering itself is dedup.events and dedup.blocks.

Candidates come from ``event_blocks`` (type + party + month/year), so a new
mention is compared with a handful of canonical events, not with all of them.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any, cast

import sqlalchemy as sa

from bluebook.dedup.events import Assignment, Cluster, Mention, filed_blocks, rebuild
from bluebook.dedup.when import parse_when
from bluebook.models import Event
from bluebook.search.fold import fold, tokens
from bluebook.store import schema as t
from bluebook.store.documents import UNSTORABLE, now, storable
from bluebook.store.raw import COPY_MIN_ROWS, Raw
from bluebook.store.records import dumps, loads_list

UNDATED_LO, UNDATED_HI = "9999-12-31", "0000-01-01"
_EVENT_FIELDS = ("type", "date", "date_end", "date_lo", "date_hi", "parties", "persons", "location",
                 "location_conf", "planned", "summary_en", "summary_vi", "n_mentions", "updated_at")
# Entries of each cache of party/person lists and names below: the common spellings, not every one a
# long ingest meets (a cache's memory is part of the writer's, which must not grow with the corpus).
NAME_CACHE = 16384
_UPDATE_EVENT = "UPDATE events SET " + ", ".join(f"{k} = :{k}" for k in _EVENT_FIELDS) + " WHERE id = :id"


def _span(v: Any) -> tuple[int, int]:
    try:
        a, b = v
        return int(a), int(b)
    except (TypeError, ValueError):
        return 0, 0


def _strs(v: Any) -> list[str]:
    return [storable(x) for x in v if x] if isinstance(v, list | tuple) else []


def list_json(v: Any) -> str:
    """A list of names as stored (JSON text); the same few lists come again and again."""
    if not v:
        return "[]"
    try:
        return _list_json(tuple(v))
    except TypeError:       # unhashable items: not names, but stored all the same
        return dumps(_strs(v))


@lru_cache(maxsize=NAME_CACHE)
def _list_json(v: tuple[Any, ...]) -> str:
    return dumps(_strs(v))


MENTION_COLS = ("doc_id", "event_id", "event_key", "type", "date", "date_end", "parties", "persons",
                "persons_original", "location", "planned", "lang", "source", "sentence_start", "sentence_end",
                "evidence_start", "evidence_end", "evidence", "trigger_text", "date_text", "confidence",
                "summary_en", "summary_vi", "kind")


def mention_values(e: Any) -> tuple[Any, ...]:
    """The mentions row of an Event (or of a dict with Event's keys), without doc_id and event_id."""
    if not isinstance(e, Event):
        e = _as_event(e)
    s0, s1 = _span(e.sentence)
    e0, e1 = _span(e.evidence_span)
    try:
        conf = float(e.confidence or 0.0)
    except (TypeError, ValueError):
        conf = 0.0
    key = e.id or replace(e).compute_id()
    try:        # the common case, checked in one pass: every text field is a clean string
        clean = not UNSTORABLE.search("".join((key, e.type, e.date, e.date_end or "", e.location or "", e.lang,
                                               e.source, e.evidence, e.trigger, e.date_text, e.summary_en,
                                               e.summary_vi, e.kind)))
    except TypeError:       # a field that is not a string
        clean = False
    if clean:
        return (key, e.type, e.date, e.date_end or None, list_json(e.parties), list_json(e.persons),
                list_json(e.persons_original), e.location or None, bool(e.planned), e.lang, e.source, s0, s1,
                e0, e1, e.evidence, e.trigger, e.date_text, conf, e.summary_en, e.summary_vi, e.kind or "body")
    return (storable(key), storable(e.type), storable(e.date),
            storable(e.date_end) or None, list_json(e.parties), list_json(e.persons),
            list_json(e.persons_original), storable(e.location) or None, bool(e.planned), storable(e.lang),
            storable(e.source), s0, s1, e0, e1, storable(e.evidence), storable(e.trigger), storable(e.date_text),
            conf, storable(e.summary_en), storable(e.summary_vi), storable(e.kind) or "body")


def mention_row(e: Any, doc_id: int, event_id: int) -> dict[str, Any]:
    """``mention_values`` as a dict with every column of MENTION_COLS."""
    return dict(zip(MENTION_COLS, (doc_id, event_id, *mention_values(e)), strict=True))


def _as_event(d: Any) -> Event:
    get = d.get if isinstance(d, dict) else (lambda k, default=None: getattr(d, k, default))
    names = ("type", "date", "parties", "evidence", "date_end", "persons", "persons_original", "location",
             "planned", "source", "lang", "sentence", "evidence_span", "trigger", "date_text", "confidence",
             "summary_en", "summary_vi", "kind", "id")
    kw: dict[str, Any] = {"type": "", "date": "", "parties": [], "evidence": ""}
    kw.update({k: get(k) for k in names if get(k) is not None})
    return Event(**kw)


def mention_of_row(r: Any) -> Mention:
    return Mention(type=r.type, date=r.date, date_end=r.date_end, parties=loads_list(r.parties),
                   persons=loads_list(r.persons), location=r.location, planned=bool(r.planned),
                   confidence=float(r.confidence or 0.0), summary_en=r.summary_en, summary_vi=r.summary_vi)


def cluster_of_tuple(r: Sequence[Any]) -> Cluster:
    """A row of raw.EVENT_COLS as a Cluster."""
    (id_, type_, date, date_end, parties, persons, location, conf, planned, s_en, s_vi, n) = r
    return Cluster(type=type_, date=date, date_end=date_end, parties=list(_json_list(parties)),
                   persons=list(_json_list(persons)), location=location, location_conf=float(conf or 0),
                   planned=bool(planned), summary_en=s_en, summary_vi=s_vi, n_mentions=int(n), id=int(id_))


@lru_cache(maxsize=NAME_CACHE)
def _json_list(s: str | None) -> tuple[str, ...]:
    """Party and person lists repeat a lot across events: decode each spelling once."""
    return tuple(loads_list(s))


def event_values(c: Cluster, stamp: str | None = None) -> dict[str, Any]:
    return dict(zip(_EVENT_FIELDS, _event_tuple(c, stamp or now()), strict=True))


def _event_tuple(c: Cluster, stamp: str) -> tuple[Any, ...]:
    """The events row (_EVENT_FIELDS) of a canonical event."""
    w = parse_when(c.date, c.date_end)
    # An unusable date sorts last and overlaps no date range.
    return (c.type, c.date, c.date_end, w.lo.isoformat() if w else UNDATED_LO, w.hi.isoformat() if w else UNDATED_HI,
            list_json(c.parties), list_json(c.persons), c.location, c.location_conf, c.planned, c.summary_en,
            c.summary_vi, c.n_mentions, stamp)


@lru_cache(maxsize=NAME_CACHE)
def person_folded(name: str) -> str:
    return " " + " ".join(tokens(fold(name))) + " "


def blocks_of(c: Cluster) -> list[str]:
    return sorted(filed_blocks(c))


def write_side_tables(raw: Raw, clusters: Sequence[Cluster], fresh: bool) -> None:
    """Parties, persons and lookup blocks of these canonical events (all ids set).

    ``fresh``: events just inserted, with no side rows yet (their lists hold no
    repeats: order_parties, absorb and sets see to it), so PostgreSQL can COPY
    them straight in. Otherwise persons are replaced and the rest added to.
    """
    if not clusters:
        return
    conflict = "" if fresh and raw.pg else "ON CONFLICT DO NOTHING"
    if not fresh:
        raw.many("DELETE FROM event_persons WHERE event_id = :id", [{"id": c.id} for c in clusters])
    raw.put_rows("event_parties", ("event_id", "party"), [(c.id, p) for c in clusters for p in c.parties], conflict)
    raw.put_rows("event_persons", ("event_id", "name", "folded"),
                 [(c.id, n, person_folded(n)) for c in clusters for n in c.persons], conflict)
    raw.put_rows("event_blocks", ("block", "event_id"), [(b, c.id) for c in clusters for b in blocks_of(c)], conflict)


class EventWriter:
    """Mentions and canonical-event changes of several documents, written together by ``flush``.

    Clusters are updated in place as documents join them, so an event founded
    or changed several times in a batch is written once, in its final state.
    Whoever reads events, mentions or their side tables from the database
    within the transaction must flush first.
    """

    def __init__(self) -> None:
        self.new: dict[int, Cluster] = {}
        self.changed: dict[int, Cluster] = {}
        self.reshaped: dict[int, Cluster] = {}
        self.mentions: list[tuple[Any, ...]] = []

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.mentions)

    def add(self, doc_id: int, a: Assignment, rows: Sequence[tuple[Any, ...]]) -> None:
        """``a.new`` must have their ids; ``rows``: ``mention_values`` of the document's events."""
        for c in a.new:
            self.new[cast(int, c.id)] = c
        for i, c in a.changed.items():
            if i not in self.new:
                self.changed[i] = c
        for i, c in a.reshaped.items():
            if i not in self.new:
                self.reshaped[i] = c
        self.mentions.extend((doc_id, c.id, *r) for r, c in zip(rows, a.clusters, strict=True))

    def flush(self, raw: Raw) -> None:
        """Write everything held (COPY on PostgreSQL, executemany on SQLite)."""
        if not self:
            return
        stamp = now()
        raw.put_rows("events", ("id", *_EVENT_FIELDS, "created_at"),
                     [(i, *_event_tuple(c, stamp), stamp) for i, c in self.new.items()])
        changed = [(i, *_event_tuple(c, stamp)) for i, c in self.changed.items()]
        if raw.pg and not raw.pipelined and len(changed) >= COPY_MIN_ROWS:
            stage = raw.stage("events")
            raw.copy_rows(stage, ("id", *_EVENT_FIELDS), changed)
            raw.execute("UPDATE events e SET " + ", ".join(f"{k} = s.{k}" for k in _EVENT_FIELDS)
                        + f" FROM {stage} s WHERE e.id = s.id").close()
        else:
            raw.many(_UPDATE_EVENT, [dict(zip(("id", *_EVENT_FIELDS), r, strict=True)) for r in changed])
        raw.put_rows("mentions", MENTION_COLS, self.mentions)
        write_side_tables(raw, list(self.new.values()), fresh=True)
        write_side_tables(raw, list(self.reshaped.values()), fresh=False)
        self.new, self.changed, self.reshaped, self.mentions = {}, {}, {}, []


def write_assignment(raw: Raw, doc_id: int, events: Sequence[Any], a: Assignment, new_ids: list[int],
                     rows: Sequence[tuple[Any, ...]] | None = None, writer: EventWriter | None = None) -> None:
    """Write a document's mentions and the canonical events they founded or changed.

    ``new_ids``: reserved ids, at least one per new canonical event. ``rows``:
    the events' ``mention_values`` when already computed (then ``events`` is
    unused). With ``writer``, the rows wait there for its ``flush``.
    """
    for c, i in zip(a.new, new_ids, strict=False):
        c.id = i
    w = writer if writer is not None else EventWriter()
    w.add(doc_id, a, rows if rows is not None else [mention_values(e) for e in events])
    if writer is None:
        w.flush(raw)


def recompute(conn: sa.Connection, raw: Raw, event_ids: Iterable[int]) -> None:
    """Rebuild canonical events from their remaining mentions; drop those left with none."""
    for eid in sorted(set(event_ids)):
        rows = conn.execute(sa.select(t.mentions).where(t.mentions.c.event_id == eid)
                            .order_by(t.mentions.c.id)).all()
        for side in ("event_blocks", "event_parties", "event_persons"):
            raw.execute(f"DELETE FROM {side} WHERE event_id = :id", {"id": eid}).close()
        c = rebuild(mention_of_row(r) for r in rows)
        if c is None:
            raw.execute("DELETE FROM events WHERE id = :id", {"id": eid}).close()
            continue
        c.id = eid
        raw.execute(_UPDATE_EVENT, dict(event_values(c), id=eid)).close()
        write_side_tables(raw, [c], fresh=True)


def detach_document(conn: sa.Connection, raw: Raw, doc_id: int) -> None:
    """Remove a document's mentions and repair the canonical events they belonged to."""
    affected = [r[0] for r in raw.all("SELECT DISTINCT event_id FROM mentions WHERE doc_id = :id", {"id": doc_id})]
    raw.execute("DELETE FROM mentions WHERE doc_id = :id", {"id": doc_id}).close()
    recompute(conn, raw, affected)
