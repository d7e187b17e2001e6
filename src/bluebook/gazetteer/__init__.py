"""Entity linking: states, organisations, people and titles, with their tenures.

``get_gazetteer().link(text, doc_date, lang)`` returns the mentions in ``text`` in order. Titles are
bound to the state and person that follow or precede them ("Thủ tướng Nhật Bản Kishida Fumio",
"Japanese Prime Minister"), and a bare title resolves to the office-holder at the document date.
"""
from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache

from bluebook.gazetteer.context import (
    adjacent_left,
    ambiguous_ok,
    capitalised_after,
    former_before,
    gap_chain,
    gap_right,
    name_after,
    named_after,
    part_of_name,
    sports_team,
)
from bluebook.gazetteer.data import GazetteerData, Person, load_data
from bluebook.gazetteer.matcher import Hit, Matcher
from bluebook.models import Mention

# Offices that a bare title means Viet Nam's holder of, in Vietnamese text ("Thủ tướng nhấn mạnh").
_NATIONAL_ORG_KINDS = {"party", "parliament"}
_VN_DEFAULT_OFFICES = {"GS", "PRES", "PM", "DPM", "NA_CHAIR", "FM", "DFM", "VP", "DEF_MIN", "PS_MIN"}
# Offices of international organisations: "Tổng Thư ký ASEAN", "Director-General of the WTO" speak for the org.
_ORG_OFFICES = {"SEC_GEN", "ORG_HEAD", "ORG_CHAIR"}


class Gazetteer:
    def __init__(self, data: GazetteerData) -> None:
        self.data = data
        self.matcher = Matcher(data.aliases)
        self.foreign_title_aliases = {a.text.lower() for a in data.aliases
                                      if a.kind == "title" and a.state and a.state != "VNM"}
        self.home_state = self._home_states()
        self._spoken_for: dict[tuple, str] = {}     # person_state's answers (the data never change)

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
        for i, h in enumerate(hits):
            a = h.alias
            if "ambiguous" in a.flags and not ambiguous_ok(text, h.start, h.end):
                continue
            if "name_part" in a.flags and self._in_a_name(text, hits, i):
                continue
            if a.kind in ("state", "adjective") and sports_team(text, h.start):
                continue
            written = text[h.start:h.end]
            if a.kind == "person":
                if named_after(text, h.start):
                    continue
                p = self.data.persons[a.id]
                mentions.append(Mention(h.start, h.end, written, p.id, "person", state=self.person_state(p, doc_date),
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

    @staticmethod
    def _in_a_name(text: str, hits: list[Hit], i: int) -> bool:
        h = hits[i]
        prev = hits[i - 1] if i > 0 else None
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        after_title = prev is not None and prev.alias.kind == "title" and not text[prev.end:h.start].strip()
        return part_of_name(text, h.start, h.end, prev.end if prev else -1, nxt.start if nxt else -1, after_title)

    def person_state(self, p: Person, when: date | None) -> str:
        """Whom a person speaks for: the organisation they head at ``when`` (the UN for its Secretary-General),
        else their state. Without a date, the offices they hold now (no end date) count."""
        key = (p.id, p.state, when)
        got = self._spoken_for.get(key)
        if got is None:
            if len(self._spoken_for) >= 50_000:
                self._spoken_for.clear()
            got = self._spoken_for[key] = self._person_state(p, when)
        return got

    def _person_state(self, p: Person, when: date | None) -> str:
        tenures = self.data.offices_of(p.id, when) if when is not None else [
            t for t in self.data.offices_of(p.id) if not t.end]
        orgs = {t.state for t in tenures if self._is_org(t.state)}
        if len(orgs) == 1 and all(self._is_org(t.state) for t in tenures):
            return orgs.pop()
        return p.state

    def _holder_called(self, office: str, state: str, when: date | None, written: str) -> Person | None:
        """The one holder of ``office`` (in ``state``, or anywhere) at ``when`` whose name has every word of
        ``written`` ("Yoon" in "Yoon Suk Yeol")."""
        if when is None:
            return None
        words = written.lower().split()
        found = {p.id: p for p in self.data.holders(office, state, when)
                 if all(w in p.name_ascii.lower().replace("-", " ").split() for w in words)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _title_of_org(self, title: Mention, org: Mention) -> str | None:
        """Where a title followed by an organisation is held: "Tổng Thư ký" + "ASEAN" in ASEAN, "Tổng Bí thư"
        + "Đảng Cộng sản Trung Quốc" in China. None for any other body ("Chủ tịch" + a trade union):
        its chair is nobody the tenure table knows, so the title must not resolve to the state's holder."""
        ent = self.data.entities.get(org.id)
        if title.id in _ORG_OFFICES and not org.state:
            return org.id
        if ent is not None and ent.subkind in _NATIONAL_ORG_KINDS and org.state:
            return org.state
        return None

    def _is_org(self, eid: str) -> bool:
        e = self.data.entities.get(eid)
        return e is not None and e.kind == "org"

    def _bind_titles(self, text: str, mentions: list[Mention], doc_date: date | None, lang: str) -> None:
        added: list[Mention] = []
        n = len(mentions)
        former = [False] * n
        for i, m in enumerate(mentions):
            if m.kind != "title":
                continue
            j = i + 1
            state = m.state
            person: Mention | None = None
            left = m.start
            # a state right before an English title: "Japanese Prime Minister"
            if i > 0 and mentions[i - 1].kind in ("adjective", "state") and adjacent_left(text, mentions[i - 1], m):
                state = state or mentions[i - 1].state
                left = mentions[i - 1].start
            # "former President", "nguyên Thủ tướng": never the holder by tenure; "former X, Y" is former too
            former[i] = former_before(text, left) or (
                i > 0 and former[i - 1] and mentions[i - 1].kind == "title" and gap_chain(text, mentions[i - 1], m))
            # chains of titles share the person at the end: "Tổng Bí thư, Chủ tịch nước Tô Lâm"
            while j < n and mentions[j].kind == "title" and gap_chain(text, mentions[j - 1], mentions[j]):
                j += 1
            last = mentions[j - 1]
            of_body = False
            # "Người phát ngôn Điện Kremlin": a seat of government names the state like its name does
            while j < n and mentions[j].kind in ("state", "adjective", "capital", "org") \
                    and gap_right(text, last, mentions[j]):
                if mentions[j].kind != "org":
                    state = state if m.state else mentions[j].state or state
                else:
                    of_body = self._title_of_org(m, mentions[j]) is None
                    state = state if m.state else self._title_of_org(m, mentions[j]) or mentions[j].state or state
                last = mentions[j]
                j += 1
            if j < n and mentions[j].kind == "person" and gap_right(text, last, mentions[j]):
                person = mentions[j]
            elif (span := name_after(text, last.end)) is not None and not any(
                    mm.start < span[1] and span[0] < mm.end for mm in mentions):
                s, e = span
                person = Mention(s, e, text[s:e], "", "person", state=state, name=fold_name(text[s:e]))
                holder = None if former[i] else self._holder_called(m.id, state, doc_date, person.name)
                if holder is not None:
                    # "Vice President Harris", "President Yoon": the holder of the office, by part of the name
                    person.id, person.state = holder.id, self.person_state(holder, doc_date)
                added.append(person)
            if person is not None:
                if self._is_org(state) and m.id in _ORG_OFFICES:
                    person.state = state          # Guterres as Secretary-General speaks for the UN
                elif person.state and not m.state:
                    state = person.state
                elif not person.state and state:
                    person.state = state
                m.resolved = person.id or person.name
            elif doc_date is not None and not of_body and not capitalised_after(text, last.end):
                if not state and lang == "vi" and m.id in _VN_DEFAULT_OFFICES \
                        and m.text.lower() not in self.foreign_title_aliases:
                    state = "VNM"
                if state and not former[i]:
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


@lru_cache(maxsize=8192)
def fold_name(s: str) -> str:
    """A person's name as written, without diacritics, case kept ("Nguyễn Xuân Phúc" -> "Nguyen Xuan Phuc")."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return Gazetteer(load_data())


__all__ = ["Gazetteer", "get_gazetteer", "fold_name"]
