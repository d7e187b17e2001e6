"""Mentions and canonical events in the database; the clustering itself is dedup.events.

Candidates come from ``event_blocks`` (type + party + month/year), so a new
mention is compared with a handful of canonical events, not with all of them.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, cast

import sqlalchemy as sa

from bluebook.dedup.events import Assignment, Cluster, Mention, cluster_blocks, query_blocks, rebuild
from bluebook.dedup.when import parse_when
from bluebook.models import Event
from bluebook.search.fold import fold, tokens
from bluebook.store import schema as t
from bluebook.store.documents import now, storable
from bluebook.store.raw import Raw
from bluebook.store.records import dumps, loads_list

UNDATED_LO, UNDATED_HI = "9999-12-31", "0000-01-01"
_EVENT_FIELDS = ("type", "date", "date_end", "date_lo", "date_hi", "parties", "persons", "location",
                 "location_conf", "planned", "summary_en", "summary_vi", "n_mentions", "updated_at")
_UPDATE_EVENT = "UPDATE events SET " + ", ".join(f"{k} = :{k}" for k in _EVENT_FIELDS) + " WHERE id = :id"
_ON_CONFLICT = {
    "parties": "INSERT INTO event_parties (event_id, party) VALUES (:event_id, :party) ON CONFLICT DO NOTHING",
    "blocks": "INSERT INTO event_blocks (block, event_id) VALUES (:block, :event_id) ON CONFLICT DO NOTHING",
    "persons": "INSERT INTO event_persons (event_id, name, folded) VALUES (:event_id, :name, :folded) "
               "ON CONFLICT DO NOTHING",
}


def _span(v: Any) -> tuple[int, int]:
    try:
        a, b = v
        return int(a), int(b)
    except (TypeError, ValueError):
        return 0, 0


def _strs(v: Any) -> list[str]:
    return [storable(x) for x in v if x] if isinstance(v, list | tuple) else []


def mention_row(e: Any, doc_id: int, event_id: int) -> dict[str, Any]:
    """The mentions row of an Event (or of a dict with Event's keys, from an import)."""
    if not isinstance(e, Event):
        e = _as_event(e)
    s0, s1 = _span(e.sentence)
    e0, e1 = _span(e.evidence_span)
    try:
        conf = float(e.confidence or 0.0)
    except (TypeError, ValueError):
        conf = 0.0
    return {
        "doc_id": doc_id, "event_id": event_id, "event_key": storable(e.id or replace(e).compute_id()),
        "type": storable(e.type),
        "date": storable(e.date), "date_end": storable(e.date_end) or None,
        "parties": dumps(_strs(e.parties)), "persons": dumps(_strs(e.persons)),
        "persons_original": dumps(_strs(e.persons_original)), "location": storable(e.location) or None,
        "planned": bool(e.planned), "lang": storable(e.lang), "source": storable(e.source),
        "sentence_start": s0, "sentence_end": s1, "evidence_start": e0, "evidence_end": e1,
        "evidence": storable(e.evidence), "trigger_text": storable(e.trigger), "date_text": storable(e.date_text),
        "confidence": conf, "summary_en": storable(e.summary_en), "summary_vi": storable(e.summary_vi),
        "kind": storable(e.kind) or "body",
    }


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


def cluster_of_tuple(r: tuple) -> Cluster:
    """A row of raw.EVENT_COLS as a Cluster."""
    (id_, type_, date, date_end, parties, persons, location, conf, planned, s_en, s_vi, n) = r
    return Cluster(type=type_, date=date, date_end=date_end, parties=loads_list(parties),
                   persons=loads_list(persons), location=location, location_conf=float(conf or 0),
                   planned=bool(planned), summary_en=s_en, summary_vi=s_vi, n_mentions=int(n), id=int(id_))


def event_values(c: Cluster) -> dict[str, Any]:
    w = parse_when(c.date, c.date_end)
    # An unusable date sorts last and overlaps no date range.
    return {"type": c.type, "date": c.date, "date_end": c.date_end,
            "date_lo": w.lo.isoformat() if w else UNDATED_LO, "date_hi": w.hi.isoformat() if w else UNDATED_HI,
            "parties": dumps(c.parties), "persons": dumps(c.persons), "location": c.location,
            "location_conf": c.location_conf, "planned": c.planned, "summary_en": c.summary_en,
            "summary_vi": c.summary_vi, "n_mentions": c.n_mentions, "updated_at": now()}


def person_folded(name: str) -> str:
    return " " + " ".join(tokens(fold(name))) + " "


def blocks_of(c: Cluster) -> list[str]:
    return sorted(f"{c.type}|{k}" for k in cluster_blocks(c))


def write_side_tables(raw: Raw, clusters: Sequence[Cluster], fresh: bool) -> None:
    """Parties, persons and lookup blocks of these canonical events (all ids set)."""
    if not clusters:
        return
    if not fresh:
        for c in clusters:
            raw.execute("DELETE FROM event_persons WHERE event_id = :id", {"id": c.id}).close()
    raw.many(_ON_CONFLICT["parties"], [{"event_id": c.id, "party": p} for c in clusters for p in c.parties])
    raw.many(_ON_CONFLICT["persons"], [{"event_id": c.id, "name": n, "folded": person_folded(n)}
                                       for c in clusters for n in c.persons])
    raw.many(_ON_CONFLICT["blocks"], [{"block": b, "event_id": c.id} for c in clusters for b in blocks_of(c)])


def candidate_blocks(ms: Sequence[Mention]) -> list[str]:
    return sorted({f"{m.type}|{k}" for m in ms for k in query_blocks(m)})


def candidates_query(raw: Raw, blocks: list[str]) -> Any:
    """Pending result: canonical events filed under any of ``blocks`` (None for no blocks)."""
    return raw.execute(raw.named("candidates"), {"blocks": raw.array(blocks)}) if blocks else None


def candidates(pending: Any) -> list[Cluster]:
    if pending is None:
        return []
    rows = pending.fetchall()
    pending.close()
    return [cluster_of_tuple(r) for r in rows]


def write_assignment(raw: Raw, doc_id: int, events: Sequence[Any], a: Assignment, new_ids: list[int]) -> None:
    """Write a document's mentions and the canonical events they founded or changed.

    ``new_ids``: reserved ids, at least one per new canonical event.
    """
    stamp = now()
    for c, i in zip(a.new, new_ids, strict=False):
        c.id = i
    raw.insert_many("events", [dict(event_values(c), id=c.id, created_at=stamp) for c in a.new])
    raw.many(_UPDATE_EVENT, [dict(event_values(c), id=c.id) for c in a.changed.values()])
    raw.insert_many("mentions", [mention_row(e, doc_id, cast(int, c.id))
                                 for e, c in zip(events, a.clusters, strict=True)])
    write_side_tables(raw, a.new, fresh=True)
    write_side_tables(raw, list(a.reshaped.values()), fresh=False)


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
