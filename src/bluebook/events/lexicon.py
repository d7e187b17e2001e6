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
from bluebook.events.anchors import anchors, required
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
    required: str | None = None   # without anchors, a lower-case literal every match contains

    def may_match(self, lowered: str) -> bool:
        if self.anchors is None:
            return self.required is None or self.required in lowered
        return any(a in lowered for a in self.anchors)


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
                           anchors(r["pattern"].replace("{CAP}", CAP)), required(r["pattern"].replace("{CAP}", CAP))))
    return tuple(out)


class TriggerIndex:
    """Which triggers a sentence may match, and where, from one Aho-Corasick pass over it for all anchors."""

    def __init__(self, trigs: tuple[Trigger, ...]) -> None:
        self.triggers = trigs
        self.always = [i for i, t in enumerate(trigs) if t.anchors is None and t.required is None]
        self.needs = [(i, t.required) for i, t in enumerate(trigs) if t.anchors is None and t.required is not None]
        self.automaton = ahocorasick.Automaton()
        by_anchor: dict[str, list[int]] = {}
        for i, t in enumerate(trigs):
            for a in t.anchors or ():
                by_anchor.setdefault(a, []).append(i)
        for a, idx in by_anchor.items():
            self.automaton.add_word(a, (len(a) - 1, tuple(idx)))
        self.empty = not by_anchor
        if not self.empty:
            self.automaton.make_automaton()

    def candidates(self, lowered: str) -> list[Trigger]:
        """The triggers to try on a sentence (``lowered`` is its lower-case text), in lexicon order."""
        return [t for t, _ in self.spots(lowered)]

    def every(self) -> list[tuple[Trigger, list[int] | None]]:
        """Every trigger, each to try on the whole sentence: for text where lower-casing is not how
        ``re`` folds case (see ``lower_ok``), so lower-case anchors could miss a match."""
        return [(t, None) for t in self.triggers]

    def spots(self, lowered: str) -> list[tuple[Trigger, list[int] | None]]:
        """The triggers to try, in lexicon order, each with the sorted offsets in ``lowered`` where one
        of its anchors starts (a match can start nowhere else), or None: try the whole sentence."""
        at: dict[int, list[int] | None] = dict.fromkeys(self.always)
        for i, word in self.needs:
            if word in lowered:
                at[i] = None
        if not self.empty:
            for end, (back, idx) in self.automaton.iter(lowered):
                for i in idx:
                    got = at.get(i)
                    if got is None:
                        at[i] = [end - back]
                    else:
                        got.append(end - back)
        out = []
        for i in sorted(at):
            spots = at[i]
            if spots is not None and len(spots) > 1:
                spots = sorted(set(spots))
            out.append((self.triggers[i], spots))
        return out


@lru_cache(maxsize=4)
def trigger_index(lang: str) -> TriggerIndex:
    return TriggerIndex(triggers(lang))


# Characters that re's IGNORECASE matches to a letter other than their own lower case (sre's case
# equivalences: dotless ı and İ ~ i, long ſ ~ s, Greek symbol forms) or whose lower case depends on
# their context (Greek final sigma): where one occurs, cues are matched the case-insensitive way.
_ODD_FOLDS = re.compile("[\u0130\u0131\u017f\u00b5\u0345\u0370-\u03ff\u1e9b\u1fbe\u1fd3\u1fe3\ufb05\ufb06]")


def lower_ok(text: str, lowered: str) -> bool:
    """Do the lower-case cue patterns on ``lowered`` (``text.lower()``) answer exactly as the
    case-insensitive ones on ``text``? Yes, unless lower-casing moved offsets or an odd fold occurs."""
    return len(lowered) == len(text) and _ODD_FOLDS.search(text) is None


def cue_view(text: str, lang: str, lowered: str | None = None) -> tuple[Cues, str]:
    """The cue patterns of ``lang`` and the string to run them on (offsets are those of ``text``).

    The lower-case patterns on the lower-cased text wherever that is exact: they are tries of plain
    characters, which ``re`` scans several times faster than a case-insensitive list of words.
    """
    low = text.lower() if lowered is None else lowered
    if lower_ok(text, low):
        return cues(lang, True), low
    return cues(lang), text


def _trie(words: set[str]) -> str:
    """The words as a regex trie of plain characters, a longer word tried before its prefix, each
    starting where no word character stands before it.

    That test comes after the first character ("not a word character, then this one"), not before it:
    a pattern opening with a plain character lets ``re`` skip fast to where it may match.
    """
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root, _NOT_AFTER_WORD)


_NOT_AFTER_WORD = r"(?<![\w](?s:.))"


def _emit(node: dict[str, dict], after_first: str = "") -> str:
    branches = [re.escape(k) + after_first + _emit(child) for k, child in sorted(node.items()) if k]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def word_pattern(words: list[str], lower: bool = False, before: str = "", after: str = "") -> re.Pattern[str]:
    """Any of ``words`` as a whole word: case-insensitive, longest first; or (``lower``) the same for
    lower-cased text, as a trie (see ``cue_view``: run it on ``text.lower()`` where ``lower_ok``).
    ``before``/``after`` are regex parts put around it."""
    if not words:
        body = r"(?!x)x"
    elif lower:
        body = "(?:" + _trie({w.lower() for w in words}) + r")(?![\w])"
    else:
        body = r"(?<![\w])(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + r")(?![\w])"
    return re.compile(before + body + after, 0 if lower else re.IGNORECASE)


@lru_cache(maxsize=4)
def cues(lang: str, lower: bool = False) -> Cues:
    """The cue patterns of ``lang``: case-insensitive, or (``lower``) for lower-cased text (see ``cue_view``)."""
    path = LANG / lang / "cues.tsv"
    groups: dict[str, list[str]] = {"planned": [], "negation": [], "hypothetical": [], "habitual": [], "instance": [],
                                     "anaphor_before": [], "anaphor_after": [], "sports": [],
                                     "invitation": [], "markets": [], "mechanism": []}
    for r in read_tsv(path):
        groups.setdefault(r["cue"], []).append(r["pattern"])

    def pat(words: list[str], before: str = "", after: str = "") -> re.Pattern[str]:
        return word_pattern(words, lower, before, after)

    return Cues(pat(groups["planned"]), pat(groups["negation"]), pat(groups["hypothetical"]),
                pat(groups["habitual"]), pat(groups["instance"]),
                pat(groups["anaphor_before"], after=r"\s*$"), pat(groups["anaphor_after"], before=r"^\s*"),
                pat(groups["sports"]), pat(groups["invitation"], before=r"(?<!lời )(?<!the )(?<!an )"),
                pat(groups["markets"]), pat(groups["mechanism"]))
