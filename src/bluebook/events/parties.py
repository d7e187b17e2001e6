"""Who takes part: parties (ISO3 / org IDs), persons, and the partner lists that split events."""
from __future__ import annotations

import re
from functools import lru_cache

from bluebook.gazetteer.data import DATA, read_tsv
from bluebook.models import Mention

VN = "VNM"
# Viet Nam's bodies that are parties in their own right beside VNM (the Party); others are VNM.
_OWN_ORG_IDS = {"CPV"}
# Words between two states that make them a coordinated list ("Anh và Pháp", "Laos, Cambodia and Thailand").
_LIST_GAP = re.compile(r"^\s*(?:\([^()]{0,40}\))?\s*(?:(?:vào\s+)?(?:năm|in)\s+\d{4}\s*)?(?:,|;|và|and|, and|cùng|&)?\s*(?:với\s+|with\s+)?(?:the\s+)?$", re.IGNORECASE)
_CURRENCY = re.compile(r"\\?\$|D\b")
# A state named right after these is where something happens, not who takes part ("tại Ấn Độ").
_LOCATIVE = re.compile(r"(?:tại|ở|in|at)\s+(?:thủ đô\s+|the\s+)?$", re.IGNORECASE)
# A forum named after these is where two leaders met, not a side of their meeting.
_VENUE = re.compile(r"(?:sidelines|margins|bên lề|khuôn khổ|framework|occasion|nhân dịp)\b[^.;:]{0,80}$", re.IGNORECASE)



@lru_cache(maxsize=1)
def _rollup() -> dict[str, str]:
    """Bodies that stand for a larger party in a bilateral relation (the European Parliament for the EU)."""
    return {r["id"]: r["party"] for r in read_tsv(DATA / "party_rollup.tsv")}


def party_of(m: Mention) -> str:
    if m.kind == "org" and m.id in _rollup():
        return _rollup()[m.id]
    if m.kind == "org":
        # a foreign national party or parliament stands for its state; Viet Nam's keep their own ID
        if m.state == VN:
            return m.id if m.id in _OWN_ORG_IDS else VN
        return m.state or m.id
    return m.state or (m.id if m.kind in ("state", "adjective", "capital") else "")


def is_locative(m: Mention, text: str, base: int) -> bool:
    """Is the state or capital ``m`` named as a place ("tại Nga", "in Hanoi")?"""
    return m.kind in ("state", "capital") and _LOCATIVE.search(text[max(0, m.start - base - 20):m.start - base]) is not None


def venue_orgs(mentions: list[Mention], text: str, base: int) -> set[str]:
    """Parties named only as the venue of a meeting ("on the sidelines of the APEC Leaders' Meeting")."""
    venue, other = set(), set()
    for m in mentions:
        if m.kind != "org":
            continue
        p = party_of(m)
        (venue if _VENUE.search(text, max(0, m.start - base - 80), m.start - base) else other).add(p)
    return venue - other


def parties_from(mentions: list[Mention], text: str, base: int, locative_ok: bool,
                 locative_from: int = 0) -> list[str]:
    """Parties named by ``mentions`` (offsets absolute; ``text`` is the sentence starting at ``base``).

    A state after "tại/in/at" is a place, not a party, unless ``locative_ok`` (a visit's destination);
    ``locative_from`` (absolute) limits that allowance to states named from there on ("after his stay
    in Laos, he paid a visit to Cambodia": Laos is not the visit's)."""
    out: list[str] = []
    for m in mentions:
        if _CURRENCY.match(text, m.end - base):
            continue    # "US$ 300,000", "AU$10 million", "S$": a currency, not a party
        if (not locative_ok or m.start < locative_from) and is_locative(m, text, base):
            continue
        p = party_of(m)
        if p and p not in out:
            out.append(p)
    return out


def coordinated_states(mentions: list[Mention], text: str, base: int, after: int) -> list[Mention]:
    """The first coordinated list of states after offset ``after`` (absolute), e.g. "Anh và Pháp"."""
    states = [m for m in mentions if m.kind == "state" and m.start >= after]
    if not states:
        return []
    group = [states[0]]
    for m in states[1:]:
        gap = text[group[-1].end - base:m.start - base]
        if _LIST_GAP.match(gap):
            group.append(m)
        else:
            break
    return group


def states_after(mentions: list[Mention], after: int, exclude: set[str]) -> list[Mention]:
    """Distinct states named after offset ``after`` (by name, adjective or person), first mention each."""
    out: list[Mention] = []
    seen: set[str] = set(exclude)
    for m in mentions:
        if m.start < after or m.kind not in ("state", "adjective", "org") or not m.state or m.state in seen:
            continue
        seen.add(m.state)
        out.append(m)
    return out


def persons_from(mentions: list[Mention]) -> tuple[list[str], list[str]]:
    """(names without diacritics, names as written), in order, no repeats."""
    names: list[str] = []
    written: list[str] = []
    for m in mentions:
        if m.kind == "person" and m.name and m.name not in names:
            names.append(m.name)
            written.append(m.text)
    return names, written
