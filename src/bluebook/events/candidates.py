"""Trigger candidates in one sentence: which event types the sentence may state, and where."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from bluebook.events.lexicon import Cues, Trigger, cue_view, trigger_index
from bluebook.models import DateExpr, Sentence

_MEETINGS = frozenset({"talks", "visit", "phone_call", "conference"})
# How far before a trigger a negation or future marker still governs it (characters).
_NEG_WINDOW = 18
_PLAN_WINDOW = 45
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:nhưng|song|tuy nhiên|but|while|whereas)\b|\.\s", re.IGNORECASE)


@dataclass(slots=True)
class Candidate:
    type: str
    start: int          # trigger offsets relative to the sentence
    end: int
    trigger: Trigger
    planned: bool = False
    repeated: bool = False   # the sentence has this type's trigger more than once (a list)
    own_date: DateExpr | None = None   # "(8/8/2024)" right in this item of a list of dated items
    stop: int = -1           # where the next trigger of the sentence starts (-1: the sentence end)
    anaphoric: bool = False  # "chuyến thăm này", "during the visit": may be an event already told


_WORD_CHAR = re.compile(r"\w")


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after the last clause break ending by ``pos``."""
    if pos <= 0:
        return 0
    if _WORD_CHAR.match(text, pos - 1) is None:
        # Not inside a word (a trigger never starts inside one), so the breaks found in the whole text
        # are the ones a scan stopping at ``pos`` finds, unless one runs across ``pos``.
        starts, ends = _breaks(text)
        i = bisect.bisect_right(ends, pos)
        if i == len(starts) or starts[i] >= pos:
            return ends[i - 1] if i else 0
    last = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        last = m.end()
    return last


@lru_cache(maxsize=64)
def _breaks(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause breaks of a sentence, found once for all its triggers."""
    spans = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
    return [a for a, _ in spans], [b for _, b in spans]


def _habitual(cue: Cues, text: str, start: int, end: int) -> bool:
    """A practice ("maintained telephone conversations"), unless examples follow ("..., including")."""
    ends = [m.end() for m in cue.habitual.finditer(text, start, end)]
    return bool(ends) and cue.instance.search(text, ends[-1], end) is None


def _matches(pattern: re.Pattern[str], text: str, spots: list[int] | None) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, trying only the offsets where a match may start when they are known."""
    if spots is None:
        return list(pattern.finditer(text))
    out = []
    end = 0
    for p in spots:
        if p >= end and (m := pattern.match(text, p)) is not None:
            out.append(m)
            end = m.end()
    return out


def find_candidates(sentence: Sentence) -> list[Candidate]:
    # hard-wrapped lines: a line break is a space to the patterns (same length, so offsets hold)
    text = sentence.text.replace("\n", " ").replace("\t", " ")
    lang = sentence.lang if sentence.lang in ("vi", "en") else "vi"
    found: list[Candidate] = []
    lowered = text.lower()
    # cues run on ``low``: the lower-cased text, or the text itself where lower-casing is not exact
    cue, low = cue_view(text, lang, lowered)
    sports: bool | None = None     # asked only when a meeting trigger is there
    # offsets in the lower-cased text are offsets in the text unless lower-casing changed a length ("İ")
    aligned = len(lowered) == len(text)
    index = trigger_index(lang)
    # where lower-casing is not how re folds case ("İ", "ı"), lower-case anchors could miss a match
    for trig, spots in (index.spots(lowered) if low is lowered else index.every()):
        if trig.type in _MEETINGS:
            if sports is None:
                sports = cue.sports.search(low) is not None
            if sports:
                continue    # teams meet and visit in the sports pages too
        if trig.requires is not None and not trig.requires.search(text):
            continue
        for m in _matches(trig.pattern, text, spots if aligned else None):
            s, e = m.start(), m.end()
            if _overlaps(found, s, e):
                continue  # a longer, earlier-listed trigger already covers this span
            cs = clause_start(text, s)
            if cue.negation.search(low[max(cs, s - _NEG_WINDOW):s]):
                continue
            if cue.hypothetical.search(low[cs:s]) or _habitual(cue, low, cs, s):
                continue
            plan_from = max(cs, s - _PLAN_WINDOW)
            if trig.type == "visit" and cue.invitation.search(low, plan_from, s):
                continue    # "mời Thủ tướng Thái Lan sớm thăm Việt Nam", "invited him to visit"
            planned = cue.planned.search(low[plan_from:s]) is not None
            anaphoric = (cue.anaphor_before.search(low[max(0, s - 30):s]) is not None
                         or cue.anaphor_after.search(low[e:e + 20]) is not None)
            ev_type = trig.type
            if ev_type == "conference" and cue.mechanism.search(low, max(0, s - 10), min(len(text), e + 100)):
                ev_type = "talks"   # "co-chaired the 41st Meeting of the Intergovernmental Committee"
            found.append(Candidate(ev_type, s, e, trig, planned, anaphoric=anaphoric))
    found.sort(key=lambda c: c.start)
    return found


def _overlaps(found: list[Candidate], s: int, e: int) -> bool:
    for c in found:
        if c.start < e and s < c.end:
            return True
    return False
