"""Regex building blocks shared by the Vietnamese and English date rules.

The numbers (day, month, year) and the separators between them are language
structure and live here as regex fragments; every word comes from the
language's ``dates.tsv`` through :class:`Grammar`, which compiles once per
language the small look-behind/look-ahead tests the rules need (is "5-4"
preceded by "sáng" or by "tỉ số"? is "3/5" followed by "diện tích"?).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bluebook.dates.lexicon import Lexicon, get_lexicon
from bluebook.models import DateExpr

# A day 1..31, a month 1..12 (optionally zero-padded), a year 1000..2999.
D = r"(?:0?[1-9]|[12][0-9]|3[01])"
# A day opening a pattern, checked later. Spelled "[0-9][0-9]?", not "[0-9]{1,2}" (the same matches, tried
# in the same order): a pattern whose first item is a plain class lets ``re`` skip fast to where it may
# match, but a repeat hides the class from it (measured: several times faster on sentences with no date).
DL = r"[0-9][0-9]?"
M = r"(?:0?[1-9]|1[0-2])"
Y = r"(?:1[0-9]{3}|2[0-9]{3})"
# Not glued to a longer number, code or word on the left ("COVID-19", "G20", "1.000", "6/45").
NB = r"(?<![\w/.,:\-–—])"
# ... nor on the right ("15/2020/NĐ-CP", "3/5%", "22/11-23/11" which a span rule reads whole).
NA = r"(?![0-9%]|[/.,:\-–—][0-9]|[^\W\d])"
ORD = r"(?:st|nd|rd|th)?"
DASH = r"(?:-|–|—)"

# Bare years (no "năm"/"year" before them) are believed only in this range.
BARE_YEARS = range(1945, 2101)


def _variants(word: str) -> set[str]:
    """The spellings of a word news actually uses: as listed, lower, Capitalised, Title, UPPER.

    Spelled out instead of ``(?i:...)`` because ``re`` scans fast only for
    patterns that open with plain characters (measured: 3-8x faster).
    """
    return {word, word.lower(), word[:1].upper() + word[1:], word.title(), word.upper()}


def alt(words: Iterable[str], ci: bool = True) -> str:
    """Regex matching any of the words (longest first), spaces matching any whitespace run.

    Emitted as a trie ("hôm(?:\\s+(?:nay|qua))?") rather than a flat list: with
    two hundred spellings of the relative phrases that is six times faster.
    """
    trie: dict[str, dict] = {}
    for word in words:
        for form in _variants(word) if ci else {word}:
            node = trie
            for tok in _TOKENS.findall(form):
                node = node.setdefault(" " if tok.isspace() else tok, {})
            node[""] = {}
    return _emit(trie) if trie else "(?!)"


_TOKENS = re.compile(r"\s+|.", re.S)


def _emit(node: dict[str, dict]) -> str:
    branches = [(r"\s+" if k == " " else re.escape(k)) + _emit(child)
                for k, child in sorted(node.items()) if k]
    if not branches:
        return ""
    if "" in node:  # a word ends here; longer words are tried first (greedy)
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def tail(pattern: str) -> re.Pattern[str]:
    r"""A pattern that must end where a match begins: ``tail(r"từ\s+")`` finds "từ " before it."""
    return re.compile(rf"(?<!\w)(?:{pattern})\Z")


def _tail(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when a window of text ends with one of the words (then spaces)."""
    words = list(words)
    chars = [w for w in words if len(w) == 1 and not w.isalnum()]
    names = [w for w in words if w not in chars]
    options = [rf"(?<!\w){alt(names)}\s*"] if names else []
    options += [re.escape(c) + r"\s*" for c in chars]
    return re.compile("(?:" + "|".join(options or ["(?!)"]) + r")\Z")


def _head(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when the text at a position starts (after spaces) with one of the words."""
    return re.compile(rf"[ \t]*{alt(words)}(?!\w)")


@dataclass(slots=True)
class Cand:
    """A candidate match: one expression, or several for a list ("March, May and August 2020")."""
    start: int
    end: int
    exprs: list[DateExpr]


class Grammar:
    """Compiled word tests of one language, built once from its lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        w = lex.words
        self.month_ci = {k.casefold(): int(v) for kind in ("month", "month_abbr")
                         for k, v in lex.rows.get(kind, {}).items()}
        weekday_words = w("weekday") + w("weekday_abbr")
        day_rel = [k for k, v in lex.rows.get("relative", {}).items() if v.startswith("day:")]
        tokens = w("daypart") + w("day_word") + day_rel
        if lex.lang == "vi":
            wd = rf"{alt(['thứ'])}\s+{alt(w('weekday_abbr') + [x for x in w('weekday') if ' ' not in x])}"
            tok = rf"(?:{alt(tokens)}|{wd}|{alt([x for x in w('weekday') if ' ' in x])})"
        else:
            tok = rf"(?:{alt(tokens)}|{alt(weekday_words, ci=False)}\.?)"
        # "Thứ năm, ngày ", "Hôm nay (", "sáng Chủ nhật ": words that belong to the date.
        self.prefix = re.compile(rf"(?:(?<!\w){tok}(?:\s*,\s*|\s*\(\s*|\s+))+\Z")
        span_words = ["từ", "kể từ"] if lex.lang == "vi" else ["from", "between"]
        self.span_prefix = re.compile(rf"(?<!\w){alt(span_words)}\s+(?:(?<!\w){tok}(?:\s*,\s*|\s+))*\Z")
        # brackets count only when they close right after the date ("(8-11)"), see rules_vi
        self.context_before = _tail(w("context") + w("day_word") + w("daypart"))
        self.not_before = _tail(w("not_before"))
        self.not_after = _head(w("not_after"))
        # "5 năm tới" is a duration; "1/5 năm nay" is a date followed by "this year"
        self.quantity_before = re.compile(rf"(?:(?<!\w){alt(w('quantity'))}|(?<![0-9/.\-–])[0-9]+)\s*\Z")
        self.month_context = _tail(w("month_context"))
        self.year_context = _tail(w("year_context"))
        self.span_before = _tail(w("span_before"))
        self.span_after = _head(w("span_after"))
        self.not_bare = frozenset(w("not_bare"))
        self.festival_other = _head(w("festival_other"))
        self.month_word = re.compile(alt(w("month"), ci=False))
        self.part_tail = tail(rf"(?P<part>{alt(w('part'))})[\s\-]+")
        self.from_tail = tail(rf"(?P<from>{alt(span_words)})\s+")
        self.daypart_tail = tail(rf"(?P<dp>{alt(w('daypart'))})\s+")
        self.mod_tail = tail(rf"(?P<mod>{alt(w('weekday_mod'))})\s+")
        self.ago_tail = tail(rf"{alt(w('ago_before'))}\s+")
        self.not_ago_after = _head(w("ago_stop"))
        self.tet_before = tail(rf"{alt(w('tet_before'))}\s+|{alt(['mùng', 'mồng'])}\s+(?P<n>[1-9]|10)\s+")
        self.not_day_before = tail(alt(w("not_day_before")) + r"\s*")
        self.lunar = re.compile(rf"\s*\(?\s*{alt(w('lunar'))}(?!\w)")
        self.number_tail = tail(rf"(?P<n>[0-9]{{1,2}}|{alt(w('number'))})\s+")

    def month_number(self, word: str) -> int:
        return self.month_ci[word.rstrip(".").casefold()]


@lru_cache(maxsize=4)
def grammar(lang: str) -> Grammar:
    return Grammar(get_lexicon(lang))


class Ctx:
    """One scan: the text, the document date and the grammar, with small context tests."""

    __slots__ = ("text", "ref", "g", "lang", "foreign")

    def __init__(self, text: str, ref: date | None, g: Grammar, foreign: bool = False) -> None:
        self.text = text
        self.ref = ref
        self.g = g
        self.lang = g.lex.lang
        self.foreign = foreign  # rules of another language quoted inside this text

    def before(self, i: int, n: int = 48) -> str:
        return self.text[max(0, i - n):i]

    def ends(self, i: int, pat: re.Pattern[str]) -> bool:
        return pat.search(self.before(i)) is not None

    def starts(self, j: int, pat: re.Pattern[str]) -> bool:
        return pat.match(self.text, j) is not None

    def back(self, i: int, pat: re.Pattern[str]) -> tuple[int, re.Match[str] | None]:
        """Start of the words matched by a ``tail`` pattern right before ``i`` (or i), and the match."""
        win = self.before(i)
        m = pat.search(win)
        if m is None:
            return i, None
        return i - (len(win) - m.start()), m

    def extend(self, start: int, end: int, span: bool = False) -> tuple[int, int, bool]:
        """Widen a day expression over the words that belong to it ("tối", "Thứ năm, ngày", "từ").

        Returns the new start and end and whether such words were found: they
        also prove that an ambiguous "5-4" is a date.
        """
        win = self.before(start, 64)
        m = None
        if span:
            m = self.g.span_prefix.search(win)
        if m is None:
            m = self.g.prefix.search(win)
        if m is None:
            return start, end, False
        new_start = start - (len(win) - m.start())
        pre = self.text[new_start:start]
        if "(" in pre:
            if self.text.startswith(")", end):
                end += 1
            else:  # keep only what follows the unclosed bracket
                new_start += pre.rindex("(") + 1
                while new_start < start and self.text[new_start].isspace():
                    new_start += 1
        return new_start, end, True

    def expr(self, start: int, end: int, first: str, last: str | None = None,
             relative: bool = False) -> DateExpr:
        if last == first:
            last = None
        return DateExpr(start=start, end=end, text=self.text[start:end], date=first,
                        date_end=last, relative=relative)

    def cand(self, start: int, end: int, first: str, last: str | None = None,
             relative: bool = False) -> Cand:
        return Cand(start, end, [self.expr(start, end, first, last, relative)])
