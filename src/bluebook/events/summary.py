"""One-line neutral descriptions of an event in English and Vietnamese, from its fields.

Templates live in ``lang/<lang>/summaries.tsv``; names come from the gazetteer's bilingual data.
"""
from __future__ import annotations

from functools import lru_cache

from bluebook.gazetteer import Gazetteer
from bluebook.gazetteer.data import LANG, read_tsv
from bluebook.models import Event

VN = "VNM"
# Types whose first party is who sends or speaks (extractor: senders, speaker and addressee).
_SENT = {"message", "appeal", "accusation"}


@lru_cache(maxsize=4)
def templates(lang: str) -> dict[str, tuple[str, str]]:
    return {r["type"]: (r["template"], r["planned_template"]) for r in read_tsv(LANG / lang / "summaries.tsv")}


def _join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    last = " và " if lang == "vi" else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def _person_name(gaz: Gazetteer, ascii_name: str, written: str, lang: str) -> str:
    if lang == "vi":
        return written or ascii_name
    return ascii_name or written


def summary(ev: Event, gaz: Gazetteer, lang: str) -> str:
    foreign = set(ev.explain.get("foreign_persons", ()))
    if ev.type in _SENT and ev.parties and ev.parties[0] != VN:
        # a foreign sender's message or protest: the sender acts, Viet Nam receives
        senders = [i for i, name in enumerate(ev.persons) if name in foreign]
        pick = senders[0] if len(senders) == 1 else None
        return _summary(gaz, lang, ev.type, ev.planned, tuple(ev.parties), *_person(ev, pick), sender_first=True)
    # otherwise Viet Nam's person acts where Viet Nam takes part ("Guterres held talks with the UN" is wrong)
    if VN not in ev.parties:
        foreign = set()
    pick = next((i for i, name in enumerate(ev.persons) if name not in foreign), None)
    return _summary(gaz, lang, ev.type, ev.planned, tuple(ev.parties), *_person(ev, pick))


def _person(ev: Event, pick: int | None) -> tuple[str | None, str]:
    if pick is None:
        return None, ""
    return ev.persons[pick], ev.persons_original[pick] if pick < len(ev.persons_original) else ""


# A feed states the same kinds of events between the same parties over and over: the line is made once.
@lru_cache(maxsize=8192)
def _summary(gaz: Gazetteer, lang: str, ev_type: str, planned: bool, parties_in: tuple[str, ...],
             person: str | None, written: str, sender_first: bool = False) -> str:
    tpl = templates(lang).get(ev_type)
    if tpl is None:
        return ""
    template = tpl[1] if planned else tpl[0]
    parties = list(parties_in)
    # Viet Nam acts first where it takes part: that is the report's point of view
    if VN in parties and not sender_first:
        parties.remove(VN)
        parties.insert(0, VN)
    actor_party = parties[0] if parties else ""
    partners = [gaz.entity_name(p, lang) for p in parties[1:]]
    actor = gaz.entity_name(actor_party, lang) if actor_party else ""
    if person is not None:
        actor = _person_name(gaz, person, written, lang)
        if actor_party and len(parties) == 1:
            partners = []
    partner = _join(partners, lang) or ("các đối tác" if lang == "vi" else "partners")
    return template.format(actor=actor or partner, partner=partner).strip()


def summarise(ev: Event, gaz: Gazetteer) -> None:
    ev.summary_en = summary(ev, gaz, "en")
    ev.summary_vi = summary(ev, gaz, "vi")
