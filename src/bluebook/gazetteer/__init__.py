"""Entity linking: states, organisations, people and titles, with their tenures.

``get_gazetteer().link(text, doc_date, lang)`` returns the mentions in ``text`` in order. Titles are
bound to the state and person that follow or precede them ("Thủ tướng Nhật Bản Kishida Fumio",
"Japanese Prime Minister"), and a bare title resolves to the office-holder at the document date.
"""
from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache

from bluebook.gazetteer.context import adjacent_left, ambiguous_ok, gap_chain, gap_right, name_after
from bluebook.gazetteer.data import GazetteerData, Person, load_data
from bluebook.gazetteer.matcher import Matcher
from bluebook.models import Mention

# Offices that a bare title means Viet Nam's holder of, in Vietnamese text ("Thủ tướng nhấn mạnh").
_NATIONAL_ORG_KINDS = {"party", "parliament"}
_VN_DEFAULT_OFFICES = {"GS", "PRES", "PM", "DPM", "NA_CHAIR", "FM", "DFM", "VP", "DEF_MIN", "PS_MIN"}


class Gazetteer:
    def __init__(self, data: GazetteerData) -> None:
        self.data = data
        self.matcher = Matcher(data.aliases)
        self.foreign_title_aliases = {a.text.lower() for a in data.aliases
                                      if a.kind == "title" and a.state and a.state != "VNM"}
        self.home_state = self._home_states()

    def _home_states(self) -> dict[str, str]:
        """A national party or parliament belongs to the state its name says ("Communist Party of Japan")."""
        out: dict[str, str] = {}
        for e in self.data.entities.values():
            if e.kind != "org":
                continue
            parent = self.data.entities.get(e.parent)
            if parent is not None and parent.kind == "state":
                out[e.id] = parent.id
                continue
            if e.subkind not in _NATIONAL_ORG_KINDS:
                continue
            found = {h.alias.id for name in (e.name_en, e.name_vi) if name
                     for h in self.matcher.find(name, overlapping=True) if h.alias.kind in ("state", "adjective", "demonym")}
            if len(found) == 1:
                out[e.id] = found.pop()
        return out

    def entity_name(self, eid: str, lang: str = "en") -> str:
        e = self.data.entities.get(eid)
        if e is None:
            return eid
        return (e.name_vi if lang == "vi" else e.name_en) or e.name_en or eid

    def person(self, pid: str) -> Person | None:
        return self.data.persons.get(pid)

    def link(self, text: str, doc_date: date | None = None, lang: str | None = None) -> list[Mention]:
        hits = self.matcher.find(text, lang)
        mentions: list[Mention] = []
        for h in hits:
            a = h.alias
            if "ambiguous" in a.flags and not ambiguous_ok(text, h.start, h.end):
                continue
            written = text[h.start:h.end]
            if a.kind == "person":
                p = self.data.persons[a.id]
                mentions.append(Mention(h.start, h.end, written, p.id, "person", state=p.state,
                                        name=fold_name(written)))
            elif a.kind == "title":
                mentions.append(Mention(h.start, h.end, written, a.id, "title", state=a.state))
            else:
                kind = a.kind if a.kind in ("state", "org") else "adjective" if a.kind in (
                    "adjective", "demonym") else a.kind
                ent = self.data.entities.get(a.id)
                state = a.id if ent is None or ent.kind == "state" else self.home_state.get(a.id, "")
                mentions.append(Mention(h.start, h.end, written, a.id, kind, state=state))
        self._bind_titles(text, mentions, doc_date, lang or "vi")
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _bind_titles(self, text: str, mentions: list[Mention], doc_date: date | None, lang: str) -> None:
        added: list[Mention] = []
        n = len(mentions)
        for i, m in enumerate(mentions):
            if m.kind != "title":
                continue
            j = i + 1
            state = m.state
            person: Mention | None = None
            # a state right before an English title: "Japanese Prime Minister"
            if i > 0 and mentions[i - 1].kind in ("adjective", "state") and adjacent_left(text, mentions[i - 1], m):
                state = state or mentions[i - 1].state
            # chains of titles share the person at the end: "Tổng Bí thư, Chủ tịch nước Tô Lâm"
            while j < n and mentions[j].kind == "title" and gap_chain(text, mentions[j - 1], mentions[j]):
                j += 1
            last = mentions[j - 1]
            while j < n and mentions[j].kind in ("state", "adjective", "org") and gap_right(text, last, mentions[j]):
                if mentions[j].kind != "org":
                    state = state if m.state else mentions[j].state or state
                last = mentions[j]
                j += 1
            if j < n and mentions[j].kind == "person" and gap_right(text, last, mentions[j]):
                person = mentions[j]
            elif (span := name_after(text, last.end)) is not None and not any(
                    mm.start < span[1] and span[0] < mm.end for mm in mentions):
                s, e = span
                person = Mention(s, e, text[s:e], "", "person", state=state, name=fold_name(text[s:e]))
                added.append(person)
            if person is not None:
                if person.state and not m.state:
                    state = person.state
                elif not person.state and state:
                    person.state = state
                m.resolved = person.id or person.name
            elif doc_date is not None:
                if not state and lang == "vi" and m.id in _VN_DEFAULT_OFFICES \
                        and m.text.lower() not in self.foreign_title_aliases:
                    state = "VNM"
                if state:
                    holders = self.data.holders(m.id, state, doc_date)
                    if len(holders) > 1:
                        # on a changeover day the newcomer holds the office
                        holders = [p for p in holders if not any(
                            t.end == doc_date.isoformat() for t in self.data.offices_of(p.id) if t.office == m.id)]
                    if len(holders) == 1:
                        m.resolved = holders[0].id
                        m.name = holders[0].name_ascii
            m.state = state
        mentions.extend(added)


def fold_name(s: str) -> str:
    """A person's name as written, without diacritics, case kept ("Nguyễn Xuân Phúc" -> "Nguyen Xuan Phuc")."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return Gazetteer(load_data())


__all__ = ["Gazetteer", "get_gazetteer", "fold_name"]
