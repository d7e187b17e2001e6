"""Vietnamese date rules: "tối 22/11", "từ ngày 26 đến 28/10", "tháng 10/2021",
"đầu tháng 12", "quý III", "6 tháng đầu năm", "thứ Hai (22/11)", "dịp Tết".

The words come from ``lang/vi/dates.tsv``; what stays here is the order in
which Vietnamese puts day, month and year and the tests that tell a date
("sáng 5-3") from a score ("tỉ số 4-3") or a fraction ("3/5 diện tích").
"""
from __future__ import annotations

import re
from datetime import date

from bluebook.dates import resolver as R
from bluebook.dates.common import Rule, rule, year_span
from bluebook.dates.gate import DIGIT, DM, YEAR, words
from bluebook.dates.lists import day_list, month_years, number_items
from bluebook.dates.patterns import DASH, DL, NA, Cand, Ctx, D, Grammar, M, Y, alt, tail


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def bare_ok(ctx: Ctx, start: int, end: int) -> bool:
    """A "d/m" with no date word before it: refuse scores, fractions, idioms."""
    g = ctx.g
    return (ctx.text[start:end] not in g.not_bare and not ctx.ends(start, g.not_before)
            and not ctx.ends(start, _NUMBER_SPACE_BEFORE) and not ctx.starts(end, g.not_after))


def dm_context(ctx: Ctx, start: int, end: int, found: bool, sep: str) -> bool:
    """Is this day-month (no year) a date?

    After a date word ("sáng", "ngày", "Hôm nay (") always. Otherwise "/" needs
    only to escape the score/fraction tests, "-" needs a context word ("từ",
    "đến") or brackets around it, and "." (a decimal point as often as not)
    is never enough on its own.
    """
    text = ctx.text
    if found:
        return True
    if ctx.g.lunar.match(text, end):
        return False
    wrapped = start > 0 and text[start - 1] == "(" and text.startswith(")", end)
    if sep == "/" or (wrapped and sep == "-"):
        return bare_ok(ctx, start - 1 if wrapped else start, end)
    return sep == "-" and ctx.ends(start, ctx.g.context_before) and bare_ok(ctx, start, end)


_DECIMAL_COMMA = re.compile(r"[0-9],[0-9]")
_NGAY_BEFORE = tail(r"(?:ngày|Ngày|NGÀY)\s*")
_NUMBER_BEFORE = re.compile(r"[0-9]\s*\Z")
_NUMBER_SPACE_BEFORE = re.compile(r"[0-9][\s:]+\Z")  # "2 3/4", "(0:1 1/4)": handicaps, mixed numbers



def _days(ctx: Ctx, start: int, end: int, parts: tuple) -> Cand:
    if ctx.g.lunar.match(ctx.text, end):
        raise ValueError("a lunar date")  # "5/5 âm lịch": not a Gregorian day
    first, last, rel = R.resolve_days(ctx.ref, *parts)
    return ctx.cand(start, end, first.isoformat(), last.isoformat() if last else None, rel)


def _dmy(m: re.Match[str], ctx: Ctx) -> Cand | None:
    if ctx.g.lunar.match(ctx.text, m.end()):
        return None
    start, end, _ = ctx.extend(m.start(), m.end())
    return _days(ctx, start, end, (int(m["d"]), int(m["m"]), int(m["y"])))


def _dm(m: re.Match[str], ctx: Ctx) -> Cand | None:
    start, end, found = ctx.extend(m.start(), m.end())
    if not m["y"] and not dm_context(ctx, m.start(), m.end(), found, m["s"]):
        return None
    return _days(ctx, start, end, (int(m["d"]), int(m["m"]), _int(m["y"])))


def _day_list(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"từ ngày 26 đến 28/10", "20-22/9", "ngày 20 và 21/9", "12 - 16.8"."""
    if ctx.ends(m.start(), ctx.g.not_day_before):
        return None
    start, end, found = ctx.extend(m.start(), m.end(), span=True)
    month = _int(m["m"]) or _int(m["mt"])
    year = _int(m["y"]) or _int(m["yt"])
    if month is None:
        # "từ ngày 26 đến ngày 28": days alone need the word "ngày"
        if not (m["dw"] or _NGAY_BEFORE.search(ctx.text, start, m.start())):
            return None
    elif not m["mt"] and not dm_context(ctx, m.start(), m.end(), found, m["s"]):
        return None
    d1, d2 = int(m["d1"]), int(m["d2"])
    if m["conn"] in ("-", "–", "—") and m["s"] == "-" and not found:
        return None  # "4-3-3" is a football formation
    if ctx.g.lunar.match(ctx.text, end):
        return None  # "mùng 3 và 5/5 âm lịch"
    if m["conn"].casefold() in ("và", ",") or m["more"]:
        # "các ngày 3, 5 và 8/10": one expression per day (a span when the days run on)
        if _DECIMAL_COMMA.search(ctx.text, m.start("d1"), m.start("d2") + 1):
            return None  # "7,03/10" is a mark out of ten, not the 7th and 3rd of October
        items = number_items(ctx, m.start("d1"), m.end("more") if m["more"] else m.end("d1"))
        items.append((d2, m.start("d2"), m.end("d2")))
        return day_list(ctx, items, start, end, month, year)
    if d1 >= d2:
        return None  # a span inside one month runs forwards
    return _days(ctx, start, end, (d1, None, None, d2, month, year))


def _dm_range(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"từ 31/10 đến 5/11", "30/4 - 1/5", "ngày 6-7-2021 đến 8-7-2021"."""
    start, end, found = ctx.extend(m.start(), m.end(), span=True)
    word_conn = m["conn"].casefold() in ("đến", "tới")
    if "/" not in (m["s1"], m["s2"]) and not (found or word_conn or m["y1"] or m["y2"]):
        return None
    if not found and not word_conn and not m["y2"] and not bare_ok(ctx, m.start(), m.end()):
        return None
    parts = (int(m["d1"]), int(m["m1"]), _int(m["y1"]), int(m["d2"]), int(m["m2"]), _int(m["y2"]))
    return _days(ctx, start, end, parts)


def _month_no(ctx: Ctx, num: str | None, word: str | None) -> int:
    return int(num) if num else ctx.g.lex.int_value("month", word or "")


def _year_rel(ctx: Ctx, phrase: str | None) -> int | None:
    if not phrase or ctx.ref is None:
        return None
    unit, k = ctx.g.lex.value("relative", phrase).split(":")
    return ctx.ref.year + int(k)


def _textual(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"ngày 22 tháng 11 năm 2020", "từ ngày 26 tháng 10 đến ngày 2 tháng 11"."""
    if ctx.ends(m.start(), ctx.g.not_day_before):
        return None
    start, end, found = ctx.extend(m.start(), m.end(), span=bool(m["d2"]))
    y2 = _int(m["y2"])
    if not (found or y2):
        return None
    m2 = _month_no(ctx, m["m2"], m["mw2"])
    parts: tuple[int | None, ...]
    if m["d2"]:
        m1 = _month_no(ctx, m["m1"], m["mw1"]) if (m["m1"] or m["mw1"]) else None
        parts = (int(m["d1"]), m1, _int(m["y1"]), int(m["d2"]), m2, y2)
    else:
        parts = (int(m["d1"]), m2, y2)
    return _days(ctx, start, end, parts)


def _day_only(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"ngày 22" with no month: the 22nd of the month nearest the document date."""
    if ctx.starts(m.end(), ctx.g.not_after) or re.match(r"\s*(?:giờ|h\b|g\b|:)", ctx.text[m.end():]):
        return None
    start, end, _ = ctx.extend(m.start("d"), m.end())
    return _days(ctx, min(start, m.start()), end, (int(m["d"]), None, None))


def _month(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"tháng 10/2021", "cuối tháng 12", "tháng Mười năm ngoái", "tháng 10 tới"."""
    if ctx.g.lunar.match(ctx.text, m.end()):
        return None  # lunar months are not Gregorian months
    start, part = ctx.back(m.start(), ctx.g.part_tail)
    if not part and ctx.ends(start, _NUMBER_BEFORE):
        return None  # "6 tháng 10 ngày": a duration
    month = _month_no(ctx, m["m"], m["mw"])
    year = _int(m["y"]) or _year_rel(ctx, m["ry"])
    relative = year is None or bool(m["ry"])
    if year is None:
        direction = ctx.g.lex.int_value("direction", m["dir"]) if m["dir"] else 0
        year = R.resolve_month(month, ctx.ref, direction)
    return ctx.cand(start, m.end(), R.iso(year, month), None, relative)


def _month_range(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"tháng 3-5/2020", "từ tháng 12/2020 đến tháng 2/2021"."""
    start, _ = ctx.back(m.start(), ctx.g.from_tail)
    m1, m2 = int(m["m1"]), int(m["m2"])
    y1, y2 = _int(m["y1"]), _int(m["y2"])
    relative = y2 is None and y1 is None
    if y2 is None:
        y2 = y1 if y1 is not None else R.resolve_month(m2, ctx.ref)
    if y1 is None:
        y1 = y2 if m1 < m2 else y2 - 1
    if (y1, m1) >= (y2, m2):
        return None
    return ctx.cand(start, m.end(), R.iso(y1, m1), R.iso(y2, m2), relative)


def _month_list(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"(tháng 3, tháng 5 và tháng 8/2020)", "tháng 3, 5 và 8/2020", "tháng 11, 12.2023": one per month."""
    if ctx.g.lunar.match(ctx.text, m.end()):
        return None
    start, part = ctx.back(m.start(), ctx.g.part_tail)
    if not part and ctx.ends(start, _NUMBER_BEFORE):
        return None
    items = list(_MONTH_ITEM.finditer(ctx.text, m.start(), m.end("list")))
    last = items[-1]
    if not (last["tw"] or last["y"] or m["ry"]):
        return None  # "tháng 3 và 5 người": the last number is no month
    months = [int(it["m"]) for it in items]
    years, relative = month_years(ctx, months, [_int(it["y"]) for it in items], _year_rel(ctx, m["ry"]))
    relative = relative or bool(m["ry"])
    exprs = []
    for i, it in enumerate(items):
        s = start if i == 0 else it.start()
        e = m.end() if i == len(items) - 1 else it.end()
        exprs.append(ctx.expr(s, e, R.iso(years[i], months[i]), None, relative and not it["y"]))
    return Cand(start, m.end(), exprs)


def _month_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"Mỹ (9/2023)", "từ 12/2023": a month and year without "tháng", believed after a context word."""
    if not 1 <= int(m["m"]) <= 12:
        return None  # the pattern opens with a plain digit class so ``re`` skips fast; checked here
    if not ctx.ends(m.start(), ctx.g.year_context) or ctx.ends(m.start(), ctx.g.not_before):
        return None
    if ctx.starts(m.end(), ctx.g.not_after):
        return None
    return ctx.cand(m.start(), m.end(), R.iso(int(m["y"]), int(m["m"])))


def _year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"năm 2020", "đầu năm 2021"; "năm" vouches for any 4-digit year."""
    start, _ = ctx.back(m.start(), ctx.g.part_tail)
    return ctx.cand(start, m.end(), R.iso(int(m["y"])))


_YEAR_WORD = tail(r"(?:năm|Năm|NĂM)\s+")
_THANG = alt(["tháng"])
_MONTH_ITEM = re.compile(rf"(?P<tw>{_THANG}\s+)?(?P<m>{M})(?![0-9])"
                         rf"(?:(?:\s*[/.\-]\s*|\s+{alt(['năm'])}\s+)(?P<y>{Y})(?![0-9]))?")


def _year_span(m: re.Match[str], ctx: Ctx) -> Cand | None:
    return year_span(ctx, m, _YEAR_WORD)


def _quarter(m: re.Match[str], ctx: Ctx) -> Cand | None:
    first, last = R.quarter_months(ctx.g.lex.int_value("quarter", m["q"]))
    year = _int(m["y"]) or _year_rel(ctx, m["ry"])
    relative = year is None or bool(m["ry"])
    if year is None:
        if ctx.ref is None:
            return None
        year = ctx.ref.year
    return ctx.cand(m.start(), m.end(), R.iso(year, first), R.iso(year, last), relative)


def _months_of_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"6 tháng đầu năm 2020", "9 tháng đầu năm nay", "nửa cuối năm"."""
    year = _int(m["y"]) or _year_rel(ctx, m["ry"])
    relative = year is None or bool(m["ry"])
    if year is None:
        if ctx.ref is None:
            return None
        year = ctx.ref.year
    start = m.start()
    if m["half"]:
        n, late = 6, ctx.g.lex.int_value("half", m["half"]) == 2
    else:
        start, num = ctx.back(start, ctx.g.number_tail)
        if num is None:
            return None
        n = int(num["n"]) if num["n"].isdigit() else ctx.g.lex.int_value("number", num["n"])
        late = ctx.g.lex.value("part", m["which"]) == "late"
    if not 1 <= n <= 11:
        return None
    first, last = (13 - n, 12) if late else (1, n)
    return ctx.cand(start, m.end(), R.iso(year, first), R.iso(year, last), relative)


def _weekday(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"vào thứ Hai", "sáng Chủ nhật", "thứ Sáu tuần trước", "thứ Hai tới"."""
    start, dp = ctx.back(m.start(), ctx.g.daypart_tail)
    if not (dp or m["mod"]) and not ctx.ends(start, ctx.g.context_before):
        return None
    weekday = ctx.g.lex.int_value("weekday", m["wd"].split()[-1] if not m["sun"] else m["sun"])
    mode = ctx.g.lex.value("weekday_mod", m["mod"]) if m["mod"] else "past"
    day = R.weekday_date(ctx.ref, weekday, mode)
    return ctx.cand(start, m.end(), day.isoformat(), None, True)


def _festival(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """Fixed-date festivals: "Tết Dương lịch" is 1 January."""
    mm, dd = (int(x) for x in ctx.g.lex.value("festival", m["fest"]).split("-"))
    year = _int(m["y"])
    day = date(year, mm, dd) if year else R.resolve_day_month(dd, mm, ctx.ref)
    return ctx.cand(m.start(), m.end(), day.isoformat(), None, year is None)


def _tet(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"dịp Tết", "Tết Nguyên đán 2024", "Tết Giáp Thìn", "mùng 3 Tết"."""
    lex = ctx.g.lex
    if ctx.starts(m.end(), ctx.g.festival_other):
        return None  # "dịp Tết Trung thu" is another festival
    start, pre = ctx.back(m.start(), ctx.g.tet_before)
    n = int(pre["n"]) if pre and pre["n"] else None
    year = _int(m["y"])
    if m["can"]:
        year = R.can_chi_year(lex.int_value("can", m["can"]), lex.int_value("chi", m["chi"]), ctx.ref)
    if not (pre or m["tw"] or year):
        return None  # a bare "Tết" ("quà Tết") names no particular day
    if year is not None:
        if year not in lex.tet:
            return None
        day = lex.tet[year]
    else:
        ref = ctx.ref
        if ref is None:
            return None
        near = [lex.tet[y] for y in (ref.year - 1, ref.year, ref.year + 1) if y in lex.tet]
        if not near:
            return None
        day = min(near, key=lambda d: abs((d - ref).days))
    if n:
        day = R.shift_day(day, n - 1)
    return ctx.cand(start, m.end(), day.isoformat(), None, m["y"] is None)


def vi_rules(g: Grammar) -> list[Rule]:
    lex = g.lex
    w = lex.words
    mw = alt(w("month"), ci=False)
    year_rel = alt(x for x in w("relative") if lex.value("relative", x).startswith("year:"))
    direction = alt(w("direction"))
    sep = r"[/.\-]"
    ngay, thang, nam = alt(["ngày"]), alt(["tháng"]), alt(["năm"])
    conn_words = alt(["đến", "tới"])
    month_tail = (rf"\s+{thang}\s+(?P<mt>{M})(?![0-9])"
                  rf"(?:\s*(?:[,/]\s*|\s{nam}\s+)(?P<yt>{Y}))?")
    weekday_cap = alt([x for x in w("weekday") if " " not in x], ci=False)
    sunday = alt([x for x in w("weekday") if " " in x])
    tet_words = alt(w("tet_word"), ci=False)
    can, chi = alt(w("can"), ci=False), alt(w("chi"), ci=False)
    d1 = rf"(?P<d1>{DL})"
    THANG, NGAY, NAM, TET = words(["tháng"]), words(["ngày"]), words(["năm"]), words(["tết"])  # noqa: N806
    # one month of a list, with its own year or not; the items are read again by _MONTH_ITEM
    month_item = rf"(?:{thang}\s+)?{M}(?![0-9])(?:(?:\s*[/.\-]\s*|\s+{nam}\s+){Y}(?![0-9]))?"
    return [
        rule("vi_dmy", rf"(?P<d>{DL})(?P<s>{sep})(?P<m>{M})(?P=s)(?P<y>{Y}){NA}", _dmy, "num", needs=(DM, YEAR)),
        rule("vi_dm", rf"(?P<d>{DL})(?P<s>{sep})(?P<m>{M})(?:\s+{nam}\s+(?P<y>{Y}))?{NA}", _dm, "num", needs=(DM,)),
        rule("vi_day_list",
             rf"{d1}(?P<more>(?:\s*,\s*{D})*)\s*(?P<conn>{DASH}|{alt(['đến', 'tới', 'và'])}|,)\s*"
             rf"(?P<dw>{ngay}\s+)?(?P<d2>{D})(?:(?P<s>{sep})(?P<m>{M})(?:(?P=s)(?P<y>{Y}))?|{month_tail})?{NA}",
             _day_list, "num", needs=(DIGIT,)),
        rule("vi_dm_range",
             rf"{d1}(?P<s1>{sep})(?P<m1>{M})(?:(?P=s1)(?P<y1>{Y}))?\s*(?P<conn>{DASH}|{conn_words})"
             rf"\s*(?:{ngay}\s+)?(?P<d2>{D})(?P<s2>{sep})(?P<m2>{M})(?:(?P=s2)(?P<y2>{Y}))?{NA}",
             _dm_range, "num", needs=(DM,)),
        rule("vi_textual",
             rf"{d1}(?:\s+{thang}\s+(?:(?P<m1>{M})(?![0-9])|(?P<mw1>{mw}))"
             rf"(?:\s*,?\s*{nam}\s+(?P<y1>{Y}))?\s*(?P<conn>{DASH}|{conn_words})\s*(?:{ngay}\s+)?"
             rf"(?P<d2>{D}))?\s+{thang}\s+(?:(?P<m2>{M})(?![0-9])|(?P<mw2>{mw})(?!\w))"
             rf"(?:\s*,?\s*{nam}\s+(?P<y2>{Y})(?![0-9]))?",
             _textual, "num", needs=(DIGIT, THANG)),
        rule("vi_day_only",
             rf"{ngay}\s+(?:{alt(['mùng', 'mồng'])}\s+)?(?P<d>{D})"
             rf"(?![0-9]|\s*[/.\-–—]\s*[0-9]|[^\W\d])",
             _day_only, needs=(DIGIT, NGAY)),
        rule("vi_month",
             rf"{thang}\s+(?:(?P<m>{M})(?![0-9])|(?P<mw>{mw})(?!\w))"
             rf"(?:\s*(?:{sep}|,?\s+{nam}\s)\s*(?P<y>{Y})(?![0-9])|\s+(?P<ry>{year_rel})(?!\w))?"
             rf"(?:\s+(?P<dir>{direction})(?!\w))?(?![/.\-–—]?[0-9])",
             _month, needs=(THANG,)),
        rule("vi_month_list",
             rf"{thang}\s+(?P<list>{month_item}(?:\s*,\s*{month_item})*"
             rf"(?:\s*,?\s*{alt(['và', 'hoặc'])}\s+|\s*,\s*){month_item})"
             rf"(?:\s+(?P<ry>{year_rel})(?!\w))?(?![0-9]|[/.\-–—][0-9]|[^\W\d])",
             _month_list, needs=(THANG, DIGIT)),
        rule("vi_month_year", rf"(?P<m>{DL})[/.\-](?P<y>{Y}){NA}", _month_year, "num", needs=(DM, YEAR)),
        rule("vi_month_range",
             rf"{thang}\s+(?P<m1>{M})(?:\s*(?:{sep}|\s{nam})\s*(?P<y1>{Y}))?"
             rf"\s*(?:{DASH}|{conn_words})\s*(?:{thang}\s+)?(?P<m2>{M})(?![0-9])"
             rf"(?:\s*(?:{sep}|\s{nam})\s*(?P<y2>{Y}))?(?![0-9])",
             _month_range, needs=(THANG, DIGIT)),
        rule("vi_year", rf"{nam}\s+(?P<y>{Y})(?![0-9]|[^\W\d])", _year, needs=(NAM, YEAR)),
        rule("vi_year_span",
             rf"(?P<y1>{Y})\s*(?P<conn>{DASH}|{conn_words})\s*(?:{nam}\s+)?"
             rf"(?:(?P<y2>{Y})|(?P<yy>(?!))|(?P<now>{alt(['nay', 'hiện nay', 'hiện tại'])}))(?![0-9]|[^\W\d])",
             _year_span, "num", needs=(YEAR,)),
        rule("vi_quarter",
             rf"{alt(['quý'])}\s+(?P<q>IV|III|II|I|[1-4])(?![0-9]|[^\W\d])"
             rf"(?:\s*(?:[/\-,]\s*|\s{nam}\s+)(?P<y>{Y})(?![0-9])|\s+(?P<ry>{year_rel})(?!\w))?",
             _quarter, needs=(words(['quý']),)),
        rule("vi_months_of_year",
             rf"{thang}\s+(?P<which>{alt(['đầu', 'cuối'])})(?P<half>(?!))?"
             rf"(?:\s+(?P<ry>{year_rel})|\s+{nam}(?:\s+(?P<y>{Y})(?![0-9]))?)(?!\w)",
             _months_of_year, needs=(THANG,)),
        rule("vi_half_year",
             rf"(?P<half>{alt(w('half'))})(?P<which>(?!))?"
             rf"(?:\s+(?P<ry>{year_rel})|\s+{nam}(?:\s+(?P<y>{Y})(?![0-9]))?)(?!\w)",
             _months_of_year, needs=(words(w('half')), NAM)),
        rule("vi_weekday",
             rf"(?:(?P<wd>{alt(['thứ'])}\s+{weekday_cap})|(?P<sun>{sunday}))"
             rf"(?!\w)(?:\s+(?P<mod>{alt(w('weekday_mod'))})(?!\w))?",
             _weekday, needs=(words(['thứ', 'chủ nhật']),)),
        rule("vi_tet",
             rf"(?:Tết|TẾT)(?:\s+(?P<tw>{tet_words}))?(?:\s+(?:(?P<y>{Y})(?![0-9])"
             rf"|(?P<can>{can})\s+(?P<chi>{chi})))?(?!\w)",
             _tet, needs=(TET,)),
        rule("vi_festival",
             rf"(?P<fest>{alt(w('festival'), ci=False)})(?:\s+(?P<y>{Y}))?(?![0-9]|[^\W\d])",
             _festival, needs=(TET,)),
    ]
