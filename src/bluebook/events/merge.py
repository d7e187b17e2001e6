"""An event a document states twice (headline, lead, caption, body) is one event."""
from __future__ import annotations

import bisect
import re

from bluebook.models import Event

VN = "VNM"


def dates_compatible(a: str, b: str) -> bool:
    """Equal up to the shorter one's precision ("2020-11" and "2020-11-22" are compatible)."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


# Gifts and documents are told apart by what they are: "$23 million in assistance" and "$1 million to
# the Red Cross" between the same two states in one month are two aids; meetings of one pair in one
# month are usually one.
_BY_OBJECT = {"aid", "agreement", "accusation", "appeal"}
_BY_SPEAKER = {"accusation", "appeal", "message"}   # parties[0] is who speaks (see extractor._speaker_and_addressee)
_BY_PEOPLE = {"phone_call", "talks", "message"}
_NUM = re.compile(r"\d[\d.,]*")
_WORD = re.compile(r"[^\W\d_]{4,}")


def _same_object(a: str, b: str) -> bool:
    if a in b or b in a:
        return True
    na, nb = set(_NUM.findall(a)), set(_NUM.findall(b))
    if na and nb:
        return bool(na & nb)
    wa, wb = {w.lower() for w in _WORD.findall(a)}, {w.lower() for w in _WORD.findall(b)}
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.25


def _dates_mergeable(a: Event, b: Event) -> bool:
    """Compatible dates; a bare year only absorbs an event of the same year when both come from one
    sentence: in a yearly report, "(2020)" from the fallback says nothing about which meeting it is."""
    if not dates_compatible(a.date, b.date):
        return False
    if a.sentence != b.sentence and (len(a.date) == 4) != (len(b.date) == 4):
        year_only = a if len(a.date) == 4 else b
        return year_only.explain.get("date_origin") != "document"
    return True


# Viet Nam's own bodies are Viet Nam's side, never the shared partner that makes two events one.
_VN_SIDE = {VN, "CPV", "NA", "VFF"}


def parties_compatible(a: list[str], b: list[str], states: frozenset[str] = frozenset()) -> bool:
    """Share a partner; when both name foreign states, a shared state (a forum both mention, such as
    APEC for two leaders met on its sidelines, does not make two meetings one)."""
    oa, ob = set(a) - _VN_SIDE, set(b) - _VN_SIDE
    if not oa or not ob:
        return not oa and not ob
    sa, sb = oa & states, ob & states
    if sa and sb:
        return bool(sa & sb)
    return bool(oa & ob)


def _better(keep: Event, other: Event) -> Event:
    """Fold ``other`` into ``keep``: most precise date, union of parties and persons."""
    if len(other.date) > len(keep.date):
        keep.date, keep.date_end, keep.date_text = other.date, other.date_end, other.date_text
    for p in other.parties:
        if p not in keep.parties:
            keep.parties.append(p)
    for n, w in zip(other.persons, other.persons_original, strict=False):
        if n not in keep.persons:
            keep.persons.append(n)
            keep.persons_original.append(w)
    keep.location = keep.location or other.location
    keep.planned = keep.planned and other.planned
    keep.confidence = max(keep.confidence, other.confidence)
    keep.explain.setdefault("merged", []).append(other.evidence)
    return keep


def _keys(ev: Event) -> list[tuple[str, str | None, str]]:
    """Where an event is filed: by type, each foreign party (a merge needs a shared one) or none when
    it has none (it merges only with another that has none), and year (compatible dates share it)."""
    foreign = [p for p in ev.parties if p not in _VN_SIDE] or [None]
    return [(ev.type, p, ev.date[:4]) for p in foreign]


def _candidates(filed: dict[tuple[str, str | None, str], list[int]], ev: Event) -> list[int]:
    """Earlier events that may absorb ``ev``, in order; an undated event looks in every year."""
    keys = _keys(ev)
    if not ev.date:
        keys = [k for k in filed if any(k[:2] == e[:2] for e in keys)]
    else:
        keys = keys + [(t, p, "") for t, p, _ in keys]
    return sorted({i for k in keys for i in filed.get(k, ())})


def _mergeable(kept: Event, ev: Event, states: frozenset[str]) -> bool:
    # occurrences split from one sentence ("three calls") stay apart
    if kept.sentence == ev.sentence and ev.explain.get("split"):
        return False
    if not _dates_mergeable(kept, ev):
        return False
    if ev.type in _BY_OBJECT and not _same_object(kept.evidence, ev.evidence):
        return False
    if ("item_span" in kept.explain or "item_span" in ev.explain) and not _same_object(
            kept.explain.get("item", kept.evidence), ev.explain.get("item", ev.evidence)):
        return False   # a named forum or document of a list is that one, not another of the year
    if ev.type in _BY_SPEAKER and kept.parties and ev.parties and kept.parties[0] != ev.parties[0]:
        return False   # another speaker's protest or appeal
    if ev.type in _BY_PEOPLE and kept.persons and ev.persons and not set(kept.persons) & set(ev.persons):
        return False   # the same two countries, other leaders: another call or meeting
    fa, fb = kept.explain.get("foreign_persons"), ev.explain.get("foreign_persons")
    if ev.type in _BY_PEOPLE and fa and fb and not set(fa) & set(fb):
        return False   # one delegation head meeting two foreign leaders: two meetings
    return parties_compatible(kept.parties, ev.parties, states)


def merge_events(events: list[Event], states: frozenset[str] = frozenset()) -> list[Event]:
    """Each event folds into the first earlier one it is compatible with. Earlier events are filed
    by type and foreign party, so a long document costs the events sharing a partner, not all pairs."""
    out: list[Event] = []
    filed: dict[tuple[str, str | None, str], list[int]] = {}
    for ev in events:
        seen = _candidates(filed, ev)
        target = next((i for i in seen if _mergeable(out[i], ev, states)), None)
        if target is None:
            out.append(ev)
            for k in _keys(ev):
                filed.setdefault(k, []).append(len(out) - 1)
            continue
        before = set(_keys(out[target]))
        # body text beats a caption or headline as the evidence
        if out[target].kind in ("caption", "title") and ev.kind == "body":
            out[target] = _better(ev, out[target])
        else:
            _better(out[target], ev)
        for k in _keys(out[target]):
            if k not in before:
                bisect.insort(filed.setdefault(k, []), target)
    return out
