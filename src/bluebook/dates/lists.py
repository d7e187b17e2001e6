"""Enumerations that share one month or year at the end.

"(tháng 3, tháng 5 và tháng 8/2020)", "các ngày 3, 5 và 8/10", "3, 5 and 8
October 2020": every item is its own expression, on its own words, so the
extractor can give each occurrence its own event; the month and year written
once at the end belong to all of them. Days that follow one another ("ngày 20
và 21/9", "26 and 27 October") are one event over two days: a span.
"""
from __future__ import annotations

import re
from datetime import date

from bluebook.dates import resolver as R
from bluebook.dates.patterns import Cand, Ctx
from bluebook.models import DateExpr

# (value, start, end) of one item of a list, offsets into the scanned text.
Item = tuple[int, int, int]

_NUMBER = re.compile(r"[0-9]{1,2}")


def number_items(ctx: Ctx, start: int, end: int) -> list[Item]:
    """The 1-2 digit numbers between ``start`` and ``end`` with their offsets."""
    return [(int(n.group()), n.start(), n.end()) for n in _NUMBER.finditer(ctx.text, start, end)]


def consecutive(values: list[int]) -> bool:
    return all(b == a + 1 for a, b in zip(values, values[1:], strict=False))


def day_list(ctx: Ctx, items: list[Item], start: int, end: int,
             month: int | None, year: int | None) -> Cand:
    """Days of one month (given after the last day, or the month nearest the document date).

    The first expression starts at ``start`` (words such as "các ngày" belong
    to it), the last one ends at ``end`` (with the month and year). A day
    larger than the one after it lies in the month before ("28, 30 và 2/11").
    Raises ValueError/BadDateError for an impossible day, like every rule.
    """
    days = [d for d, _, _ in items]
    if consecutive(days):
        first, last, rel = R.resolve_days(ctx.ref, days[0], None, None, days[-1], month, year)
        return ctx.cand(start, end, first.isoformat(), last.isoformat() if last else None, rel)
    relative = year is None
    if month is None:
        anchor = R.resolve_day(days[-1], ctx.ref)
    elif year is None:
        anchor = R.resolve_day_month(days[-1], month, ctx.ref)
    else:
        anchor = date(year, month, days[-1])
    y, m = anchor.year, anchor.month
    out: list[DateExpr] = []
    for i in range(len(items) - 1, -1, -1):
        d, s, e = items[i]
        if i < len(items) - 1 and d > items[i + 1][0]:
            y, m = R.shift_month(y, m, -1)
        s = start if i == 0 else s
        e = end if i == len(items) - 1 else e
        out.append(ctx.expr(s, e, R.iso(y, m, d), None, relative))
    out.reverse()
    return Cand(start, end, out)


def month_years(ctx: Ctx, months: list[int], years: list[int | None],
                tail_year: int | None) -> tuple[list[int], bool]:
    """The year of every month of a list, filled from the right.

    A month with its own year keeps it; the others take the year of the next
    item, one less when the month is later than the next one ("tháng 11, 12
    và tháng 1/2021" runs from 2020 into 2021). With no year anywhere the last
    month is the one nearest the document date. Also says whether the
    document date was needed.
    """
    last = years[-1] if years[-1] is not None else tail_year
    relative = last is None
    y = last if last is not None else R.resolve_month(months[-1], ctx.ref)
    out = [y]
    for i in range(len(months) - 2, -1, -1):
        if years[i] is not None:
            y = years[i]
        elif months[i] > months[i + 1]:
            y -= 1
        out.append(y)
    out.reverse()
    return out, relative
