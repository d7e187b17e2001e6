"""How the report reads an event (which chapter, who is on Viet Nam's side, which way a visit
goes) and how it words a line, through the per-language macros in ``templates/<lang>/lines.j2``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bluebook.dedup.when import parse_when
from bluebook.report import langdata as ld
from bluebook.report.dates import DateFormat, sort_key
from bluebook.report.env import environment
from bluebook.report.model import ReportEvent
from bluebook.report.names import VN, Names, PersonRef

# Types whose line depends on which way things went (to or from Viet Nam).
_DIRECTED = frozenset({"visit", "message", "aid", "appeal", "accusation"})
# Types that are between people: their persons say who the partner is.
_PERSONAL = frozenset({"visit", "phone_call", "talks", "message"})
# Types that happen at (or to) a forum when one is named: multilateral, not bilateral.
_AT_FORUM = frozenset({"conference", "withdrawal"})
# Types whose line says where ("talks ... in Hanoi"): a different place is a different line.
_PLACED = frozenset({"talks", "agreement", "conference"})


@dataclass(slots=True)
class View:
    """One event as the report reads it."""
    ev: ReportEvent
    chapter: str                     # bilateral | multilateral | channel
    partners: list[str]              # ids other than Viet Nam and its own bodies
    forum: str = ""                  # multilateral: the specific body (UNSC); '' for bilateral lines
    channel: str = ""                # party | parliament | people
    vn_bodies: list[str] = field(default_factory=list)
    vn_persons: list[PersonRef] = field(default_factory=list)
    foreign_persons: list[PersonRef] = field(default_factory=list)
    direction: str = "out"           # out: from Viet Nam; in: towards Viet Nam
    role: str = "attend"             # conferences: attend | chair | host
    anniversary: str = ""            # number of years, when a source says it
    location: str = ""               # in the report's language where known
    framework: tuple[str, str] = ("", "")    # upgrades: the new partnership (English, Vietnamese)
    document: str = ""               # agreements: the treaty signed, when the gazetteer knows it
    high: bool = False               # a head of state, government, Party or parliament takes part

    def merge_key(self, partner: str) -> tuple[Any, ...]:
        """Views with equal keys become one line. Only the people the line names count: the hosts
        of an incoming visit are not in "Visit to Viet Nam of ..."."""
        vn, foreign = self.vn_persons, self.foreign_persons
        if self.ev.type == "visit":
            vn, foreign = (vn, []) if self.direction == "out" else ([], foreign)
        return (partner, self.ev.type, self.direction, self.role, self.forum, tuple(sorted(self.partners)),
                tuple(sorted(p.name for p in vn)), tuple(sorted(p.name for p in foreign)),
                tuple(sorted(self.vn_bodies)), self.ev.planned, self.anniversary, self.framework, self.document,
                self.location if self.ev.type in _PLACED else "")


class Reader:
    """Turns ReportEvents into Views (language-independent decisions, names in one language)."""

    def __init__(self, names: Names) -> None:
        self.names = names
        # folded place -> (state, name in the report's language): the table first, then the gazetteer
        self._places: dict[str, tuple[str, str]] = {
            k: (st, vi if names.lang == "vi" else en) for k, (st, en, vi) in ld.places().items()}
        for a in names.data.aliases:
            if a.kind in ("state", "capital"):
                self._places.setdefault(ld.fold(a.text), (a.id, names.entity(a.id) if a.kind == "state" else ""))
        self._cues = ld.cues()
        self._anniv = ld.anniversary_patterns()

    def read(self, ev: ReportEvent) -> View:
        n = self.names
        parties = list(dict.fromkeys(p for p in ev.parties if p))
        vn_bodies = [p for p in parties if p != VN and n.is_vn_body(p)]
        others = [p for p in parties if p != VN and p not in vn_bodies]
        treaties = [p for p in others if n.is_treaty(p)]
        for t in treaties:  # the EVFTA is signed with the EU: its parent is the partner
            parent = n.parent(t)
            if parent and parent != VN and parent not in others and parent in n.data.entities:
                others.append(parent)
        others = [p for p in others if p not in treaties]
        orgs = [p for p in others if n.is_org(p)]
        states = [p for p in others if p not in orgs]
        for o in orgs:      # a foreign party or parliament speaks for its country: Laos for the LPRP
            home = n.home_state(o)
            if home and home != VN and home not in states:
                states.append(home)
                others.append(home)
        vn_persons: list[PersonRef] = []
        foreign: list[PersonRef] = []
        for written in dict.fromkeys(ld.clean(x) for x in ev.persons):
            if not written:
                continue
            ref = n.person(written, ev.date)
            if not ref.state and len(states) == 1:
                ref = replace(ref, state=states[0])
            (vn_persons if ref.state == VN else foreign).append(ref)
        vn_persons.sort(key=lambda p: p.rank)
        # When the people say who the partner is, other countries in the sentence are context
        # (the stops of a tour, a third country mentioned): "Pompeo visits Hanoi" is not about India.
        speaking_for = {p.state for p in foreign if p.known}
        if ev.type in _PERSONAL and speaking_for & set(states + orgs):
            dropped = [x for x in states if x not in speaking_for]
            states = [x for x in states if x in speaking_for]
            others = [x for x in others if x not in dropped]
        # an anniversary or upgrade of diplomatic relations is state business, whoever attends
        channel = "" if ev.type in ("anniversary", "upgrade") else self._channel(vn_bodies + orgs,
                                                                               vn_persons + foreign)
        forum_orgs = [o for o in orgs if not n.channel_of_org(o)] or orgs
        forum_orgs = sorted(forum_orgs, key=lambda o: -n.depth(o)) or treaties    # the specific body first
        if channel:
            chapter = "channel"
        elif states and not (ev.type in _AT_FORUM and orgs):
            chapter = "bilateral"
        else:
            chapter = "multilateral"
        use_forum = chapter == "multilateral" or ev.type in _AT_FORUM or not states
        forum = forum_orgs[0] if chapter != "bilateral" and use_forum and forum_orgs else ""
        text = " ".join(s.evidence for s in ev.sources).lower()
        view = View(ev, chapter, others, forum=forum, channel=channel, vn_bodies=vn_bodies,
                    vn_persons=vn_persons, foreign_persons=foreign,
                    document=treaties[0] if ev.type == "agreement" and treaties else "")
        view.location = self.place_name(ev.location)
        view.direction = self._direction(ev, view, text)
        view.role = self._role(ev, text)
        view.high = any(n.is_high_office(o) for p in vn_persons + foreign for o in p.offices)
        if ev.type == "upgrade":
            for rx, en, vi in ld.frameworks():
                if rx.search(text):
                    view.framework = (en, vi)
                    break
        if ev.type == "anniversary":
            for rx in self._anniv:
                m = rx.search(text)
                if m:
                    view.anniversary = m.group(1)
                    break
        return view

    def _channel(self, bodies: Sequence[str], persons: Sequence[PersonRef]) -> str:
        for b in bodies:
            ch = self.names.channel_of_org(b)
            if ch:
                return ch
        for p in persons:
            chans = {self.names.office_channel(o) for o in p.offices}
            if p.offices and "" not in chans:
                return sorted(chans)[0]
        return ""

    def _place_state(self, location: str | None) -> str:
        if not location:
            return ""
        return self._places.get(ld.fold(location), ("", ""))[0]

    def place_name(self, location: str | None) -> str:
        """The location as the report's language writes it ('Hanoi' -> 'Hà Nội'), else as given."""
        if not location:
            return ""
        clean = ld.clean(location)
        return self._places.get(ld.fold(clean), ("", ""))[1] or clean

    def _direction(self, ev: ReportEvent, v: View, text: str) -> str:
        if ev.type not in _DIRECTED:
            return "out"
        where = self._place_state(ev.location)
        if where:
            return "in" if where == VN else "out"
        if any(meaning == "in" and cue in text for cue, meaning in self._cues):
            return "in"
        if v.foreign_persons and not v.vn_persons:
            return "in"
        return "out"

    def _role(self, ev: ReportEvent, text: str) -> str:
        if ev.type != "conference":
            return "attend"
        for cue, meaning in self._cues:
            if meaning in ("chair", "host") and cue in text:
                return meaning
        return "host" if self._place_state(ev.location) == VN else "attend"


class Phraser:
    """Words lines with the language's macros; names and dates come from Names and DateFormat."""

    def __init__(self, names: Names, dates: DateFormat) -> None:
        self.names = names
        self.dates = dates
        self.L = names.L
        self._macro = environment().get_template(f"{names.lang}/lines.j2").module.line  # type: ignore[attr-defined]
        self._meeting = re.compile(self.L["meeting_pattern"])

    def _join(self, items: Sequence[str]) -> str:
        items = [i for i in dict.fromkeys(items) if i]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.L['and']} " + items[-1]

    def _name(self, eid: str) -> str:
        return self.names.entity_the(eid)

    def occurrences(self, views: Sequence[View]) -> list[View]:
        """One view per distinct occurrence: reports of the same people doing the same thing on
        overlapping dates ('18-20 October' and '19 October') are one visit, not two."""
        out: list[tuple[View, Any]] = []
        for v in sorted(views, key=lambda x: sort_key(x.ev.date)):
            w = parse_when(v.ev.date, v.ev.date_end)
            for i, (_kept, kw) in enumerate(out):
                if w is None or kw is None or not w.overlaps(kw) or min(w.precision, kw.precision) < 2:
                    continue
                if w.precision == kw.precision == 3:
                    if (w.hi - w.lo) > (kw.hi - kw.lo):
                        out[i] = (v, w)          # the widest span of the same days says most
                    break
                if w.precision != kw.precision:  # 'January' and '30 January': the day says more
                    if w.precision > kw.precision:
                        out[i] = (v, w)
                    break
            else:
                out.append((v, w))
        return [v for v, _ in out]

    def context(self, views: Sequence[View], partner_first: str = "") -> dict[str, Any]:
        """What the macros see for a line of one or more merged views (same people and kind)."""
        v = views[0]
        ev = v.ev
        once = self.occurrences(views)
        names = self.names
        family = names.forum(v.forum) if v.forum else ""
        partners = sorted(v.partners, key=lambda p: (p != partner_first, p != v.forum))
        if v.forum:
            # the UN is no partner of a Security Council meeting: same forum family
            partners = [p for p in partners if not (names.is_org(p) and names.forum(p) == family)]
        foreign = v.foreign_persons
        if v.forum and ev.type in _AT_FORUM:      # "chaired ASEAN's meeting", not "... with ASEAN's SG"
            foreign = [p for p in foreign if not (p.state == v.forum or names.forum(p.state) == family)]
        covered = {p.state for p in foreign}
        partner_parts = [names.styled(p, with_state=True) for p in foreign]
        rest = [p for p in partners if p not in covered]
        bodies = [p for p in rest if names.is_org(p) and names.channel_of_org(p)]
        states = [p for p in rest if p not in bodies and not names.is_org(p)]
        if bodies and len(states) == 1:
            # "the Lao People's Revolutionary Party (Laos)": the body, and the country it belongs to
            rest = [p for p in rest if p not in states]
            partner_parts += [f"{self._name(p)} ({self._name(states[0])})" if p == bodies[0] else self._name(p)
                              for p in rest]
        else:
            partner_parts += [self._name(p) for p in rest]
        partner_names = [self._name(p) for p in partners if not names.is_org(p)] or [self._name(p) for p in partners]
        forum = self._name(v.forum) if v.forum else ""
        if forum and not partner_parts and ev.type not in _AT_FORUM and not names.is_treaty(v.forum):
            partner_parts, partner_names = [forum], [forum]      # an agreement with ASEAN: ASEAN is the partner
        vn_parts = [names.styled(p, with_state=False) for p in v.vn_persons] or [self._name(b) for b in v.vn_bodies]
        return {
            "type": ev.type, "n": len(once), "n_word": self.L.number(len(once)), "planned": ev.planned,
            "dates": self.dates.many([(x.ev.date, x.ev.date_end) for x in once]),
            "vn": self._join(vn_parts) or self._name(VN), "vn_persons": bool(v.vn_persons),
            "vn_many": len(vn_parts) > 1, "vn_name": self._name(VN),
            "partner": self._join(partner_parts) or self.L["partners_generic"],
            "partner_persons": bool(foreign), "partner_many": len(partner_parts) > 1,
            "partner_name": self._join(partner_names) or self.L["partners_generic"],
            "has_partner": bool(partner_parts),
            "foreign_states": bool(states or foreign),
            "forum": forum, "forum_meeting": bool(forum and self._meeting.search(forum)),
            "direction": v.direction, "role": v.role, "location": v.location, "anniversary": v.anniversary,
            "framework": v.framework[names.lang == "vi"], "lang": names.lang,
            "document": self._name(v.document) if v.document else "",
        }

    def line(self, views: Sequence[View], partner_first: str = "") -> str:
        text = " ".join(str(self._macro(self.context(views, partner_first))).split())
        return text[:1].upper() + text[1:]
