"""Calendar arithmetic behind date resolution: no regexes, no language.

Every function takes plain numbers and the document date and returns plain
dates, so the rules in ``rules_vi``/``rules_en`` stay declarative. Ambiguous
expressions ("28/12" without a year, "tháng 10", "on Tuesday") are resolved
to the reading nearest to the document date: news mostly reports what just
happened or is about to happen.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

from bluebook.errors import BadDateError

Partial = tuple[int, int | None, int | None]

# The resolvers are pure and asked the same questions over and over (a story repeats its dates, a
# feed shares its document dates): they remember their answers. Errors are not remembered.
_CACHED = 8192


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """ISO partial date; raises ValueError when the parts are not a real date."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range")
    if day is None:
        return f"{year:04d}-{month:02d}"
    date(year, month, day)  # raises ValueError on 31/2, 30/2, ...
    return f"{year:04d}-{month:02d}-{day:02d}"


def iso_date(d: date) -> str:
    return d.isoformat()


def parse_iso_partial(s: str) -> Partial:
    """``"2020"`` -> (2020, None, None); ``"2020-11"`` -> (2020, 11, None); full dates -> all three.

    Raises BadDateError for anything else, including impossible days.
    """
    parts = s.split("-") if isinstance(s, str) else []
    ok = (1 <= len(parts) <= 3 and len(parts[0]) == 4
          and all(p.isascii() and p.isdigit() for p in parts)
          and all(len(p) == 2 for p in parts[1:]))
    if ok:
        nums = [int(p) for p in parts]
        try:
            iso(*nums)
        except ValueError:
            ok = False
    if not ok:
        raise BadDateError(f"not an ISO partial date: {s!r}",
                           hint="use YYYY, YYYY-MM or YYYY-MM-DD")
    year = nums[0]
    month = nums[1] if len(nums) > 1 else None
    day = nums[2] if len(nums) > 2 else None
    return year, month, day


def _need_ref(ref: date | None) -> date:
    if ref is None:
        raise BadDateError("this expression needs the document date",
                           hint="pass the document's date as ref")
    return ref


@lru_cache(maxsize=_CACHED)
def resolve_day_month(day: int, month: int, ref: date | None) -> date:
    """The date with this day and month nearest to ``ref`` (previous, same or next year).

    A digest dated 2 January speaking of "28/12" means the previous year; one
    dated 28 December speaking of "3/1" the next. Ties go to the past.
    """
    ref = _need_ref(ref)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise BadDateError(f"no such day: {day}/{month}", hint="day 1-31, month 1-12")
    best: date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    if best is None:
        raise BadDateError(f"no such day near {ref.isoformat()}: {day}/{month}",
                           hint="check the day and month")
    return best


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def resolve_month(month: int, ref: date | None, direction: int = 0) -> int:
    """Year of the month ``month`` nearest to ``ref``.

    direction -1: the latest such month on or before ref's month ("tháng 10 vừa qua");
    +1: the first one after it ("tháng 10 tới", "next March"); 0: nearest, ties to the past.
    """
    ref = _need_ref(ref)
    if not 1 <= month <= 12:
        raise BadDateError(f"no such month: {month}", hint="month 1-12")
    here = ref.year * 12 + ref.month - 1
    if direction < 0:
        return ref.year if month <= ref.month else ref.year - 1
    if direction > 0:
        return ref.year if month > ref.month else ref.year + 1
    best = min((ref.year - 1, ref.year, ref.year + 1),
               key=lambda y: (abs(y * 12 + month - 1 - here), y))
    return best


@lru_cache(maxsize=_CACHED)
def resolve_day(day: int, ref: date | None) -> date:
    """"ngày 22" with no month: the 22nd of the month nearest to ref."""
    ref = _need_ref(ref)
    best: date | None = None
    for k in (-1, 0, 1):
        y, m = shift_month(ref.year, ref.month, k)
        try:
            cand = date(y, m, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    if best is None:
        raise BadDateError(f"no such day near {ref.isoformat()}: {day}", hint="day 1-31")
    return best


def shift_day(ref: date | None, k: int) -> date:
    return _need_ref(ref) + timedelta(days=k)


def week_span(ref: date | None, k: int = 0) -> tuple[date, date]:
    """Monday..Sunday of the week ``k`` weeks from ref's week."""
    ref = _need_ref(ref)
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=k)
    return monday, monday + timedelta(days=6)


def weekday_date(ref: date | None, weekday: int, mode: str = "past") -> date:
    """A weekday (0 = Monday) relative to ref.

    mode ``past``: latest on or before ref ("on Tuesday"); ``before``: strictly
    before ("last Tuesday"); ``after``: strictly after ("next Tuesday", "thứ Hai
    tới"); ``weekN``: that weekday in the week N weeks from ref's ("thứ Hai tuần trước").
    """
    ref = _need_ref(ref)
    back = (ref.weekday() - weekday) % 7
    if mode == "past":
        return ref - timedelta(days=back)
    if mode == "before":
        return ref - timedelta(days=back or 7)
    if mode == "after":
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if mode.startswith("week"):
        monday, _ = week_span(ref, int(mode[4:]))
        return monday + timedelta(days=weekday)
    raise ValueError(f"unknown weekday mode {mode!r}")


def quarter_months(q: int) -> tuple[int, int]:
    if not 1 <= q <= 4:
        raise BadDateError(f"no such quarter: {q}", hint="quarter 1-4")
    return 3 * q - 2, 3 * q


def month_span(year: int, first: int, last: int) -> tuple[str, str]:
    return iso(year, first), iso(year, last)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def can_chi_year(can: int, chi: int, ref: date | None) -> int:
    """Year nearest ref whose sexagenary name is (can, chi): Giáp Tý = 1984.

    can 0..9 (Giáp..Quý), chi 0..11 (Tý..Hợi); impossible pairs raise.
    """
    ref = _need_ref(ref)
    if (can - chi) % 2:
        raise BadDateError("no such year name", hint="can and chi must have the same parity")
    base = next(y for y in range(1984, 2044) if (y - 4) % 10 == can and (y - 4) % 12 == chi)
    k = round((ref.year - base) / 60)
    return base + 60 * k


@lru_cache(maxsize=_CACHED)
def resolve_days(ref: date | None, d1: int, m1: int | None, y1: int | None,
                 d2: int | None = None, m2: int | None = None, y2: int | None = None,
                 ) -> tuple[date, date | None, bool]:
    """One day or a span of days whose missing month/year parts come from the right.

    "26 đến 28/10/2020": the first day takes month and year from the last;
    "28/12 - 3/1/2021": the first day falls in the year before. Returns the
    first day, the last (None for a single day) and whether ref was needed.
    Raises ValueError/BadDateError for impossible or backwards dates.
    """
    if d2 is None:
        if y1 is not None and m1 is not None:
            return date(y1, m1, d1), None, False
        if m1 is not None:
            return resolve_day_month(d1, m1, ref), None, True
        return resolve_day(d1, ref), None, True
    if m2 is None:  # "từ ngày 26 đến ngày 28": days of the month nearest ref
        first = resolve_day(d1, ref)
        y, m = first.year, first.month
        if d2 < d1:
            y, m = shift_month(y, m, 1)
        last = date(y, m, d2)
        return _ordered(first, last, True)
    if m1 is None:
        m1 = m2 if d1 <= d2 else shift_month(2000, m2, -1)[1]
    wraps = (m1, d1) > (m2, d2)
    if y2 is not None:
        y1 = y1 if y1 is not None else (y2 - 1 if wraps else y2)
        return _ordered(date(y1, m1, d1), date(y2, m2, d2), False)
    if y1 is not None:
        return _ordered(date(y1, m1, d1), date(y1 + 1 if wraps else y1, m2, d2), False)
    first = resolve_day_month(d1, m1, ref)
    return _ordered(first, date(first.year + 1 if wraps else first.year, m2, d2), True)


def _ordered(first: date, last: date, relative: bool) -> tuple[date, date | None, bool]:
    if last < first:
        raise ValueError("span ends before it starts")
    return first, (None if last == first else last), relative
