"""Which rules could match a text at all, from a few substring tests.

Most sentences hold no date, and most of the ones that do hold one or two
kinds ("ngày 5/3", "năm 2020"). Running fifty regexes over each is what made
the date scan a fifth of extraction time. Every rule therefore declares what
any text it matches must contain (``needs``): clauses that must all hold,
each a tuple of atoms of which one must be present. An atom is

- ``#d`` a digit, ``#dm`` a digit, separator, digit ("5/3", "2020-11"),
  ``#y`` a number 1000-2999;
- ``=Word``: that exact substring (English month names are case-sensitive);
- ``word``: that substring of the lower-cased text.

The atoms present in a text form a bit mask; the rules whose clauses all
meet it are cached by mask, so the cost per text is one pass of ``in`` tests.
A rule whose ``needs`` are wrong would silently lose dates: the tests compare
gated and ungated scans on real and random text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

import ahocorasick

from bluebook.dates.patterns import alt

Needs = tuple[tuple[str, ...], ...]

DIGIT: tuple[str, ...] = ("#d",)
DM: tuple[str, ...] = ("#dm",)
YEAR: tuple[str, ...] = ("#y",)

_FLAGS = {
    "#d": re.compile(r"[0-9]"),
    "#dm": re.compile(r"[0-9][/.\-][0-9]"),
    "#y": re.compile(r"[12][0-9]{3}"),
}


def words(ws: Iterable[str], ci: bool = True) -> tuple[str, ...]:
    """One clause: any of the words. Of a phrase only its last word is tested ("hôm nay" -> "nay").

    Case-insensitive words are tested lower-cased; case-sensitive ones (``ci=False``)
    by their first three letters, which every spelling of an English month shares.
    """
    out: set[str] = set()
    for w in ws:
        toks = w.split()
        if not toks:
            continue
        if ci:
            out.add(toks[-1].lower())
        else:
            out.add("=" + toks[0][:3])
    return tuple(sorted(out))


def phrases(ws: Iterable[str]) -> Needs:
    """Two clauses for case-insensitive phrases: one of their first words, and one of their last.

    "hôm nay", "tuần tới": "nay" alone is everywhere in Vietnamese, "hôm"
    too, but a text must hold both kinds of word for one of the phrases to be there.
    """
    ws = [w for w in ws if w.split()]
    first = {w.split()[0].lower() for w in ws}
    last = {w.split()[-1].lower() for w in ws}
    return tuple(sorted(first)), tuple(sorted(last))


class _Gated(Protocol):
    @property
    def needs(self) -> Needs: ...


class Gate:
    """The rules of one language, indexed by the atoms they need."""

    def __init__(self, rules: Sequence[_Gated]) -> None:
        atoms = sorted({a for r in rules for clause in r.needs for a in clause})
        bit = {a: 1 << i for i, a in enumerate(atoms)}
        flags = [a for a in _FLAGS if a in bit]
        self.rules = tuple(rules)
        self._flags = [(_FLAGS[a], bit[a]) for a in flags]
        self._masks = [tuple(sum(bit[a] for a in clause) for clause in r.needs) for r in rules]
        self._cache: dict[int, tuple[int, ...]] = {}
        # Per set of flags found, only the words of the rules still possible are looked for:
        # without a year, Vietnamese text needs no test for English month names.
        self._words: dict[int, tuple[_Finder | None, _Finder | None]] = {}
        for combo in range(1 << len(flags)):
            have = {flags[i] for i in range(len(flags)) if combo >> i & 1}
            wanted = {a for r in rules if _possible(r.needs, have) for clause in r.needs for a in clause}
            fmask = sum(bit[a] for a in have)
            self._words[fmask] = (_finder(wanted, atoms, bit, False), _finder(wanted, atoms, bit, True))

    def present(self, text: str) -> int:
        """Bit mask of the atoms found in ``text``."""
        p = 0
        for pat, b in self._flags:
            if pat.search(text) is None:
                if not p:
                    break  # "#d" comes first: no digit, no "5/3" and no year either
                continue
            p |= b
        ci, cs = self._words[p]
        if ci is not None:
            p |= ci.mask(text.lower())
        if cs is not None:
            p |= cs.mask(text)
        return p

    def active(self, text: str) -> tuple[int, ...]:
        """Indexes of the rules that could match ``text``."""
        p = self.present(text)
        got = self._cache.get(p)
        if got is None:
            got = tuple(i for i, masks in enumerate(self._masks) if all(p & m for m in masks))
            if len(self._cache) < 65536:
                self._cache[p] = got
        return got


def _possible(needs: Needs, have: set[str]) -> bool:
    """Can a rule match, given which flags a text has? (its flag-only clauses decide)"""
    return all(not all(a in _FLAGS for a in clause) or any(a in have for a in clause) for clause in needs)


class _Finder:
    """Finds which of some words occur in a text with one pass.

    An Aho-Corasick automaton (in C) reports every occurrence of every word,
    overlapping ones too ("an" in "another"); words with a space in them (none
    today) are matched by a regex of look-aheads at every position instead,
    which reports the longest word starting there, the shorter words inside it
    being present too (``implied``).
    """

    def __init__(self, wanted: dict[str, int], kin: dict[str, int]) -> None:
        self.implied = {w: sum(b for k, b in kin.items() if k in w) for w in wanted}
        self.automaton: ahocorasick.Automaton | None = None
        if any(c.isspace() for w in wanted for c in w):
            self.pattern = re.compile("(?=(" + alt(wanted, ci=False) + "))")
            return
        self.automaton = ahocorasick.Automaton()
        for w, b in self.implied.items():
            self.automaton.add_word(w, b)
        self.automaton.make_automaton()

    def mask(self, text: str) -> int:
        p = 0
        if self.automaton is not None:
            for _, b in self.automaton.iter(text):
                p |= b
            return p
        for w in self.pattern.findall(text):
            p |= self.implied[w]
        return p


def _finder(wanted: set[str], atoms: list[str], bit: dict[str, int], cased: bool) -> _Finder | None:
    """The finder of the lower-cased (``cased`` False) or exact ("=Word") atoms among ``wanted``."""
    def mine(a: str) -> bool:
        return a[0] == "=" if cased else a[0] not in "#="
    strip = 1 if cased else 0
    kin = {a[strip:]: bit[a] for a in atoms if mine(a)}
    want = {a[strip:]: bit[a] for a in wanted if mine(a)}
    return _Finder(want, kin) if want else None
