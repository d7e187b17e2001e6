"""Dates as a Bluebook writes them: "22 November 2020" / "ngày 22/11/2020", "May 2020" /
"tháng 5/2020", "2020" / "năm 2020", and merged lists "March, May and August 2020" /
"tháng 3, tháng 5 và tháng 8/2020".

Input is the store's ISO partial dates (YYYY, YYYY-MM, YYYY-MM-DD) with an optional end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bluebook.report.langdata import Labels, clean

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True, order=True)
class PDate:
    """A partial date: month and day are 0 when the source does not give them."""
    y: int
    m: int = 0
    d: int = 0

    @property
    def precision(self) -> int:
        return 3 if self.d else 2 if self.m else 1


def parse(s: str | None) -> PDate | None:
    m = _ISO.match(s or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if not 1 <= mo <= 12:
        return PDate(y)
    if d:
        try:
            date(y, mo, d)
        except ValueError:
            d = 0
    return PDate(y, mo, d)


def sort_key(s: str | None) -> tuple[int, int, int]:
    p = parse(s)
    return (p.y, p.m, p.d) if p else (9999, 99, 99)


def month_key(s: str | None) -> str:
    """'YYYY-MM' (or 'YYYY' for year-only dates), '' when unparsable."""
    p = parse(s)
    if p is None:
        return ""
    return f"{p.y:04d}-{p.m:02d}" if p.m else f"{p.y:04d}"


def _join(items: list[str], L: Labels) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {L['and']} " + items[-1]


class DateFormat:
    """Formats partial dates in one language."""

    def __init__(self, lang: str, labels: Labels) -> None:
        self.vi = lang == "vi"
        self.L = labels

    # -- pieces without the year ----------------------------------------------------------
    def _month(self, m: int) -> str:
        return f"tháng {m}" if self.vi else self.L[f"month_{m}"]

    def _noyear(self, p: PDate) -> str:
        """'16 January' / 'ngày 16/1', 'May' / 'tháng 5' (the year is added once per group)."""
        if self.vi:
            return f"ngày {p.d}/{p.m}" if p.d else f"tháng {p.m}"
        return f"{p.d} {self.L[f'month_{p.m}']}" if p.d else self.L[f"month_{p.m}"]

    def _span_noyear(self, a: PDate, b: PDate) -> str:
        """A span inside one year, without the year: '26-28 October' / 'ngày 26-28/10'."""
        if a.d and b.d:
            if a.m == b.m:
                return f"ngày {a.d}-{b.d}/{a.m}" if self.vi else f"{a.d}-{b.d} {self.L[f'month_{a.m}']}"
            return (f"ngày {a.d}/{a.m} - {b.d}/{b.m}" if self.vi
                    else f"{a.d} {self.L[f'month_{a.m}']} - {b.d} {self.L[f'month_{b.m}']}")
        if self.vi:
            return f"tháng {a.m}-{b.m}"
        return f"{self.L[f'month_{a.m}']}-{self.L[f'month_{b.m}']}"

    def _with_year(self, text: str, y: int) -> str:
        return f"{text}/{y}" if self.vi else f"{text} {y}"

    # -- public ---------------------------------------------------------------------------
    def year(self, y: int) -> str:
        return f"năm {y}" if self.vi else str(y)

    def one(self, iso: str | None, end: str | None = None) -> str:
        """One date or span with its year: '22 November 2020', 'ngày 26-28/10/2020', 'năm 2020'."""
        a = parse(iso)
        if a is None:
            return clean(iso)
        b = parse(end)
        if b is not None and not b > a:
            b = None
        if b is None:
            return self.year(a.y) if a.precision == 1 else self._with_year(self._noyear(a), a.y)
        if a.precision == 1 or b.precision != a.precision or a.y != b.y:
            return f"{self.one(iso)} - {self.one(end)}"
        return self._with_year(self._span_noyear(a, b), a.y)

    def many(self, spans: list[tuple[str | None, str | None]]) -> str:
        """Several dates merged the Bluebook way, grouped by year, repeats dropped.

        [2020-03, 2020-05, 2020-08] -> 'March, May and August 2020' / 'tháng 3, tháng 5 và tháng 8/2020';
        years are separated by '; ' ('December 2020; January 2021').
        """
        items: dict[tuple[int, int, int], tuple[int, str, bool]] = {}
        for iso, end in spans:
            a, b = parse(iso), parse(end)
            if a is None:
                continue
            if b is not None and not b > a:
                b = None
            if a.precision == 1 or (b is not None and (b.y != a.y or b.precision != a.precision)):
                items[(a.y, a.m, a.d)] = (a.y, self.one(iso, end), True)      # carries its own year
            else:
                text = self._noyear(a) if b is None else self._span_noyear(a, b)
                items[(a.y, a.m, a.d)] = (a.y, text, False)
        if len(items) == 1:
            (y, text, full), = items.values()
            return text if full else self._with_year(text, y)
        groups: dict[int, list[tuple[str, bool]]] = {}
        for key in sorted(items):
            y, text, full = items[key]
            groups.setdefault(y, []).append((text, full))
        out = []
        for y, group in groups.items():
            precise = [g for g in group if not (g[1] and g[0] == self.year(y))]
            group = precise or group          # "2020" says nothing once "March 2020" is there
            bare = list(dict.fromkeys(t for t, full in group if not full))
            whole = list(dict.fromkeys(t for t, full in group if full))
            if bare:
                out.append(self._with_year(_join(bare, self.L), y))
            out.extend(whole)
        return "; ".join(out)

    def period(self, lo: date, hi: date) -> str:
        """'2020' / 'năm 2020' for a calendar year; months or days otherwise."""
        if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31):
            return self.year(lo.year) if lo.year == hi.year else (
                f"{lo.year}-{hi.year}" if not self.vi else f"năm {lo.year} - {hi.year}")
        whole_months = lo.day == 1 and _last_day(hi)
        if whole_months:
            if (lo.year, lo.month) == (hi.year, hi.month):
                return self.one(f"{lo.year}-{lo.month:02d}")
            return self.one(f"{lo.year}-{lo.month:02d}", f"{hi.year}-{hi.month:02d}")
        return self.one(lo.isoformat(), hi.isoformat())

    def full(self, d: date) -> str:
        return self.one(d.isoformat())


def _last_day(d: date) -> bool:
    from calendar import monthrange

    return monthrange(d.year, d.month)[1] == d.day


def _iso(p: PDate | None) -> str:
    if p is None:
        return ""
    if p.d:
        return f"{p.y:04d}-{p.m:02d}-{p.d:02d}"
    return f"{p.y:04d}-{p.m:02d}" if p.m else f"{p.y:04d}"
