"""The shortest stretch of a sentence that states the event, and where it took place."""
from __future__ import annotations

import re

from bluebook.events.candidates import Candidate, clause_start
from bluebook.models import Mention, Sentence

_ACTOR_REACH = 110     # how far before the trigger the actor may stand
_OBJECT_REACH = 110    # how far after the trigger the partner may stand
_CLAUSE_END = re.compile(r"[;.!?]\s|[;]|\n\s*\n|, (?:và |nhằm |để |trong đó |theo đó |which |where |who )")
# "\b(?:tại|ở|in|at)\s+(Name)", written to open with a character class, which ``re`` skips to fast
# (twice as fast as a word boundary first): a letter of the four words, not glued to a word before it.
_PLACE = re.compile(r"[tởia](?<![\w][tởia])(?:(?<=t)ại|(?<=ở)|(?<=i)n|(?<=a)t)\s+"
                    r"((?:thủ đô\s+)?(?:[A-ZĐ][\wÀ-ỹđ'’\-]*)(?:[ -][A-ZĐ][\wÀ-ỹđ'’\-]*){0,3})")


def evidence_span(s: Sentence, ms: list[Mention], cand: Candidate) -> tuple[int, int]:
    """Absolute offsets: from the actor before the trigger to the partner after it, within the clause."""
    base, text = s.start, s.text
    cs = clause_start(text, cand.start)
    m_end = _CLAUSE_END.search(text, cand.end)
    ce = m_end.start() if m_end else len(text)
    start = cand.start
    for m in ms:
        rs = m.start - base
        if cs <= rs < cand.start and cand.start - rs <= _ACTOR_REACH:
            start = min(start, rs)
            break
    end = cand.end
    for m in ms:
        rs, re_ = m.start - base, m.end - base
        if cand.end <= rs and re_ <= ce and rs - cand.end <= _OBJECT_REACH:
            end = max(end, re_)
    # a bare trigger says little: give at least the rest of its clause, up to a limit
    if end == cand.end:
        end = min(ce, cand.end + 80)
        cut = text.rfind(" ", cand.end, end) if end < ce else end
        end = cut if cut > cand.end else end
    # persons written after the partner ("Thủ tướng Nhật Bản Kishida Fumio") are part of it
    return base + start, base + end


def location_of(s: Sentence, ms: list[Mention], cand: Candidate) -> str | None:
    """A place named with "tại/ở/in/at" in the sentence, or the destination of a visit."""
    m = _PLACE.search(s.text)
    if m:
        return m.group(1).strip()
    if cand.type == "visit":
        for mm in ms:
            if mm.kind == "state" and mm.start - s.start > cand.start:
                return mm.text
    return None
