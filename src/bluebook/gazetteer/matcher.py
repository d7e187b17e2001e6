"""One Aho-Corasick pass over lower-cased normalised text; longest match wins.

Aliases flagged ``case`` must match with their exact capitalisation (``US``, ``WHO``, ``Anh``);
person names must start with a capital letter as written. Ambiguous aliases are kept or dropped
by the context rules in ``context.py``.
"""
from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from bluebook.gazetteer.data import Alias


def lower_same_length(text: str) -> str:
    """``str.lower`` unless it would change the length (e.g. 'İ'); offsets must stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normalise_key(s: str) -> str:
    from bluebook.clean.normalize import normalize

    return lower_same_length(normalize(s)[0])


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    alias: Alias


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class Matcher:
    def __init__(self, aliases: list[Alias]) -> None:
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[Alias]] = {}
        for a in aliases:
            key = normalise_key(a.text)
            if len(key) < 2:
                continue
            table.setdefault(key, []).append(a)
        for key, items in table.items():
            self.automaton.add_word(key, (len(key), items))
        self.empty = not table
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str, lang: str | None = None, overlapping: bool = False) -> list[Hit]:
        """Accepted hits in order: non-overlapping with the longest winning, or all of them."""
        if self.empty:
            return []
        low = lower_same_length(text)
        n = len(text)
        cands: list[Hit] = []
        for end_idx, (length, items) in self.automaton.iter(low):
            start, end = end_idx - length + 1, end_idx + 1
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            if end < n and _is_word_char(text[end]):
                continue
            written = text[start:end]
            best = None
            for a in items:
                if lang and a.lang not in (lang, "*"):
                    continue
                if "case" in a.flags and written != a.text:
                    continue
                if a.kind == "person" and not written[:1].isupper():
                    continue
                if a.kind in ("state", "org", "capital") and "lower_ok" not in a.flags \
                        and written[:1].islower() and a.text[:1].isupper():
                    # names are written with a capital; 'lào', 'pháp', 'turkey' lower-case are other words
                    continue
                best = a if best is None or _rank(a) < _rank(best) else best
            if best is not None:
                cands.append(Hit(start, end, best))
        if overlapping:
            return sorted(cands, key=lambda h: (h.start, -h.end))
        cands.sort(key=lambda h: (-(h.end - h.start), h.start))
        taken = bytearray(n)   # occupied characters: linear, where a list of spans was quadratic
        out: list[Hit] = []
        for h in cands:
            if any(taken[h.start:h.end]):
                continue
            taken[h.start:h.end] = b"\x01" * (h.end - h.start)
            out.append(h)
        out.sort(key=lambda h: h.start)
        return out


_KIND_RANK = {"person": 0, "title": 1, "org": 2, "state": 3, "adjective": 4, "demonym": 5, "capital": 6}


def _rank(a: Alias) -> int:
    return _KIND_RANK.get(a.kind, 9)
