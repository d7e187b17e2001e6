"""Run every rule of a language over a text and keep the best non-overlapping matches.

Each rule proposes candidates independently; the longest candidate wins any
overlap (ties: the earlier one, then the rule listed first), so "từ 31/10 đến
5/11" beats its parts "31/10" and "5/11", and "8 July 2020" beats "July 2020".
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache

from bluebook.dates.common import Rule, common_rules
from bluebook.dates.gate import Gate
from bluebook.dates.patterns import Cand, Ctx, Grammar, grammar
from bluebook.dates.rules_en import en_rules
from bluebook.dates.rules_vi import vi_rules
from bluebook.errors import BadDateError, ConfigError
from bluebook.models import DateExpr

LANGS = ("vi", "en")

# Texts up to this long (a sentence, a paragraph, a document head) run only the rules the gate allows.
GATE_MAX_CHARS = 4000

# A match whose handler hits one of these names no date: skip it, never crash.
_SKIP = (ValueError, OverflowError, KeyError, BadDateError)


@lru_cache(maxsize=4)
def rules_for(lang: str) -> tuple[Grammar, tuple[Rule, ...]]:
    g = grammar(lang)
    own = vi_rules(g) if lang == "vi" else en_rules(g)
    # Vietnamese text quotes English dates ("(Hanoi, 19 October 2020)"): read them too,
    # but only the forms that carry a year, so "May" and "March" stay words.
    extra = en_rules(grammar("en"), foreign=True) if lang == "vi" else []
    return g, tuple(own + common_rules(g) + extra)


@lru_cache(maxsize=4)
def gate_for(lang: str) -> Gate:
    return Gate(rules_for(lang)[1])


def has_date_hint(text: str, lang: str = "vi") -> bool:
    """Could ``find_dates(text, ref, lang)`` find anything, for some document date?

    Cheap (substring tests, no rule runs) and never wrong in one direction:
    when it says False, find_dates returns [] whatever ``ref`` is, so callers
    may skip the text. True only means "worth a look".
    """
    if not isinstance(text, str) or not text:
        return False
    return bool(gate_for(check_lang(lang)).active(text))


def check_lang(lang: str) -> str:
    key = (lang or "").lower()[:2]
    if key not in LANGS:
        raise ConfigError(f"no date rules for language {lang!r}", hint="use 'vi' or 'en'")
    return key


def check_ref(ref: date | str | None) -> date | None:
    if ref is None or (isinstance(ref, date) and not isinstance(ref, datetime)):
        return ref
    if isinstance(ref, datetime):
        return ref.date()
    try:
        return date.fromisoformat(str(ref)[:10])
    except ValueError:
        raise BadDateError(f"bad document date {ref!r}", hint="give a date or YYYY-MM-DD") from None


def candidates(text: str, ref: date | None, lang: str, gated: bool = True,
               ) -> tuple[list[tuple[Cand, int]], list[tuple[int, int]]]:
    """Every rule's candidates, and the spans of matches that named an impossible date.

    ``gated``: run only the rules whose needs the text meets (see gate.py);
    False runs them all, which tests use to check the gate loses nothing.
    """
    g, plan = _plan(lang)
    # a long text holds nearly every word the gate looks for: testing them costs more than it saves
    gated = gated and len(text) <= GATE_MAX_CHARS
    order_of = gate_for(lang).active(text) if gated else range(len(plan))
    own = Ctx(text, ref, g)
    quoted: Ctx | None = None
    out: list[tuple[Cand, int]] = []
    invalid: list[tuple[int, int]] = []
    for order in order_of:
        finditer, handler, glued, foreign = plan[order]
        ctx = own
        if foreign:
            if quoted is None:
                quoted = Ctx(text, ref, grammar("en"), foreign=True)
            ctx = quoted
        for m in finditer(text):
            s = m.start()
            if s and glued(text[s - 1]):
                continue  # "COVID-19", "G20", "1.000", "xtháng": part of a longer token
            try:
                cand = handler(m, ctx)
            except _SKIP:
                invalid.append((s, m.end()))
                continue
            if cand is not None and cand.exprs:
                out.append((cand, order))
    return out, invalid


@lru_cache(maxsize=4)
def _plan(lang: str) -> tuple[Grammar, tuple[tuple[Callable, Callable, Callable[[str], bool], bool], ...]]:
    """Per rule, what the scan loop needs, looked up once: its finditer, its handler, its left-boundary
    test and whether it is an English rule read in Vietnamese text."""
    g, rules = rules_for(lang)
    return g, tuple((r.pattern.finditer, r.handler, _GLUED_NUM if r.lead == "num" else _GLUED_WORD,
                     lang != "en" and r.name.startswith("en_")) for r in rules)


def select(cands: list[tuple[Cand, int]], invalid: list[tuple[int, int]] | None = None) -> list[Cand]:
    """Longest first; a candidate overlapping one already kept is dropped.

    So is a candidate lying inside the text of an impossible date: "29
    February 2021" must not come back as "February 2021".
    """
    if len(cands) == 1 and not invalid:
        return [cands[0][0]]        # most sentences with a date have one: nothing to choose
    cands.sort(key=lambda co: (co[0].start - co[0].end, co[0].start, co[1]))
    inside = _Containment(invalid or [])
    starts: list[int] = []
    kept: list[Cand] = []
    for cand, _ in cands:
        if inside(cand.start, cand.end):
            continue
        i = bisect.bisect_right(starts, cand.start)
        if i > 0 and kept[i - 1].end > cand.start:
            continue
        if i < len(kept) and kept[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        kept.insert(i, cand)
    return kept


class _Containment:
    """Is a span strictly inside one of the given spans? (O(log n) per question)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end: list[int] = []
        top = -1
        for _, b in spans:
            top = max(top, b)
            self.max_end.append(top)

    def __call__(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s)   # spans starting at or before s
        if i and self.max_end[i - 1] > e:
            return True
        j = bisect.bisect_left(self.starts, s)    # spans starting strictly before s
        return bool(j) and self.max_end[j - 1] >= e


def find_dates(text: str, ref: date | None, lang: str = "vi") -> list[DateExpr]:
    """Every date expression in ``text``, in order, resolved against the document date ``ref``.

    Offsets are relative to ``text``; expressions never overlap. Expressions
    that need ``ref`` (no year, relative words) are left out when it is None.
    """
    if not isinstance(text, str):
        raise TypeError("find_dates expects text as str")
    key = check_lang(lang)
    ref = check_ref(ref)
    if not text:
        return []
    cands, invalid = candidates(text, ref, key)
    if not cands:
        return []
    return [e for cand in select(cands, invalid) for e in cand.exprs]


def _GLUED_WORD(c: str) -> bool:
    return c.isalnum() or c == "_"


def _GLUED_NUM(c: str) -> bool:
    return c.isalnum() or c in "_/.,:-–—"
