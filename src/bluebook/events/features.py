"""What the event filter (``filter.py``) knows about a candidate event: sparse binary features.

Each feature is a short string ("type=visit", "year=older", "cue=retro"). They describe the event's
fields, where its sentence sits in the document, how its date was found, and cue words of the
sentence (``lang/<lang>/filter_cues.tsv``): background narrative ("từng", "once", "years ago"),
reported opinion, habits. The model's weights are learned from the project's annotated tune sets
(``eval/train_filter.py``); nothing here names a particular text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bluebook.events.lexicon import lower_ok, word_pattern
from bluebook.gazetteer.data import LANG, read_tsv
from bluebook.models import Document, Event

_QUOTES = re.compile(r"[\"“”«»]")


@lru_cache(maxsize=4)
def _cue_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """(feature, case-insensitive pattern, lower-case pattern) per cue group of ``lang``."""
    groups: dict[str, list[str]] = {}
    path = LANG / lang / "filter_cues.tsv"
    if not path.exists():
        return ()
    for r in read_tsv(path):
        groups.setdefault(r["feature"], []).append(r["pattern"])
    return tuple((name, word_pattern(ws), word_pattern(ws, lower=True)) for name, ws in sorted(groups.items()))


def sentence_cues(text: str, lang: str) -> tuple[str, ...]:
    """The cue groups whose words occur in ``text`` (lower-case tries on the lower-cased text where exact)."""
    low = text.lower()
    exact = lower_ok(text, low)
    return tuple(name for name, ci, lo in _cue_patterns(lang) if (lo.search(low) if exact else ci.search(text)))


def _bucket(n: float, edges: tuple[float, ...]) -> int:
    for i, e in enumerate(edges):
        if n < e:
            return i
    return len(edges)


def _year_offset(ev: Event, doc: Document) -> str:
    if not doc.doc_date or not ev.date[:4].isdigit():
        return "unknown"
    d = int(ev.date[:4]) - doc.doc_date.year
    if d == 0:
        return "same"
    if d > 0:
        return "future"
    if d == -1:
        return "previous"
    return "recent" if d >= -5 else "older"


def event_features(ev: Event, doc: Document, n_events: int,
                   cue_cache: dict[int, tuple[str, ...]] | None = None) -> list[str]:
    """The feature names of one event of ``doc`` (``n_events`` events were found in the document);
    ``cue_cache`` keeps each sentence's cue groups for the other events of the same sentence."""
    t = ev.type
    ex = ev.explain
    si = ex.get("sentence", 0)
    sent = doc.sentences[si] if 0 <= si < len(doc.sentences) else None
    text = sent.text if sent is not None else ev.evidence
    lang = ev.lang if ev.lang in ("vi", "en") else "vi"
    origin = ex.get("date_origin", "none")
    precision = "day" if len(ev.date) >= 10 else "month" if len(ev.date) == 7 else "year"
    trig = " ".join(ev.trigger.lower().split())[:30]
    f = [
        "bias", f"type={t}", f"lang={lang}", f"type_lang={t}:{lang}", f"trigger={lang}:{t}:{trig}",
        f"kind={ev.kind}", f"origin={origin}", f"type_origin={t}:{origin}", f"precision={precision}",
        f"year={_year_offset(ev, doc)}", f"type_year={t}:{_year_offset(ev, doc)}",
        f"parties={min(len(ev.parties), 3)}", f"persons={min(len(ev.persons), 2)}",
        f"type_persons={t}:{min(len(ev.persons), 1)}",
    ]
    if "VNM" in ev.parties:
        f.append("vnm")
    if ev.location:
        f.append("location")
    if ev.planned:
        f.append("planned")
    if ex.get("split"):
        f.append("split")
    if "item_span" in ex:
        f.append("item")
    n_sent = max(len(doc.sentences), 1)
    f.append(f"sentence_index={_bucket(si, (1, 3, 10, 30))}")
    f.append(f"sentence_place={_bucket(si / n_sent, (0.2, 0.5, 0.8))}")
    f.append(f"sentence_length={_bucket(len(text), (80, 200, 400))}")
    f.append(f"doc_events={_bucket(n_events, (2, 6, 16))}")
    f.append(f"doc_sentences={_bucket(n_sent, (5, 20, 60))}")
    at = text.find(ev.trigger) if ev.trigger else -1
    if at >= 0:
        f.append(f"trigger_place={_bucket(at / max(len(text), 1), (0.15, 0.5))}")
    if _QUOTES.search(text):
        f.append("quote")
    if "?" in text:
        f.append("question")
    if cue_cache is not None and si in cue_cache:
        found = cue_cache[si]
    else:
        found = sentence_cues(text, lang)
        if cue_cache is not None:
            cue_cache[si] = found
    for name in found:
        f.append(f"cue={name}")
        f.append(f"type_cue={t}:{name}")
    return f
