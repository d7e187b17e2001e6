"""Shared helpers for the dates tests."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from bluebook.dates import find_dates

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

Found = list[tuple[str, str, str | None]]


def found(text: str, ref: str | date | None, lang: str = "vi") -> Found:
    """(text, date, date_end) of every expression, after checking the offsets agree with the text."""
    if isinstance(ref, str):
        ref = date.fromisoformat(ref)
    out = find_dates(text, ref, lang)
    for e in out:
        assert text[e.start:e.end] == e.text
    return [(e.text, e.date, e.date_end) for e in out]


def one(text: str, ref: str | date | None, lang: str = "vi") -> tuple[str, str | None]:
    """(date, date_end) of the single expression expected in ``text``."""
    got = found(text, ref, lang)
    assert len(got) == 1, got
    return got[0][1], got[0][2]
