"""Trigger candidates in one sentence: which event types the sentence may state, and where."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bluebook.events.lexicon import Cues, Trigger, cues, trigger_index
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


def clause_start(text: str, pos: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        last = m.end()
    return last


def _habitual(cue: Cues, text: str, start: int, end: int) -> bool:
    """A practice ("maintained telephone conversations"), unless examples follow ("..., including")."""
    ends = [m.end() for m in cue.habitual.finditer(text, start, end)]
    return bool(ends) and cue.instance.search(text, ends[-1], end) is None


def find_candidates(sentence: Sentence) -> list[Candidate]:
    # hard-wrapped lines: a line break is a space to the patterns (same length, so offsets hold)
    text = sentence.text.replace("\n", " ").replace("\t", " ")
    lang = sentence.lang if sentence.lang in ("vi", "en") else "vi"
    cue = cues(lang)
    found: list[Candidate] = []
    lowered = text.lower()
    sports = cue.sports.search(text) is not None
    for trig in trigger_index(lang).candidates(lowered):
        if sports and trig.type in _MEETINGS:
            continue    # teams meet and visit in the sports pages too
        if trig.requires is not None and not trig.requires.search(text):
            continue
        for m in trig.pattern.finditer(text):
            s, e = m.start(), m.end()
            if any(c.start < e and s < c.end for c in found):
                continue  # a longer, earlier-listed trigger already covers this span
            cs = clause_start(text, s)
            before = text[max(cs, s - _NEG_WINDOW):s]
            if cue.negation.search(before):
                continue
            if cue.hypothetical.search(text[cs:s]) or _habitual(cue, text, cs, s):
                continue
            if trig.type == "visit" and cue.invitation.search(text, max(cs, s - _PLAN_WINDOW), s):
                continue    # "mời Thủ tướng Thái Lan sớm thăm Việt Nam", "invited him to visit"
            planned = bool(cue.planned.search(text[max(cs, s - _PLAN_WINDOW):s]))
            anaphoric = bool(cue.anaphor_before.search(text[max(0, s - 30):s])
                             or cue.anaphor_after.search(text[e:e + 20]))
            ev_type = trig.type
            if ev_type == "conference" and cue.mechanism.search(text, max(0, s - 10), min(len(text), e + 100)):
                ev_type = "talks"   # "co-chaired the 41st Meeting of the Intergovernmental Committee"
            found.append(Candidate(ev_type, s, e, trig, planned, anaphoric=anaphoric))
    found.sort(key=lambda c: c.start)
    return found
