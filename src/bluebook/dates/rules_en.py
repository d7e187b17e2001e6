"""English date rules: "26-28 October 2020", "October 26-28, 2020", "on 8 July",
"(March, May and August 2020)", "in late November", "mid-March", "Q3 2020",
"the third quarter of 2020", "on Tuesday", "11/22/2020".

Month and weekday names are matched case-sensitively (from
``lang/en/dates.tsv``) so the verb "may" and the verb "march" stay words.
"""
from __future__ import annotations

import re

from bluebook.dates import resolver as R
from bluebook.dates.common import Rule, rule, year_span
from bluebook.dates.gate import DIGIT, DM, YEAR, words
from bluebook.dates.lists import day_list, number_items
from bluebook.dates.patterns import DASH, DL, NA, ORD, Cand, Ctx, D, Grammar, Y, alt, tail


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _from(ctx: Ctx, m: re.Match[str]) -> tuple[int, bool]:
    """Start of "from"/"between" right before the match, and whether it is there."""
    start, frm = ctx.back(m.start(), ctx.g.from_tail)
    return start, frm is not None


def _days(ctx: Ctx, start: int, end: int, parts: tuple, span: bool) -> Cand:
    start, end, _ = ctx.extend(start, end, span=span)
    first, last, rel = R.resolve_days(ctx.ref, *parts)
    return ctx.cand(start, end, first.isoformat(), last.isoformat() if last else None, rel)


def _needs_year(ctx: Ctx, *years: str | None) -> bool:
    """Inside Vietnamese text only English dates that carry a year are believed."""
    return ctx.foreign and not any(years)


def _day_month(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"8 July 2020", "1st August", "8th of July", "July 8, 2020", "December 27"."""
    if _needs_year(ctx, m["y"]):
        return None
    parts = (int(m["d"]), ctx.g.month_number(m["mo"]), _int(m["y"]))
    return _days(ctx, m.start(), m.end(), parts, False)


def _month_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"May 2020", "November of 2022", "May of last year"."""
    month = ctx.g.month_number(m["mo"])
    if m["y"]:
        return ctx.cand(m.start(), m.end(), R.iso(int(m["y"]), month))
    found = _year_of(ctx, m)
    if found is None:
        return None
    return ctx.cand(m.start(), m.end(), R.iso(found[0], month), None, True)


def _year_month_day(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"(2018, July 7)": reference lists put the year first."""
    first = R.iso(int(m["y"]), ctx.g.month_number(m["mo"]), int(m["d"]))
    return ctx.cand(m.start(), m.end(), first)


def _month_list(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"(March, May and August 2020)": one expression per month, on the month's own word."""
    year = _int(m["y"])
    if _needs_year(ctx, m["y"]):
        return None
    g = ctx.g
    words = list(g.month_word.finditer(m.group("list")))
    base = m.start("list")
    exprs = []
    for w in words:
        month = g.month_number(w.group())
        y = year if year is not None else R.resolve_month(month, ctx.ref)
        exprs.append(ctx.expr(base + w.start(), base + w.end(), R.iso(y, month), None, year is None))
    return Cand(m.start(), m.end(), exprs)


def _day_list(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"3, 5 and 8 October 2020", "October 3 and 5": one expression per day (a span when they run on)."""
    if _needs_year(ctx, m["y"]):
        return None
    if ctx.back(m.start(), ctx.g.from_tail)[1] is not None:
        return None  # "between 3 and 5 October" is a span: en_day_range
    items = number_items(ctx, m.start("list"), m.end("list"))
    start, end, _ = ctx.extend(m.start(), m.end())
    return day_list(ctx, items, start, end, ctx.g.month_number(m["mo"]), _int(m["y"]))


def _day_range(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"26-28 October 2020", "26 to 28 October", "18 January 1950 - 18 January 2020"."""
    if _needs_year(ctx, m["y1"], m["y2"]):
        return None
    start, frm = _from(ctx, m)
    if m["conn"].casefold() == "and" and not frm:
        return None  # "3 and 5 October" is a list (en_day_list); "between 3 and 5 October" a span
    mo1 = ctx.g.month_number(m["mo1"]) if m["mo1"] else None
    parts = (int(m["d1"]), mo1, _int(m["y1"]), int(m["d2"]), ctx.g.month_number(m["mo2"]), _int(m["y2"]))
    return _days(ctx, start, m.end(), parts, True)


def _month_day_range(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"October 26-28, 2020", "October 26 - November 2, 2020"."""
    if _needs_year(ctx, m["y1"], m["y2"]):
        return None
    start, frm = _from(ctx, m)
    if m["conn"].casefold() == "and" and not frm:
        return None
    mo1 = ctx.g.month_number(m["mo1"])
    mo2 = ctx.g.month_number(m["mo2"]) if m["mo2"] else mo1
    parts = (int(m["d1"]), mo1, _int(m["y1"]), int(m["d2"]), mo2, _int(m["y2"]))
    return _days(ctx, start, m.end(), parts, True)


def _month_span(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"from March to May 2020", "March-May 2020" (but "March and May 2020" is a list)."""
    start, frm = _from(ctx, m)
    if m["conn"].casefold() == "and" and not frm:
        return None
    if not (m["y1"] or m["y2"]) and (ctx.foreign or not frm):
        return None
    mo1, mo2 = ctx.g.month_number(m["mo1"]), ctx.g.month_number(m["mo2"])
    y1, y2 = _int(m["y1"]), _int(m["y2"])
    relative = y1 is None and y2 is None
    if y2 is None:
        y2 = y1 if y1 is not None else R.resolve_month(mo2, ctx.ref)
    if y1 is None:
        y1 = y2 if mo1 < mo2 else y2 - 1
    if (y1, mo1) >= (y2, mo2):
        return None
    return ctx.cand(start, m.end(), R.iso(y1, mo1), R.iso(y2, mo2), relative)


def _lone_month(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"in November", "last March", "next May": a month without year near the document date."""
    month = ctx.g.month_number(m["mo"])
    start, mm = ctx.back(m.start(), _MONTH_MOD)
    mod = mm["mod"].casefold() if mm else ""
    if not mod and not ctx.ends(start, ctx.g.month_context):
        return None
    if mod == "this":
        if ctx.ref is None:
            return None
        year = ctx.ref.year
    elif mod == "last" or mod.endswith("past"):
        year = R.resolve_month(month, ctx.ref, -1)
        if ctx.ref is not None and month == ctx.ref.month:
            year -= 1
    elif mod == "next":
        year = R.resolve_month(month, ctx.ref, 1)
    else:
        year = R.resolve_month(month, ctx.ref)
    return ctx.cand(start, m.end(), R.iso(year, month), None, True)


def _part(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"late November", "mid-March", "early 2021", "the end of the year" (month or year precision)."""
    if m["y2"]:
        return ctx.cand(m.start(), m.end(), R.iso(int(m["y2"])))
    if m["theyear"]:
        if ctx.ref is None:
            return None
        if m["theyear"].casefold().endswith("year"):
            return ctx.cand(m.start(), m.end(), R.iso(ctx.ref.year), None, True)
        return ctx.cand(m.start(), m.end(), R.iso(ctx.ref.year, ctx.ref.month), None, True)
    month = ctx.g.month_number(m["mo"])
    if m["y"]:
        return ctx.cand(m.start(), m.end(), R.iso(int(m["y"]), month))
    return ctx.cand(m.start(), m.end(), R.iso(R.resolve_month(month, ctx.ref), month), None, True)


def _year_of(ctx: Ctx, m: re.Match[str]) -> tuple[int, bool] | None:
    if m["y"]:
        return int(m["y"]), False
    if m["yy"]:
        return 2000 + int(m["yy"]), False
    if ctx.ref is None:
        return None
    rel = (m["rel"] or "").casefold()
    return ctx.ref.year + (-1 if rel.startswith("last") else 1 if rel.startswith("next") else 0), True


def _quarter(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"Q3 2020", "Q3/2020", "the third quarter of 2020", "the last quarter of the year"."""
    if m["qn"]:
        q = int(m["qn"])
    else:
        if m["qw"].casefold() == "last":
            if not (m["y"] or m["rel"]):
                return None  # "last quarter" alone is the relative phrase
            q = 4
        else:
            q = ctx.g.lex.int_value("quarter", m["qw"])
    found = _year_of(ctx, m)
    if found is None:
        return None
    year, relative = found
    first, last = R.quarter_months(q)
    return ctx.cand(m.start(), m.end(), R.iso(year, first), R.iso(year, last), relative)


def _half(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"the first half of 2020", "H2 2021", "the first six months of the year"."""
    found = (int(m["y3"]), False) if m["y3"] else _year_of(ctx, m)
    if found is None:
        return None
    year, relative = found
    if m["n"]:
        n = int(m["n"]) if m["n"].isdigit() else ctx.g.lex.int_value("number", m["n"])
        late = m["fl"].casefold() == "last"
        if not 1 <= n <= 11:
            return None
        first, last = (13 - n, 12) if late else (1, n)
    else:
        h = int(m["hn"]) if m["hn"] else ctx.g.lex.int_value("half", m["h"])
        first, last = (1, 6) if h == 1 else (7, 12)
    return ctx.cand(m.start(), m.end(), R.iso(year, first), R.iso(year, last), relative)


def _weekday(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"on Tuesday" (latest on or before the document date), "last Friday", "next Monday"."""
    start, mm = ctx.back(m.start(), ctx.g.mod_tail)
    if mm is None:
        return None
    mod = mm["mod"]
    mode = ctx.g.lex.value("weekday_mod", mod)
    day = R.weekday_date(ctx.ref, ctx.g.lex.int_value("weekday", m["wd"]), mode)
    if mod.casefold() == "on":
        start = m.start()
    return ctx.cand(start, m.end(), day.isoformat(), None, True)


def _us(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"11/22/2020": month first in English; "22/11/2020" still read day first."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    try:
        first = R.iso(y, a, b)
    except ValueError:
        first = R.iso(y, b, a)
    start, end, _ = ctx.extend(m.start(), m.end())
    return ctx.cand(start, end, first)


_YEAR_WORD = tail(r"(?:years?|Years?|YEARS?)\s+")
_MONTH_MOD = tail(r"(?P<mod>last|Last|next|Next|this|This|(?:this|This)\s+past|past)\s+")


def _year_span(m: re.Match[str], ctx: Ctx) -> Cand | None:
    return year_span(ctx, m, _YEAR_WORD)


def _year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"the year 2020", "fiscal year 1998": the word "year" vouches for any 4-digit year."""
    return ctx.cand(m.start("y"), m.end(), R.iso(int(m["y"])))


def en_rules(g: Grammar, foreign: bool = False) -> list[Rule]:
    lex = g.lex
    w = lex.words
    full = alt(w("month"), ci=False)
    # one flat alternation ("Sept." listed as a word) keeps the fast scan; a full name takes no dot
    month = rf"{alt(w('month') + w('month_abbr') + [a + '.' for a in w('month_abbr')], ci=False)}(?!\w)"
    conn = rf"(?P<conn>{DASH}|{alt(['to', 'until', 'till', 'through', 'and'])})"
    of = alt(["of"])
    rel_year = rf"{alt(['this', 'last', 'next', 'the'])}\s+{alt(['year'])}"
    MON = words(w("month") + w("month_abbr"), ci=False)  # noqa: N806
    FULL = words(w("month"), ci=False)  # noqa: N806
    rules = [
        rule("en_day_month",
             rf"(?P<d>{DL}){ORD}(?:\s+{of})?\s+(?P<mo>{month})(?:,?\s+(?P<y>{Y}))?(?![0-9])", _day_month, "num", needs=(DIGIT, MON)),
        rule("en_month_day",
             rf"(?P<mo>{month})\s+(?P<d>{D}){ORD}(?![0-9]|[^\W\d])(?:,?\s+(?P<y>{Y})(?![0-9]))?", _day_month, needs=(DIGIT, MON)),
        rule("en_month_year", rf"(?P<mo>{month}),?\s+(?:{of}\s+)?(?P<y>{Y})(?![0-9]|[^\W\d])"
             rf"(?P<yy>(?!))?(?P<rel>(?!))?", _month_year, needs=(YEAR, MON)),
        rule("en_year_month_day", rf"(?P<y>{Y}),\s+(?P<mo>{month})\s+(?P<d>{D})(?![0-9]|[^\W\d])",
             _year_month_day, "num", needs=(YEAR, MON)),
        rule("en_month_list",
             rf"(?P<list>{full}(?:\s*,\s*{full})*\s*,?\s*(?:and|or|&)\s+{full})(?!\w)"
             rf"(?:,?\s+(?P<y>{Y})(?![0-9]))?", _month_list, needs=(FULL,)),
        rule("en_day_list",
             rf"(?P<list>{DL}{ORD}(?:\s*,\s*{D}{ORD})*\s*,?\s*(?:and|&)\s+{D}{ORD})"
             rf"(?:\s+{of})?\s+(?P<mo>{month})(?:,?\s+(?P<y>{Y}))?(?![0-9])", _day_list, "num", needs=(DIGIT, MON)),
        rule("en_month_day_list",
             rf"(?P<mo>{month})\s+(?P<list>{D}{ORD}(?:\s*,\s*{D}{ORD})*\s*,?\s*(?:and|&)\s+{D}{ORD})"
             rf"(?![0-9]|[^\W\d])(?:,?\s+(?P<y>{Y})(?![0-9]))?", _day_list, needs=(DIGIT, MON)),
        rule("en_day_range",
             rf"(?P<d1>{DL}){ORD}(?:\s+(?P<mo1>{month})(?:,?\s+(?P<y1>{Y}))?)?\s*{conn}\s*"
             rf"(?P<d2>{D}){ORD}(?:\s+{of})?\s+(?P<mo2>{month})(?:,?\s+(?P<y2>{Y}))?(?![0-9])", _day_range, "num", needs=(DIGIT, MON)),
        rule("en_month_day_range",
             rf"(?P<mo1>{month})\s+(?P<d1>{D}){ORD}(?:,?\s+(?P<y1>{Y}))?\s*{conn}\s*"
             rf"(?:(?P<mo2>{month})\s+)?(?P<d2>{D}){ORD}(?![0-9]|[^\W\d])(?:,?\s+(?P<y2>{Y})(?![0-9]))?",
             _month_day_range, needs=(DIGIT, MON)),
        rule("en_month_span",
             rf"(?P<mo1>{full})(?!\w)(?:\s+(?P<y1>{Y}))?\s*{conn}\s*(?P<mo2>{full})(?!\w)"
             rf"(?:,?\s+(?P<y2>{Y})(?![0-9]))?", _month_span, needs=(FULL,)),
    ]
    if foreign:
        # inside Vietnamese text only English dates with a year are read (see _needs_year)
        return [r._replace(needs=(*r.needs, YEAR)) for r in rules]
    return rules + [
        rule("en_us", rf"(?P<a>{DL})/(?P<b>[0-9]{{1,2}})/(?P<y>{Y}){NA}", _us, "num", needs=(DM, YEAR)),
        rule("en_month_rel", rf"(?P<mo>{full}),?\s+{of}\s+(?P<rel>{rel_year})(?!\w)(?P<y>(?!))?(?P<yy>(?!))?",
             _month_year, needs=(FULL, words(['year']))),
        rule("en_lone_month", rf"(?P<mo>{full})(?!\w)(?!\.?\s*[0-9])", _lone_month, needs=(FULL,)),
        rule("en_part",
             rf"{alt(w('part'))}(?:\s+|\s*-\s*)(?:(?P<mo>{month})(?:,?\s+(?P<y>{Y}))?(?![0-9])"
             rf"|(?P<y2>{Y})(?![0-9]|[^\W\d])|(?P<theyear>{alt(['the year', 'the month'])}))", _part, needs=(words(w('part')), MON + YEAR + words(['year', 'month']))),
        rule("en_quarter_q",
             rf"Q(?P<qn>[1-4])(?P<qw>(?!))?"
             rf"(?:(?:\s*[/\-]\s*|\s+|,\s*)(?P<y>{Y})(?![0-9])|(?P<yy>(?!))|\s+{of}\s+(?P<rel>{rel_year}))?"
             rf"(?![0-9]|[^\W\d])", _quarter, "num", needs=(('=Q',), DIGIT)),
        rule("en_quarter",
             rf"(?P<qw>{alt(w('quarter') + ['last'])})\s+{alt(['quarter'])}(?P<qn>(?!))?"
             rf"(?:(?:\s*,\s*|\s+{of}\s+|\s+)(?P<y>{Y})(?![0-9])|(?P<yy>(?!))|\s+{of}\s+(?P<rel>{rel_year}))?"
             rf"(?![0-9]|[^\W\d])", _quarter, needs=(words(['quarter']),)),
        rule("en_half",
             rf"(?P<h>{alt(w('half'))})\s+{alt(['half'])}(?P<fl>(?!))?(?P<n>(?!))?"
             rf"(?:\s+{of})?\s+(?:(?P<y>{Y})(?![0-9])|(?P<rel>{rel_year}))(?P<hn>(?!))?(?P<y3>(?!))?(?P<yy>(?!))?(?!\w)",
             _half, needs=(words(['half']),)),
        rule("en_months_of_year",
             rf"(?P<fl>{alt(['first', 'last'])})\s+(?P<n>[0-9]{{1,2}}|{alt(w('number'))})\s+{alt(['months'])}"
             rf"(?P<h>(?!))?(?:\s+{of})?\s+(?:(?P<y>{Y})(?![0-9])|(?P<rel>{rel_year}))"
             rf"(?P<hn>(?!))?(?P<y3>(?!))?(?P<yy>(?!))?(?!\w)",
             _half, needs=(words(['months']),)),
        rule("en_half_h", rf"H(?P<hn>[12])\s*(?P<y3>{Y})(?![0-9]|[^\W\d])(?P<n>(?!))?(?P<h>(?!))?", _half, needs=(('=H',), YEAR)),
        rule("en_weekday", rf"(?P<wd>{alt(w('weekday'), ci=False)})(?!\w)", _weekday, needs=(words(w('weekday'), ci=False),)),
        rule("en_year_span",
             rf"(?P<y1>{Y})\s*{conn}\s*"
             rf"(?:(?P<y2>{Y})|(?P<yy>[0-9]{{2}})|(?P<now>{alt(['now', 'the present', 'present', 'today'])}))"
             rf"(?![0-9]|[^\W\d])", _year_span, "num", needs=(YEAR,)),
        rule("en_year", rf"{alt(['year'])}\s+(?P<y>{Y})(?![0-9]|[^\W\d])", _year, needs=(words(['year']), YEAR)),
    ]
