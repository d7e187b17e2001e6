"""Vague time: "tiếp xúc cấp cao trong thời gian tới", "the visits over the years" state no occurrence.

The phrases (``lang/<lang>/vague.tsv``) are an intention without a date or a summary of many events.
A trigger whose own clause carries one, in a sentence without a date, gives no event.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bluebook.events.lexicon import word_pattern
from bluebook.gazetteer.data import LANG, read_tsv

_CLAUSE_END = re.compile(r"[;.!?]|,\s")


@lru_cache(maxsize=4)
def _pattern(lang: str) -> re.Pattern[str] | None:
    words = [r["pattern"] for r in read_tsv(LANG / lang / "vague.tsv")]
    return word_pattern(words) if words else None


def vague_after(text: str, end: int, lang: str, reach: int = 60) -> bool:
    """Is a vague-time phrase in ``text`` after offset ``end``, before the clause ends (within ``reach``)?"""
    pattern = _pattern(lang if lang in ("vi", "en") else "vi")
    if pattern is None:
        return False
    stop = min(len(text), end + reach)
    if (m := _CLAUSE_END.search(text, end, stop)) is not None:
        stop = m.start()
    return pattern.search(text, end, stop) is not None
