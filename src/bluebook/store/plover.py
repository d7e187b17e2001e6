"""Canonical events as PLOVER records (JSON field names of the PLOVER manual, POLECAT-style actors).

The type mapping, and the reason for each choice, is data: ``data/plover.tsv``.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Any

from bluebook.dedup.when import DAY, parse_when
from bluebook.errors import DataFileError
from bluebook.store.records import CanonicalEvent

# Quad categories (PLOVER README; REQUEST, from POLECAT, sits where CAMEO put APPEAL)
# and "Schrodt scores" (PLOVER manual 0.7b1, numeric conflict-cooperation table).
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "REQUEST": 1,
        "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "ACCUSE": 3, "DEMAND": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
        "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
SCALE = {"ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2,
         "THREATEN": -5.1, "DEMAND": -5.0, "REJECT": -4.2, "ACCUSE": -2.0, "CONSULT": 2.1, "AGREE": 4.2,
         "SUPPORT": 4.6, "CONCEDE": 5.0, "COOPERATE": 6.8, "AID": 7.4, "RETREAT": 7.6}
REQUIRED = ("bluebook_type", "plover_event", "plover_mode", "note", "source")


@lru_cache(maxsize=1)
def mapping() -> dict[str, tuple[str, str]]:
    """bluebook type (or 'type:planned') -> (PLOVER event, mode)."""
    path = "data/plover.tsv"
    try:
        text = resources.files("bluebook").joinpath(path).read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(f"cannot read the PLOVER mapping: {e}", source=path, hint="reinstall bluebook") from e
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    if not rows or any(k not in rows[0] for k in REQUIRED):
        raise DataFileError("header must be " + "\t".join(REQUIRED), source=path)
    out = {}
    for i, r in enumerate(rows, 2):
        if not r["bluebook_type"] or not r["plover_event"] or not r["source"]:
            raise DataFileError(f"line {i}: type, event and source are required", source=path)
        out[r["bluebook_type"].strip()] = (r["plover_event"].strip(), (r["plover_mode"] or "").strip())
    return out


def actors(parties: list[str]) -> list[str]:
    """Viet Nam first when present, the rest in order."""
    return (["VNM"] if "VNM" in parties else []) + [p for p in parties if p != "VNM"]


def to_plover(e: CanonicalEvent) -> dict[str, Any]:
    m = mapping()
    event, mode = m.get(f"{e.type}:planned" if e.planned else e.type) or m.get(e.type) or ("", "")
    w = parse_when(e.date, e.date_end)
    who = actors(e.parties)
    return {
        "id": f"bluebook-{e.id}",
        "date": w.lo.isoformat() if w else e.date,
        "enddate": w.hi.isoformat() if w and (w.hi != w.lo) else None,
        "date_precision": {1: "year", 2: "month", DAY: "day"}.get(w.precision if w else 0, "unknown"),
        "event": [event] if event else [],
        "mode": [mode] if mode else [],
        "context": ["future"] if e.planned else [],
        "quad_code": QUAD.get(event),
        "event_scale": SCALE.get(event),
        "actor1": who[0] if who else None,
        "actor2": who[1] if len(who) > 1 else None,
        "source": [{"code": who[0]}] if who else [],
        "recipient": [{"code": c} for c in who[1:]],
        "event_loc": {"name": e.location} if e.location else None,
        "event_text": [x.evidence for x in e.mentions],
        "cite_info": [{"url": x.doc_url, "title": x.doc_title, "language": x.lang, "citation": x.doc_source,
                       "date": x.doc_date} for x in e.mentions],
        "coder": "bluebook",
        "bluebook": {"id": e.id, "type": e.type, "date": e.date, "date_end": e.date_end,
                     "persons": e.persons, "n_sources": e.n_sources},
    }
