"""Reading canonical events, their mentions and documents back out."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa

from bluebook.dedup.when import date_bounds
from bluebook.search.fold import fold, tokens
from bluebook.search.sqlrun import rows_by_ids
from bluebook.store import schema as t
from bluebook.store.records import CanonicalEvent, MentionRecord, StoredDocument, loads_list

_M, _D, _E = t.mentions, t.documents, t.events
# First day the date can mean, then the coarser date first ('2023' < '2023-01' < '2023-01-01'): the
# events_date index. Undated events carry a far-future first day and come last.
CHRONOLOGICAL = (_E.c.date_lo, _E.c.date, _E.c.id)


def _mention(r: Any) -> MentionRecord:
    return MentionRecord(
        id=r.id, doc_id=r.doc_id, event_id=r.event_id, key=r.event_key, type=r.type, date=r.date,
        date_end=r.date_end, parties=loads_list(r.parties), persons=loads_list(r.persons),
        persons_original=loads_list(r.persons_original), location=r.location, planned=bool(r.planned),
        lang=r.lang, source=r.source, evidence=r.evidence, evidence_span=(r.evidence_start, r.evidence_end),
        sentence=(r.sentence_start, r.sentence_end), trigger=r.trigger_text, date_text=r.date_text,
        confidence=float(r.confidence), summary_en=r.summary_en, summary_vi=r.summary_vi, kind=r.kind,
        doc_source=r.doc_source, doc_url=r.doc_url, doc_title=r.doc_title, doc_date=r.doc_date,
        doc_hash=r.doc_hash, doc_lang=r.doc_lang, duplicate_of=r.duplicate_of)


def mentions_where(conn: sa.Connection, cond: Any) -> list[MentionRecord]:
    q = (sa.select(_M, _D.c.source.label("doc_source"), _D.c.url.label("doc_url"),
                   _D.c.title.label("doc_title"), _D.c.doc_date, _D.c.content_hash.label("doc_hash"),
                   _D.c.lang.label("doc_lang"), _D.c.duplicate_of)
         .join(_D, _D.c.id == _M.c.doc_id).where(cond).order_by(_M.c.event_id, _M.c.id))
    return [_mention(r) for r in conn.execute(q)]


# -- pages of events: fixed SQL on the driver connection -----------------------------------------
# Building, compiling and wrapping rows of SQLAlchemy statements cost four times the statements
# themselves for a page of 50 events (2.5 ms of 3.2 ms): the page's two reads are fixed text, run
# on the driver connection inside SQLAlchemy's transaction (search/sqlrun.rows_by_ids: on SQLite the
# ids are written into the text, on PostgreSQL they are one array parameter of a prepared statement).
_EVENT_COLS = ("id", "type", "date", "date_end", "parties", "persons", "location", "planned", "summary_en",
               "summary_vi", "n_mentions")
_EVENTS_SQL = "SELECT " + ", ".join(_EVENT_COLS) + " FROM events WHERE id IN ({ids})"
_MENTIONS_SQL = (
    "SELECT m.id, m.doc_id, m.event_id, m.event_key, m.type, m.date, m.date_end, m.parties, m.persons, "
    "m.persons_original, m.location, m.planned, m.lang, m.source, m.evidence, m.evidence_start, m.evidence_end, "
    "m.sentence_start, m.sentence_end, m.trigger_text, m.date_text, m.confidence, m.summary_en, m.summary_vi, "
    "m.kind, d.source, d.url, d.title, d.doc_date, d.content_hash, d.lang, d.duplicate_of "
    "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id IN ({ids}) ORDER BY m.event_id, m.id")
_IN_CHUNK = 500     # ids per IN list: within every backend's limits


def _mention_row(r: tuple[Any, ...]) -> MentionRecord:
    return MentionRecord(
        id=r[0], doc_id=r[1], event_id=r[2], key=r[3], type=r[4], date=r[5], date_end=r[6],
        parties=loads_list(r[7]), persons=loads_list(r[8]), persons_original=loads_list(r[9]), location=r[10],
        planned=bool(r[11]), lang=r[12], source=r[13], evidence=r[14], evidence_span=(r[15], r[16]),
        sentence=(r[17], r[18]), trigger=r[19], date_text=r[20], confidence=float(r[21]), summary_en=r[22],
        summary_vi=r[23], kind=r[24], doc_source=r[25], doc_url=r[26], doc_title=r[27], doc_date=r[28],
        doc_hash=r[29], doc_lang=r[30], duplicate_of=r[31])


def mentions_of_events(conn: sa.Connection, ids: Sequence[int]) -> dict[int, list[MentionRecord]]:
    """The mentions of these events (with their documents), by event, each list in mention id order."""
    by_event: dict[int, list[MentionRecord]] = {}
    for i in range(0, len(ids), _IN_CHUNK):
        part = ids[i:i + _IN_CHUNK]
        if part:
            for r in rows_by_ids(conn, _MENTIONS_SQL, part):
                by_event.setdefault(r[2], []).append(_mention_row(r))
    return by_event


def _canonical(r: Any, ms: list[MentionRecord]) -> CanonicalEvent:
    """``r``: id, type, date, date_end, parties, persons, location, planned, summary_en, summary_vi,
    n_mentions (a tuple in that order or a row)."""
    sources = {m.duplicate_of or m.doc_id for m in ms}
    return CanonicalEvent(id=r[0], type=r[1], date=r[2], date_end=r[3], parties=loads_list(r[4]),
                          persons=loads_list(r[5]), location=r[6], planned=bool(r[7]), summary_en=r[8],
                          summary_vi=r[9], n_mentions=len(ms) or int(r[10]), n_sources=len(sources),
                          langs=sorted({m.lang for m in ms if m.lang}), mentions=ms)


def with_mentions(conn: sa.Connection, rows: Sequence[Any]) -> list[CanonicalEvent]:
    """Canonical events of rows of the events table (rows with those columns by name)."""
    by_event = mentions_of_events(conn, [r.id for r in rows])
    return [_canonical(tuple(getattr(r, c) for c in _EVENT_COLS), by_event.get(r.id, [])) for r in rows]


def event_ids(conn: sa.Connection) -> list[int]:
    """Every canonical event id, chronologically."""
    return [int(i) for i in conn.execute(sa.select(_E.c.id).order_by(*CHRONOLOGICAL)).scalars()]


def events_by_ids(conn: sa.Connection, ids: Sequence[int]) -> list[CanonicalEvent]:
    """These canonical events, in the order given (unknown ids left out), each with its mentions."""
    ids = [int(i) for i in ids]
    rows: dict[int, tuple[Any, ...]] = {}
    for i in range(0, len(ids), _IN_CHUNK):
        part = ids[i:i + _IN_CHUNK]
        if part:
            rows.update((int(r[0]), r) for r in rows_by_ids(conn, _EVENTS_SQL, part))
    by_event = mentions_of_events(conn, [i for i in ids if i in rows])
    return [_canonical(rows[i], by_event.get(i, [])) for i in ids if i in rows]


# -- the same events as plain dicts, for JSON answers ------------------------------------------------
# The keys and values of CanonicalEvent.to_dict() (mentions as MentionRecord.to_dict()), made from the
# rows directly: for a page of 50 events, the records and their conversion to dicts cost more than the
# two reads.
_MENTION_KEYS = ("id", "doc_id", "event_id", "key", "type", "date", "date_end", "parties", "persons",
                 "persons_original", "location", "planned", "lang", "source", "evidence", "evidence_span",
                 "sentence", "trigger", "date_text", "confidence", "summary_en", "summary_vi", "kind",
                 "doc_source", "doc_url", "doc_title", "doc_date", "doc_hash", "doc_lang", "duplicate_of")
# What n_mentions, n_sources and langs need when the mentions themselves are not wanted.
_MENTION_BRIEF_SQL = ("SELECT m.event_id, m.doc_id, m.lang, d.duplicate_of FROM mentions m "
                      "JOIN documents d ON d.id = m.doc_id WHERE m.event_id IN ({ids})")


def _list(s: str | None) -> list[str]:
    """records.loads_list, with orjson."""
    if not s:
        return []
    try:
        v = orjson.loads(s)
    except orjson.JSONDecodeError:
        return []
    return [x if type(x) is str else str(x) for x in v] if isinstance(v, list) else []


def _mention_dict(r: tuple[Any, ...]) -> dict[str, Any]:
    return {"id": r[0], "doc_id": r[1], "event_id": r[2], "key": r[3], "type": r[4], "date": r[5],
            "date_end": r[6], "parties": _list(r[7]), "persons": _list(r[8]), "persons_original": _list(r[9]),
            "location": r[10], "planned": bool(r[11]), "lang": r[12], "source": r[13], "evidence": r[14],
            "evidence_span": [r[15], r[16]], "sentence": [r[17], r[18]], "trigger": r[19], "date_text": r[20],
            "confidence": float(r[21]), "summary_en": r[22], "summary_vi": r[23], "kind": r[24],
            "doc_source": r[25], "doc_url": r[26], "doc_title": r[27], "doc_date": r[28], "doc_hash": r[29],
            "doc_lang": r[30], "duplicate_of": r[31]}


def event_dicts(conn: sa.Connection, ids: Sequence[int], mentions: bool = True) -> list[dict[str, Any]]:
    """``events_by_ids(conn, ids)`` as ``to_dict()`` gives them (without the mentions unless ``mentions``)."""
    ids = [int(i) for i in ids]
    rows: dict[int, tuple[Any, ...]] = {}
    by_event: dict[int, list[tuple[Any, ...]]] = {}
    for i in range(0, len(ids), _IN_CHUNK):
        part = ids[i:i + _IN_CHUNK]
        if not part:
            continue
        rows.update((int(r[0]), r) for r in rows_by_ids(conn, _EVENTS_SQL, part))
        # full rows: (id, doc_id, event_id, ..., lang at 12, ..., duplicate_of at 31); brief: (event_id, doc_id,
        # lang, duplicate_of)
        for r in rows_by_ids(conn, _MENTIONS_SQL if mentions else _MENTION_BRIEF_SQL, part):
            by_event.setdefault(r[2] if mentions else r[0], []).append(r)
    out = []
    for i in ids:
        r = rows.get(i)
        if r is None:
            continue
        ms = by_event.get(i, [])          # in mention id order (the SQL's)
        if mentions:
            sources = {m[31] or m[1] for m in ms}
            langs = sorted({m[12] for m in ms if m[12]})
        else:
            sources = {m[3] or m[1] for m in ms}
            langs = sorted({m[2] for m in ms if m[2]})
        d = {"id": r[0], "type": r[1], "date": r[2], "date_end": r[3], "parties": _list(r[4]),
             "persons": _list(r[5]), "location": r[6], "planned": bool(r[7]), "summary_en": r[8],
             "summary_vi": r[9], "n_mentions": len(ms) or int(r[10]), "n_sources": len(sources), "langs": langs}
        if mentions:
            d["mentions"] = [_mention_dict(m) for m in ms]
        out.append(d)
    return out


HOME = "VNM"
# Kept by migration 0002's triggers: a partner's events with their ordering columns (VNM left out),
# and the longest span of any dated event.
_PE = sa.table("party_events", sa.column("event_id", sa.Integer), sa.column("party", sa.String),
               sa.column("date_lo", sa.String), sa.column("date", sa.String), sa.column("type", sa.String),
               sa.column("date_hi", sa.String), sa.column("planned", sa.Boolean))
_META = sa.table("read_meta", sa.column("key", sa.String), sa.column("value", sa.Integer))


def max_span_days(conn: sa.Connection) -> int:
    """The longest span in days (date_hi - date_lo) of any dated event; only ever grows."""
    v = conn.execute(sa.select(_META.c.value).where(_META.c.key == "max_span_days")).scalar()
    return max(0, int(v or 0))


def _overlap_floor(conn: sa.Connection, lo: str) -> str:
    """Smallest date_lo an event overlapping [lo, ...] can have: turns "date_hi >= lo" into an index range."""
    try:
        floor = date.fromisoformat(lo) - timedelta(days=max_span_days(conn))
    except OverflowError:
        floor = date.min
    return floor.isoformat()


def _select(conn: sa.Connection, type: str | None, party: str | None, person: str | None, date_from: str | None,
            date_to: str | None, planned: bool | None, lang: str | None,
            min_lo: str | None = None) -> tuple[sa.Select, Any, Any]:
    """(select of id, date_lo, date, type of the matching events, the table read, its id column).

    A partner filter reads party_events, whose index is in date order per partner: a deep page of a
    partner's events then costs an index range, not a walk through everyone's events. ``min_lo``:
    no event before this first day is wanted (a keyset page's cursor).
    """
    code = (party or "").strip().upper()
    src: Any = _PE if code and code != HOME else _E
    idc = src.c.event_id if src is _PE else src.c.id
    q = sa.select(idc.label("id"), src.c.date_lo, src.c.date, src.c.type)
    if src is _PE:
        q = q.where(_PE.c.party == code)
    elif code:
        q = q.where(sa.exists().where(t.event_parties.c.event_id == idc, t.event_parties.c.party == code))
    if type:
        q = q.where(src.c.type == type)
    for tok in tokens(fold(person or "")):
        q = q.where(sa.exists().where(t.event_persons.c.event_id == idc,
                                      t.event_persons.c.folded.like(f"% {tok} %")))
    lo = date_bounds(date_from, "date_from")
    hi = date_bounds(date_to, "date_to")
    if lo:
        # one lower bound for the index range: SQLite starts a range at one of two bounds on a column
        floor = _overlap_floor(conn, lo[0])
        q = q.where(src.c.date_hi >= lo[0], src.c.date_lo >= max(floor, min_lo or floor))
    if hi:
        q = q.where(src.c.date_lo <= hi[1])
    if planned is not None:
        # a literal true, not a parameter: lets the planner use the partial index of planned events
        q = q.where(src.c.planned == (sa.true() if planned else sa.false()))
    if lang:
        q = q.where(sa.exists().where(_M.c.event_id == idc, _M.c.lang == lang))
    return q, src, idc


def matching(conn: sa.Connection, type: str | None = None, party: str | None = None, person: str | None = None,
             date_from: str | None = None, date_to: str | None = None, planned: bool | None = None,
             lang: str | None = None) -> sa.Subquery:
    """The events ``events`` would list, unordered, as a subquery (id, date_lo, date, type): for counts."""
    return _select(conn, type, party, person, date_from, date_to, planned, lang)[0].subquery("matching")


def _page_query(conn: sa.Connection, type: str | None, party: str | None, person: str | None,
                date_from: str | None, date_to: str | None, planned: bool | None, lang: str | None,
                after: int | None) -> sa.Select | None:
    """The matching events in chronological order; None when event ``after`` is unknown."""
    key = None
    if after is not None:
        key = conn.execute(sa.select(_E.c.date_lo, _E.c.date).where(_E.c.id == int(after))).first()
        if key is None:
            return None
    q, src, idc = _select(conn, type, party, person, date_from, date_to, planned, lang,
                          key.date_lo if key is not None else None)
    if key is not None:
        q = q.where(sa.tuple_(src.c.date_lo, src.c.date, idc) > sa.tuple_(sa.literal(key.date_lo),
                                                                          sa.literal(key.date),
                                                                          sa.literal(int(after))))
    return q.order_by(src.c.date_lo, src.c.date, idc)


def event_ids_page(conn: sa.Connection, type: str | None = None, party: str | None = None,
                   person: str | None = None, date_from: str | None = None, date_to: str | None = None,
                   planned: bool | None = None, lang: str | None = None, limit: int | None = None,
                   offset: int = 0, after: int | None = None) -> list[int] | None:
    """Ids of matching canonical events in date order: ``offset`` rows skipped, or (keyset) those
    after event ``after`` in that order. None when event ``after`` does not exist (any more)."""
    q = _page_query(conn, type, party, person, date_from, date_to, planned, lang, after)
    if q is None:
        return None
    q = q.offset(max(0, int(offset)))
    if limit is not None:
        q = q.limit(max(0, int(limit)))
    return [int(r.id) for r in conn.execute(q)]


def events(conn: sa.Connection, type: str | None = None, party: str | None = None, person: str | None = None,
           date_from: str | None = None, date_to: str | None = None, planned: bool | None = None,
           lang: str | None = None, limit: int | None = None, offset: int = 0,
           after: int | None = None) -> list[CanonicalEvent]:
    """Canonical events in date order (see event_ids_page), each with its mentions."""
    ids = event_ids_page(conn, type, party, person, date_from, date_to, planned, lang, limit, offset, after) or []
    out: list[CanonicalEvent] = []
    for i in range(0, len(ids), 500):    # IN lists within every backend's parameter limit
        out += events_by_ids(conn, ids[i:i + 500])
    return out


def event(conn: sa.Connection, event_id: int) -> CanonicalEvent | None:
    found = events_by_ids(conn, [int(event_id)])
    return found[0] if found else None


def partners(conn: sa.Connection) -> dict[str, int]:
    """Canonical events per party other than Viet Nam, most first (from party_events' partner index)."""
    n = sa.func.count().label("n")
    rows = conn.execute(sa.select(_PE.c.party, n).group_by(_PE.c.party).order_by(n.desc(), _PE.c.party)).all()
    return {r.party: int(r.n) for r in rows}


def document(conn: sa.Connection, doc_id: int) -> StoredDocument | None:
    r = conn.execute(sa.select(_D, t.doc_texts.c.text, t.doc_texts.c.original, t.doc_texts.c.meta)
                     .join(t.doc_texts, t.doc_texts.c.doc_id == _D.c.id).where(_D.c.id == int(doc_id))).first()
    if r is None:
        return None
    try:
        meta = json.loads(r.meta)
    except ValueError:
        meta = {}
    return StoredDocument(id=r.id, source=r.source, url=r.url, title=r.title, doc_date=r.doc_date,
                          lang=r.lang, encoding=r.encoding, text=r.text,
                          original=r.original if r.original is not None else r.text,
                          meta=meta if isinstance(meta, dict) else {}, content_hash=r.content_hash,
                          duplicate_of=r.duplicate_of, similarity=r.similarity,
                          expected_events=r.expected_events, added_at=r.added_at, updated_at=r.updated_at,
                          mentions=mentions_where(conn, _M.c.doc_id == r.id))
