"""Comparing ISO partial dates of different precision, for deduplication.

"2020-11" and "2020-11-22" may name the same event; "2020-11-22" and
"2020-11-24" too when a report is two days late. Each partial date stands for
the interval of days it covers; two dates are compatible when their intervals
come within ``window_days`` of each other.
"""
from __future__ import annotations

from datetime import date

from bluebook.dates.resolver import last_day, parse_iso_partial


def precision(iso: str) -> str:
    """'year', 'month' or 'day'; raises BadDateError for anything that is not an ISO partial date."""
    _, month, day = parse_iso_partial(iso)
    if month is None:
        return "year"
    return "month" if day is None else "day"


def interval(iso: str, iso_end: str | None = None) -> tuple[date, date]:
    """First and last day covered by a partial date, or by a span from ``iso`` to ``iso_end``."""
    y, m, d = parse_iso_partial(iso)
    first = date(y, m or 1, d or 1)
    y2, m2, d2 = parse_iso_partial(iso_end) if iso_end else (y, m, d)
    last_month = m2 or 12
    last = date(y2, last_month, d2 or last_day(y2, last_month))
    return (first, last) if first <= last else (last, first)


def compatible(a: str | tuple[str, str | None], b: str | tuple[str, str | None],
               window_days: int = 0) -> bool:
    """Could ``a`` and ``b`` name the same day? Each is an ISO partial date or a (date, date_end) pair.

    True when the days they cover overlap or lie at most ``window_days`` apart:
    compatible("2020-11", "2020-11-22") and compatible("2020-11-22", "2020-11-24", 2).
    """
    a1, a2 = interval(*a) if isinstance(a, tuple) else interval(a)
    b1, b2 = interval(*b) if isinstance(b, tuple) else interval(b)
    gap = max((b1 - a2).days, (a1 - b2).days, 0)
    return gap <= max(window_days, 0)
