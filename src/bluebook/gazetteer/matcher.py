"""One Aho-Corasick pass over lower-cased normalised text; longest match wins.

Aliases flagged ``case`` must match with their exact capitalisation (``US``, ``WHO``, ``Anh``);
person names must start with a capital letter as written. Ambiguous aliases are kept or dropped
by the context rules in ``context.py``. Aliases of kind ``block`` name things that contain an
entity's name but are not that entity ("Ấn Độ Dương", "Ho Chi Minh City", "South China Sea"):
they take part in the longest-match contest and are then dropped, so what they cover yields nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import ahocorasick

from bluebook.gazetteer.data import Alias

# Dashes fold to '-' and curly apostrophes to "'", so one alias covers "Ấn Độ – Thái Bình Dương" and
# "People’s Republic" however they are typed; each maps one character to one, so offsets stay valid.
_FOLDS = (("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
          ("\u2212", "-"), ("\u2019", "'"), ("\u2018", "'"))


def lower_same_length(text: str) -> str:
    """``str.lower`` (dashes and apostrophes folded) unless it would change the length (e.g. 'İ'); offsets must stay valid."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for char, plain in _FOLDS:
        # str.replace per character: str.translate goes through Python objects, ten times slower
        if char in low:
            low = low.replace(char, plain)
    return low


def normalise_key(s: str) -> str:
    from bluebook.clean.normalize import normalize

    return lower_same_length(normalize(s)[0])


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    alias: Alias


class Matcher:
    """Aliases of all languages; one automaton per language asked for, built on first use.

    A Vietnamese text scanned with the English acronyms too ("UN", "AU", "US") gives ten times the
    raw hits inside words, each a Python iteration, so each language gets its own automaton.
    """

    def __init__(self, aliases: list[Alias]) -> None:
        self.aliases = aliases
        self._automata: dict[str | None, ahocorasick.Automaton | None] = {}
        self.empty = not aliases

    def automaton(self, lang: str | None) -> ahocorasick.Automaton | None:
        if lang not in self._automata:
            self._automata[lang] = _build([a for a in self.aliases if not lang or a.lang in (lang, "*")])
        return self._automata[lang]

    def find(self, text: str, lang: str | None = None, overlapping: bool = False) -> list[Hit]:
        """Accepted hits in order: non-overlapping with the longest winning, or all of them.

        Block aliases compete for the longest match but are never returned.
        """
        auto = None if self.empty else self.automaton(lang)
        if auto is None:
            return []
        low = lower_same_length(text)
        n = len(text)
        # (-length, start, end, alias): sorted, the longest come first, then the leftmost; plain tuples and
        # C-level sort keys, as this runs for every raw hit of every document
        cands: list[tuple[int, int, int, Alias]] = []
        for end_idx, (length, items, fixed) in auto.iter(low):
            start, end = end_idx - length + 1, end_idx + 1
            # word boundaries: the automaton finds keys inside words too ("un" in "function")
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            if end < n and (text[end].isalnum() or text[end] == "_"):
                continue
            best = fixed if fixed is not None else _best(items, text[start:end])
            if best is not None:
                cands.append((-length, start, end, best))
        if overlapping:
            return sorted((Hit(s, e, a) for _, s, e, a in cands if a.kind != "block"), key=lambda h: (h.start, -h.end))
        cands.sort(key=_LONGEST_FIRST)      # one key per span: no ties
        taken = bytearray(n)   # occupied characters: linear, where a list of spans was quadratic
        out: list[tuple[int, int, Alias]] = []
        for _, s, e, a in cands:
            if taken.find(1, s, e) >= 0:
                continue
            taken[s:e] = b"\x01" * (e - s)
            if a.kind != "block":
                out.append((s, e, a))
        out.sort(key=_START)
        return [Hit(s, e, a) for s, e, a in out]


_LONGEST_FIRST = itemgetter(0, 1)
_START = itemgetter(0)


def _build(aliases: list[Alias]) -> ahocorasick.Automaton | None:
    table: dict[str, list[Alias]] = {}
    for a in aliases:
        key = normalise_key(a.text)
        if len(key) < 2:
            continue
        table.setdefault(key, []).append(a)
    if not table:
        return None
    auto = ahocorasick.Automaton()
    for key, items in table.items():
        # best first, so the scan stops at the first alias the written form accepts
        ranked = sorted(items, key=_rank)
        auto.add_word(key, (len(key), ranked, ranked[0] if _any_form(ranked[0]) else None))
    auto.make_automaton()
    return auto


def _any_form(a: Alias) -> bool:
    """``_best`` takes this alias however the key is written (no test below applies to it)."""
    return "case" not in a.flags and a.kind not in ("person", "state", "org", "capital")


def _best(items: list[Alias], written: str) -> Alias | None:
    for a in items:
        if "case" in a.flags and written != a.text:
            continue
        if a.kind == "person" and not written[:1].isupper():
            continue
        if a.kind in ("state", "org", "capital") and "lower_ok" not in a.flags \
                and written[:1].islower() and a.text[:1].isupper():
            # names are written with a capital; 'lào', 'pháp', 'turkey' lower-case are other words
            continue
        return a
    return None


# A block outranks everything on the same span: "Chủ tịch Hồ Chí Minh" is no current office holder.
_KIND_RANK = {"block": -1, "person": 0, "title": 1, "org": 2, "state": 3, "adjective": 4, "demonym": 5,
              "capital": 6}


def _rank(a: Alias) -> int:
    return _KIND_RANK.get(a.kind, 9)
