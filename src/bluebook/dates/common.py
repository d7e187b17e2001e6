"""Rules that work the same way in every language: ISO dates, bare years, year
spans, relative phrases ("hôm qua", "last week") and parts of years.

Each rule is a compiled regex and a handler turning one match into a
:class:`Cand` (or None to drop it). Handlers raise ValueError/BadDateError
freely: the scanner skips a match whose date cannot exist.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from bluebook.dates import resolver as R
from bluebook.dates.gate import DIGIT, DM, YEAR, Needs, phrases, words
from bluebook.dates.patterns import BARE_YEARS, Cand, Ctx, Grammar, Y, alt

Handler = Callable[[re.Match[str], Ctx], Cand | None]


class Rule(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    lead: str  # "num": must not follow a digit, letter or [/.,:-]; "word": must not follow a letter
    needs: Needs = ()  # what any text it matches contains (see gate.py); () runs it on every text


def rule(name: str, pattern: str, handler: Handler, lead: str = "word", needs: Needs = ()) -> Rule:
    """Patterns open with plain characters (no look-behind, no optional group) so ``re``
    can skip fast to where they may match; the scanner checks the left boundary."""
    return Rule(name, re.compile(pattern), handler, lead, needs)


def _iso(m: re.Match[str], ctx: Ctx) -> Cand | None:
    first = R.iso(int(m["y"]), int(m["m"]), int(m["d"]))
    start, end, _ = ctx.extend(m.start(), m.end())
    return ctx.cand(start, end, first)


def _bare_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    y = int(m["y"])
    if y not in BARE_YEARS or not ctx.ends(m.start(), ctx.g.year_context):
        return None
    if ctx.starts(m.end(), ctx.g.not_after):
        return None
    return ctx.cand(m.start(), m.end(), R.iso(y))


def _part_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    y = int(m["y"])
    if y not in BARE_YEARS or ctx.starts(m.end(), ctx.g.not_after):
        return None
    return ctx.cand(m.start(), m.end(), R.iso(y))


def relative_dates(ctx: Ctx, unit: str, k: int) -> tuple[str, str | None]:
    """First and last ISO date of "unit k from the document date"."""
    ref = ctx.ref
    if ref is None:
        raise ValueError("relative expression without a document date")
    if unit == "day":
        return R.shift_day(ref, k).isoformat(), None
    if unit == "week":
        mon, sun = R.week_span(ref, k)
        return mon.isoformat(), sun.isoformat()
    if unit in ("weekend", "near_weekend"):  # "cuối tuần qua", "last weekend": Saturday and Sunday
        if unit == "near_weekend" and ref.weekday() < 2:
            k -= 1  # "this weekend" said on a Monday or Tuesday is the one just past (it is nearer)
        _, sun = R.week_span(ref, k)
        return R.shift_day(sun, -1).isoformat(), sun.isoformat()
    if unit == "month":
        return R.iso(*R.shift_month(ref.year, ref.month, k)), None
    if unit == "quarter":
        y, m = R.shift_month(ref.year, (ref.month - 1) // 3 * 3 + 1, 3 * k)
        return R.iso(y, m), R.iso(y, m + 2)
    if unit == "year":
        return R.iso(ref.year + k), None
    raise ValueError(f"unknown unit {unit!r}")


def _relative(m: re.Match[str], ctx: Ctx) -> Cand | None:
    unit, k = ctx.g.lex.value("relative", m["rel"]).split(":")
    start, part = ctx.back(m.start(), ctx.g.part_tail)
    if unit != "day" and ctx.ends(start, ctx.g.quantity_before):
        return None  # "hai năm trước", "5 năm tới": a duration, not a date
    first, last = relative_dates(ctx, unit, int(k))
    return ctx.cand(start, m.end(), first, last, relative=True)


def _ago(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"3 năm trước", "cách đây 2 tháng", "two years ago": counted back from the document date."""
    g = ctx.g
    start, before = ctx.back(m.start(), g.ago_tail)
    if not (before or m["ago"]) or ctx.starts(m.end(), g.not_ago_after):
        return None  # "3 năm trước đó" counts from another event, not from the document
    n_text = m["n"]
    n = int(n_text) if n_text.isdigit() else g.lex.int_value("number", n_text)
    unit = g.lex.value("unit", m["unit"])
    ref = ctx.ref
    if ref is None or not 1 <= n <= 200:
        return None
    if unit == "day":
        first, last = R.shift_day(ref, -n).isoformat(), None
    elif unit == "week":
        first, last = relative_dates(ctx, "week", -n)
    elif unit == "month":
        first, last = R.iso(*R.shift_month(ref.year, ref.month, -n)), None
    else:
        first, last = R.iso(ref.year - n), None
    return ctx.cand(start, m.end(), first, last, relative=True)


def year_span(ctx: Ctx, m: re.Match[str], year_word: re.Pattern[str]) -> Cand | None:
    """"giai đoạn 2021-2025", "from 1995 to 2000", "từ năm 1992 đến nay"."""
    y1 = int(m["y1"])
    conn = m["conn"].casefold()
    start, yw = ctx.back(m.start(), year_word)
    start, frm = ctx.back(start, ctx.g.from_tail)
    has_word = yw is not None
    if m["now"]:
        if not frm or ctx.ref is None:
            return None
        y2, relative = ctx.ref.year, True
    else:
        relative = False
        y2 = int(m["y2"]) if m["y2"] else (y1 // 100) * 100 + int(m["yy"])
    if conn == "and" and not frm:
        return None
    ok = (frm or has_word or ctx.ends(start, ctx.g.span_before)
          or ctx.starts(m.end(), ctx.g.span_after))
    if not ok or not y1 < y2 <= y1 + 100:
        return None
    if y1 not in BARE_YEARS and not has_word:
        return None
    return ctx.cand(start, m.end(), R.iso(y1), R.iso(y2), relative)


def common_rules(g: Grammar) -> list[Rule]:
    lex = g.lex
    part = alt(lex.words("part"))
    rel = alt(lex.words("relative"))
    unit_ago = rf"\s+(?P<unit>{alt(lex.words('unit'))})(?:\s+(?P<ago>{alt(lex.words('ago'))}))?(?!\w)"
    units = words(lex.words("unit"))
    return [
        rule("ago_num", rf"(?P<n>[0-9][0-9]{{0,2}}){unit_ago}", _ago, "num", (DIGIT, units)),
        rule("ago_word", rf"(?P<n>{alt(lex.words('number'))}){unit_ago}", _ago,
             needs=(words(lex.words("number")), units)),
        rule("iso", rf"(?P<y>{Y})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?![0-9]|[/.\-][0-9])", _iso, "num",
             (DM, YEAR)),
        rule("bare_year", rf"(?P<y>{Y})(?![0-9]|[/.,:\-–—][0-9]|[^\W\d])", _bare_year, "num", (YEAR,)),
        rule("part_year", rf"{part}(?:\s+|\s*-\s*)(?P<y>{Y})(?![0-9]|[^\W\d])", _part_year,
             needs=(YEAR, words(lex.words("part")))),
        rule("relative", rf"(?P<rel>{rel})(?!\w)", _relative, needs=phrases(lex.words("relative"))),
    ]

