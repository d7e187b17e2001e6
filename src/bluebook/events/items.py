"""Lists of named items after one trigger: "attended the X Forum, the Y Summit and the Z Seminar",
"ratified the A Agreement and the B Convention" state one event per item.

The item nouns (Forum, Hội nghị, Agreement, Hiệp định, ...) are data: ``lang/<lang>/items.tsv``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bluebook.events.lexicon import word_pattern
from bluebook.gazetteer.data import LANG, read_tsv

# Where one item ends and the next begins: a comma or "and" before a capital (or "the"/"các").
_SEP = {
    "en": re.compile(r",\s*(?:and\s+|as well as\s+)?(?=(?:the\s+)?(?:[a-z-]+\s+){0,2}[A-Z0-9])"
                     r"|\s+(?:and|as well as)\s+(?=the\s+(?:[a-z-]+\s+){0,2}[A-Z0-9]|[A-Z0-9])"),
    "vi": re.compile(r",\s*(?:và\s+)?(?=[A-ZĐÂĂÊÔƠƯ0-9])|\s+và\s+(?=[A-ZĐÂĂÊÔƠƯ])"),
}
_BARE_AND = re.compile(r"\s+(?:and|và)\s+")
# The list stops at the end of the clause.
_STOP = re.compile(r";|\.\s|:\s|\s(?:which|where|that|who|nhằm|để|với chủ đề|theo đó)\s")


@lru_cache(maxsize=4)
def _nouns(lang: str) -> dict[str, re.Pattern[str]]:
    groups: dict[str, list[str]] = {}
    for r in read_tsv(LANG / lang / "items.tsv"):
        groups.setdefault(r["kind"], []).append(re.escape(r["noun"]))
    # case-sensitive: a named item is capitalised ("the ASEAN Youth Forum"), a common noun is not
    return {k: re.compile(r"(?<!\w)(?:" + "|".join(sorted(v, key=len, reverse=True)) + r")(?!\w)")
            for k, v in groups.items()}


@lru_cache(maxsize=4)
def _treaty_nouns(lang: str) -> re.Pattern[str]:
    return word_pattern([r["noun"] for r in read_tsv(LANG / lang / "items.tsv") if r["kind"] == "agreement"])


def treaty_noun(text: str, start: int, end: int, lang: str) -> bool:
    """Is an agreement noun ("treaty", "hiệp định"), in any case, in ``text[start:end]``?"""
    return _treaty_nouns(lang if lang in ("vi", "en") else "vi").search(text, start, end) is not None


def _unbracketed(text: str, start: int, end: int, sep: re.Pattern[str]) -> list[int]:
    """Separator positions outside brackets and quotes."""
    cuts = []
    for m in sep.finditer(text, start, end):
        before = text[start:m.start()]
        if before.count("(") > before.count(")") or before.count('"') % 2 or \
                before.count("“") > before.count("”"):
            continue
        cuts.append(m.start())
        cuts.append(m.end())
    return cuts


def named_items(text: str, start: int, lang: str, kind: str) -> list[tuple[int, int]]:
    """Spans (in ``text``) of the items of ``kind`` listed from ``start``; [] unless there are two or more."""
    lang = lang if lang in _SEP else "vi"
    noun = _nouns(lang).get(kind)
    if noun is None:
        return []
    stop = _STOP.search(text, start)
    end = stop.start() if stop else len(text)
    cuts = _unbracketed(text, start, end, _SEP[lang])
    bounds = [start, *cuts, end]
    spans = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    items: list[tuple[int, int]] = []
    carry: int | None = None
    for i, (s, e) in enumerate(spans):
        chunk = text[s:e]
        if noun.search(chunk):
            s = carry if carry is not None else s + len(chunk) - len(chunk.lstrip())
            items.append((s, e))
            carry = None
        elif i + 1 < len(spans) and _BARE_AND.fullmatch(text[e:spans[i + 1][0]]):
            # "the ASEAN Business and Investment Summit": a name's own "and" joins it to what follows
            carry = carry if carry is not None else s + len(chunk) - len(chunk.lstrip())
        elif items:
            # a name's own comma ("Forum on Peace, Security and Development"): still the item
            items[-1] = (items[-1][0], e)
            carry = None
        # text before the first item (the verb and its subject) is not an item
    return items if len(items) >= 2 else []
