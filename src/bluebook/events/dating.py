"""Which date an event takes: the sentence's, else the paragraph's, else the story's, else the document's."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bluebook.models import DateExpr

_LIST_GAP = re.compile(r"^\s*(?:,|và|and|, and|;)?\s*$", re.IGNORECASE)


@dataclass(slots=True)
class DateChoice:
    date: str
    date_end: str | None = None
    text: str = ""
    origin: str = "document"        # sentence | paragraph | story | document
    exprs: list[DateExpr] = field(default_factory=list)


def groups(dates: list[DateExpr], text: str, base: int = 0) -> list[list[DateExpr]]:
    """Dates joined into lists: "(March, May and August 2020)" is one group of three."""
    if len(dates) == 1:
        return [[dates[0]]]
    out: list[list[DateExpr]] = []
    for d in sorted(dates, key=_start):
        if out and _LIST_GAP.match(text[out[-1][-1].end - base:d.start - base]) and not out[-1][-1].date_end:
            out[-1].append(d)
        else:
            out.append([d])
    return out


def _start(d: DateExpr) -> int:
    return d.start


def nearest_group(gs: list[list[DateExpr]], start: int, end: int) -> list[DateExpr] | None:
    best, best_d = None, None
    for g in gs:
        s, e = g[0].start, g[-1].end
        dist = start - e if e <= start else s - end if s >= end else 0
        # a date after the trigger is a little less likely to be the event's in news style
        dist = dist if e <= start else dist * 1.2
        if best_d is None or dist < best_d:
            best, best_d = g, dist
    return best


def from_exprs(g: list[DateExpr], origin: str) -> DateChoice:
    first = g[0]
    text = first.text if len(g) == 1 else " ".join([d.text for d in g])
    return DateChoice(first.date, first.date_end, text, origin, list(g))


def fallback(doc_date: date | None, yearly: bool) -> DateChoice:
    if doc_date is None:
        return DateChoice("", None, "", "document")
    iso = doc_date.isoformat()
    return DateChoice(iso[:4] if yearly else iso[:7], None, "", "document")


def is_future(choice: DateChoice, doc_date: date | None) -> bool:
    if doc_date is None or not choice.date:
        return False
    ref = doc_date.isoformat()[: len(choice.date)]
    return choice.date > ref
