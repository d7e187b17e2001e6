"""ISO partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as day intervals with a precision."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from bluebook.errors import BadDateError

YEAR, MONTH, DAY = 1, 2, 3
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@dataclass(frozen=True, slots=True)
class When:
    lo: date
    hi: date
    precision: int          # YEAR, MONTH or DAY: the coarser of date and date_end

    def overlaps(self, other: When, slack_days: int = 0) -> bool:
        if not slack_days:
            return self.lo <= other.hi and other.lo <= self.hi
        slack = timedelta(days=slack_days)
        return self.lo - slack <= other.hi and other.lo - slack <= self.hi


# Bounded well below what a long ingest meets (days x spans): each entry holds dates (~200 bytes).
@lru_cache(maxsize=16384)
def parse_one(s: str | None) -> tuple[date, date, int] | None:
    """'2020-05' -> (2020-05-01, 2020-05-31, MONTH); None when not an ISO partial date."""
    if not s:
        return None
    m = _ISO.match(str(s))
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d, DAY
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), MONTH
        return date(y, 1, 1), date(y, 12, 31), YEAR
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def parse_when(d: str | None, end: str | None = None) -> When | None:
    first = parse_one(d)
    if first is None:
        return None
    lo, hi, prec = first
    last = parse_one(end)
    if last is not None and last[1] >= lo:
        hi, prec = last[1], min(prec, last[2])
    return When(lo, hi, prec)


def precision_of(d: str | None) -> int:
    p = parse_one(d)
    return p[2] if p else 0


def months(lo: date, hi: date, cap: int = 36) -> list[str]:
    """'YYYY-MM' of every month from lo to hi (at most ``cap``)."""
    return list(_months(lo.year, lo.month, hi.year, hi.month, cap))


@lru_cache(maxsize=16384)
def _months(y: int, m: int, hy: int, hm: int, cap: int) -> tuple[str, ...]:
    out: list[str] = []
    while (y, m) <= (hy, hm) and len(out) < cap:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def date_bounds(value: str | None, what: str = "date") -> tuple[str, str] | None:
    """'2023-05' -> ('2023-05-01', '2023-05-31'); None for no value; BadDateError for a non-date."""
    if value is None or value == "":
        return None
    w = parse_when(str(value))
    if w is None:
        raise BadDateError(f"{what} {value!r} is not a date", hint="use YYYY, YYYY-MM or YYYY-MM-DD")
    return w.lo.isoformat(), w.hi.isoformat()
