"""Trigger and cue lexicons, loaded from ``lang/<lang>/triggers.tsv`` and ``cues.tsv``.

Trigger patterns are regular expressions matched case-insensitively on a sentence; ``{CAP}`` stands
for a capital letter (Vietnamese included) and stays case-sensitive. ``requires`` is an optional
second pattern that must occur in the same sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from bluebook.errors import DataFileError
from bluebook.events.anchors import anchors
from bluebook.gazetteer.data import LANG, read_tsv

CAP = "(?-i:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ])"


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: re.Pattern[str]
    type: str
    requires: re.Pattern[str] | None
    flags: frozenset[str]
    source: str
    anchors: tuple[str, ...] | None = None   # lower-case literal starts; None: always try the regex

    def may_match(self, lowered: str) -> bool:
        return self.anchors is None or any(a in lowered for a in self.anchors)


@dataclass(frozen=True, slots=True)
class Cues:
    planned: re.Pattern[str]
    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    habitual: re.Pattern[str]      # "maintained telephone conversations": a practice, not an occurrence
    instance: re.Pattern[str]      # "..., including the call between A and B": back to occurrences
    anaphor_before: re.Pattern[str]   # "during the visit": an event already told
    anaphor_after: re.Pattern[str]    # "chuyến thăm này"
    sports: re.Pattern[str]           # "đội tuyển", "vòng bảng": a team "gặp" (plays) another
    invitation: re.Pattern[str]       # "mời Thủ tướng sớm thăm": not a visit (but "theo lời mời" is)
    markets: re.Pattern[str]          # "giá vàng", "tỷ giá": price and market reports
    mechanism: re.Pattern[str]        # "Intergovernmental Committee": a bilateral mechanism's meeting is talks


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        # the end is a word boundary unless the pattern itself ends on a space (then its lookahead decides)
        return re.compile(r"(?<![\w])(?:" + pattern.replace("{CAP}", CAP) + r")(?:(?<![\w])|(?![\w]))",
                          re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"bad pattern {pattern!r}: {exc}", source=where) from exc


@lru_cache(maxsize=4)
def triggers(lang: str) -> tuple[Trigger, ...]:
    path = LANG / lang / "triggers.tsv"
    out = []
    for r in read_tsv(path):
        req = r.get("requires", "")
        out.append(Trigger(_compile(r["pattern"], str(path)), r["type"],
                           _compile(req, str(path)) if req else None,
                           frozenset(f for f in r.get("flags", "").split(",") if f), r.get("source", ""),
                           anchors(r["pattern"].replace("{CAP}", CAP))))
    return tuple(out)


class TriggerIndex:
    """Which triggers a sentence may match, from one Aho-Corasick pass over it for all anchors."""

    def __init__(self, trigs: tuple[Trigger, ...]) -> None:
        self.triggers = trigs
        self.always = [i for i, t in enumerate(trigs) if t.anchors is None]
        self.automaton = ahocorasick.Automaton()
        by_anchor: dict[str, list[int]] = {}
        for i, t in enumerate(trigs):
            for a in t.anchors or ():
                by_anchor.setdefault(a, []).append(i)
        for a, idx in by_anchor.items():
            self.automaton.add_word(a, tuple(idx))
        self.empty = not by_anchor
        if not self.empty:
            self.automaton.make_automaton()

    def candidates(self, lowered: str) -> list[Trigger]:
        """The triggers to try on a sentence (``lowered`` is its lower-case text), in lexicon order."""
        hit = set(self.always)
        if not self.empty:
            for _, idx in self.automaton.iter(lowered):
                hit.update(idx)
        return [self.triggers[i] for i in sorted(hit)]


@lru_cache(maxsize=4)
def trigger_index(lang: str) -> TriggerIndex:
    return TriggerIndex(triggers(lang))


@lru_cache(maxsize=4)
def cues(lang: str) -> Cues:
    path = LANG / lang / "cues.tsv"
    groups: dict[str, list[str]] = {"planned": [], "negation": [], "hypothetical": [], "habitual": [], "instance": [],
                                     "anaphor_before": [], "anaphor_after": [], "sports": [],
                                     "invitation": [], "markets": [], "mechanism": []}
    for r in read_tsv(path):
        groups.setdefault(r["cue"], []).append(re.escape(r["pattern"]))

    def alt(words: list[str]) -> re.Pattern[str]:
        if not words:
            return re.compile(r"(?!x)x")
        words = sorted(words, key=len, reverse=True)
        return re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)

    return Cues(alt(groups["planned"]), alt(groups["negation"]), alt(groups["hypothetical"]),
                alt(groups["habitual"]), alt(groups["instance"]),
                re.compile(alt(groups["anaphor_before"]).pattern + r"\s*$", re.IGNORECASE),
                re.compile(r"^\s*" + alt(groups["anaphor_after"]).pattern, re.IGNORECASE),
                alt(groups["sports"]),
                re.compile(r"(?<!lời )(?<!the )(?<!an )" + alt(groups["invitation"]).pattern, re.IGNORECASE),
                alt(groups["markets"]), alt(groups["mechanism"]))
