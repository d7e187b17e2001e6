"""Writing events and mentions as JSONL, JSON, CSV or a terminal table (shared by the CLI and the demo)."""
from __future__ import annotations

import csv
import json
from typing import TextIO

from bluebook.models import Document, Event, Mention

CSV_FIELDS = ["id", "type", "date", "date_end", "parties", "persons", "location", "planned", "evidence",
              "source", "lang", "trigger", "date_text", "confidence", "summary_en", "summary_vi"]


def write_events(events: list[Event], fmt: str, out: TextIO, explain: bool = False) -> None:
    if fmt == "jsonl":
        for ev in events:
            out.write(json.dumps(ev.to_dict(explain), ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump([ev.to_dict(explain) for ev in events], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_FIELDS + (["explain"] if explain else []), extrasaction="ignore")
        w.writeheader()
        for ev in events:
            d = ev.to_dict(explain)
            d["parties"] = ";".join(ev.parties)
            d["persons"] = ";".join(ev.persons)
            if explain:
                d["explain"] = json.dumps(ev.explain, ensure_ascii=False)
            w.writerow(d)
    elif fmt == "table":
        _table_events(events, out, explain)
    else:
        raise ValueError(f"unknown format {fmt!r}: use jsonl, json, csv or table")


def _table_events(events: list[Event], out: TextIO, explain: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(show_lines=explain)
    for col in ("date", "type", "parties", "persons", "summary", "evidence"):
        t.add_column(col, overflow="fold")
    for ev in events:
        date = ev.date + (f"…{ev.date_end}" if ev.date_end else "") + (" (planned)" if ev.planned else "")
        ev_text = ev.evidence if len(ev.evidence) < 160 else ev.evidence[:157] + "…"
        if explain:
            ev_text += f"\n[trigger: {ev.trigger!r}; date: {ev.date_text!r} from {ev.explain.get('date_origin')}]"
        t.add_row(date, ev.type, " ".join(ev.parties), ", ".join(ev.persons),
                  ev.summary_en if ev.lang == "en" else ev.summary_vi, ev_text)
    Console(file=out, width=max(120, 160)).print(t)


def write_mentions(doc: Document, mentions: list[Mention], fmt: str, out: TextIO) -> None:
    rows = [{"text": m.text, "id": m.id or m.name, "kind": m.kind, "state": m.state, "resolved": m.resolved,
             "start": doc.to_original(m.start), "end": doc.to_original(m.end)} for m in mentions]
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    t = Table()
    for col in ("text", "id", "kind", "state", "resolved", "start", "end"):
        t.add_column(col)
    for r in rows:
        t.add_row(*(str(r[c]) for c in ("text", "id", "kind", "state", "resolved", "start", "end")))
    Console(file=out, width=140).print(t)


def write_canonical(events: list, fmt: str, out: TextIO) -> None:  # type: ignore[type-arg]
    """Canonical events from the store (``store.records.CanonicalEvent``)."""
    from dataclasses import asdict

    if fmt == "jsonl":
        for e in events:
            out.write(json.dumps(asdict(e), ensure_ascii=False, default=str) + "\n")
        return
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(["id", "type", "date", "date_end", "parties", "persons", "planned", "sources", "summary_en"])
        for e in events:
            w.writerow([e.id, e.type, e.date, e.date_end or "", ";".join(e.parties), ";".join(e.persons),
                        e.planned, e.n_sources, e.summary_en])
        return
    from rich.console import Console
    from rich.table import Table

    t = Table()
    for col in ("date", "type", "parties", "persons", "sources", "summary"):
        t.add_column(col, overflow="fold")
    for e in events:
        t.add_row(e.date + (f"…{e.date_end}" if e.date_end else ""), e.type, " ".join(e.parties),
                  ", ".join(e.persons), str(e.n_sources), e.summary_en)
    Console(file=out, width=150).print(t)
