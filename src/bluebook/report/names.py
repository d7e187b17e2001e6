"""Names, regions, forums, people and their titles, in one language, from the gazetteer's data.

A thin view over ``GazetteerData``: unknown ids show as themselves and unknown people keep the
name the event carries, so a report always renders, however incomplete the gazetteer is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bluebook.gazetteer import fold_name
from bluebook.gazetteer.data import GazetteerData, Person
from bluebook.report import langdata as ld
from bluebook.report.dates import parse

VN = "VNM"
REGIONS = ("SEA", "NEA", "SA", "EUR", "AME", "MEA", "AFR", "OCE")
HIGH_RANK = 4        # office_kinds rank: 1 Party leader/monarch, 2 head of state, 3 government, 4 parliament


@dataclass(slots=True)
class PersonRef:
    """A person as a line shows them: display name, title at the event date, and their state."""
    name: str
    title: str
    state: str           # whom they speak for: ISO3, or an organisation id (the UN's Secretary-General)
    known: bool
    offices: tuple[str, ...] = ()
    rank: int = 99       # office_kinds rank of their highest office (1 = Party leader, monarch)


def _date_of(iso: str | None) -> date | None:
    p = parse(iso)
    if p is None:
        return None
    # the middle of a month or year: the office-holder for most of that period
    return date(p.y, p.m or 7, p.d or (15 if p.m else 1))


class Names:
    def __init__(self, data: GazetteerData, lang: str) -> None:
        self.data = data
        self.lang = ld.check_lang(lang)
        self.L = ld.labels(lang)
        self._people: dict[str, Person] = {}
        for p in data.persons.values():
            for n in (p.name_ascii, p.name, *p.aliases):
                if n:
                    self._people.setdefault(ld.fold(n), p)
        self._person_cache: dict[tuple[str, str], PersonRef] = {}
        self._channels = ld.channels()
        self._bilateral_orgs = ld.bilateral_orgs()
        self._surnames = ld.vn_surnames()
        self._short = ld.short_names()

    # -- states and organisations -----------------------------------------------------------
    def entity(self, eid: str) -> str:
        short = self._short.get(eid)
        if short is not None and short[self.lang == "vi"]:
            return short[self.lang == "vi"]
        e = self.data.entities.get(eid)
        if e is None:
            if eid == VN:
                return "Việt Nam" if self.lang == "vi" else "Viet Nam"
            return eid
        return (e.name_vi if self.lang == "vi" else e.name_en) or e.name_en or e.name_vi or eid

    def entity_the(self, eid: str) -> str:
        """English running text wants 'the Philippines', 'the United Nations'; Vietnamese has no article."""
        name = self.entity(eid)
        if self.lang == "vi" or name == eid and not self.is_org(eid):
            return name
        e = self.data.entities.get(eid)
        low = name.lower()
        if e is not None and e.kind == "org":
            multiword = " " in name and not name.isupper()
            return f"the {name}" if multiword and not low.startswith("the ") else name
        if low.startswith(ld.english_articles()):
            return f"the {name}"
        return name

    def is_org(self, eid: str) -> bool:
        e = self.data.entities.get(eid)
        if e is not None:
            return e.kind == "org" and eid not in self._bilateral_orgs
        return eid in self._channels and self._channels[eid][0] == "org"

    def region(self, eid: str) -> str:
        """One of REGIONS, or '' (shown under 'other partners')."""
        if eid in self._bilateral_orgs:
            return self._bilateral_orgs[eid]
        e = self.data.entities.get(eid)
        r = (e.region if e is not None else "").upper()
        return r if r in REGIONS else ""

    def forum(self, eid: str) -> str:
        """The top of an organisation's chain of parent organisations: UNSC -> UN, AMM -> ASEAN.
        (A national party's parent is its state: the chain stops there.)"""
        seen = {eid}
        cur = eid
        while True:
            e = self.data.entities.get(cur)
            parent = self.data.entities.get(e.parent) if e is not None and e.parent else None
            if parent is None or parent.kind != "org" or parent.id in seen:
                return cur
            seen.add(parent.id)
            cur = parent.id

    def depth(self, eid: str) -> int:
        """How far down its forum's chain an organisation sits: UN 0, UNSC 1 (prefer the specific body)."""
        n, cur, seen = 0, eid, {eid}
        while True:
            e = self.data.entities.get(cur)
            parent = self.data.entities.get(e.parent) if e is not None and e.parent else None
            if parent is None or parent.kind != "org" or parent.id in seen:
                return n
            seen.add(parent.id)
            n, cur = n + 1, parent.id

    def is_treaty(self, eid: str) -> bool:
        """A treaty or agreement (EVFTA, RCEP): the document signed, never a partner."""
        e = self.data.entities.get(eid)
        return e is not None and e.subkind == "treaty"

    def parent(self, eid: str) -> str:
        e = self.data.entities.get(eid)
        return e.parent if e is not None else ""

    def home_state(self, eid: str) -> str:
        """The state an organisation belongs to (a national party, parliament), else ''."""
        e = self.data.entities.get(eid)
        parent = self.data.entities.get(e.parent) if e is not None and e.parent else None
        return parent.id if parent is not None and parent.kind == "state" else ""

    def channel_of_org(self, eid: str) -> str:
        """'party' | 'parliament' | 'people' for the bodies of those diplomacies, else ''."""
        if eid in self._channels:
            return self._channels[eid][1]
        e = self.data.entities.get(eid)
        sub = (e.subkind if e is not None else "").lower()
        return sub if sub in ("party", "parliament", "people") else ""

    def is_vn_body(self, eid: str) -> bool:
        """Viet Nam's own Party, Assembly and mass organisations: Viet Nam's side, not a partner."""
        if eid in self._channels:
            return self._channels[eid][2]
        e = self.data.entities.get(eid)
        return e is not None and e.kind == "org" and e.parent == VN

    # -- people -----------------------------------------------------------------------------
    def person(self, written: str, when: str | None) -> PersonRef:
        key = (written, when or "")
        ref = self._person_cache.get(key)
        if ref is None:
            ref = self._person(written, when)
            self._person_cache[key] = ref
        return ref

    def _person(self, written: str, when: str | None) -> PersonRef:
        p = self._people.get(ld.fold(written))
        if p is None:
            toks = written.split()
            vn = len(toks) >= 2 and "-" not in written and ld.fold(toks[0]) in self._surnames
            return PersonRef(written, "", VN if vn else "", False)
        name = (p.name or p.name_ascii) if self.lang == "vi" else (p.name_ascii or fold_name(p.name))
        d = _date_of(when)
        tenures = sorted(self.data.offices_of(p.id, d) if d else [], key=lambda t: self._rank(t.office))
        offices = tuple(dict.fromkeys(t.office for t in tenures))
        # the office says whom they speak for: Antonio Guterres for the UN, not for Portugal
        side = tenures[0].state if tenures and tenures[0].state else p.state
        titles = [self._office_title(o, side) for o in offices]
        return PersonRef(name, ", ".join(dict.fromkeys(t for t in titles if t)), side, True, offices,
                         self._rank(offices[0]) if offices else 99)

    def _rank(self, office: str) -> int:
        try:
            return int(self.data.office_kinds.get(office, {}).get("rank", "") or 99)
        except ValueError:
            return 99

    def _office_title(self, office: str, state: str) -> str:
        """The title as the Bluebook writes it for this state; office_kinds' first form otherwise."""
        i = 1 if self.lang == "vi" else 0
        table = ld.titles()
        for key in ((office, state), (office, "*") if state != VN else None):
            if key is not None and key in table and table[key][i]:
                return table[key][i]
        row = self.data.office_kinds.get(office, {})
        for k in (f"title_{self.lang}", f"name_{self.lang}", self.lang):
            if row.get(k):
                return ld.first_title(row[k])
        return ""

    def office_channel(self, office: str) -> str:
        ch = self._channels.get(office)
        if ch is not None and ch[0] == "office":
            return ch[1]
        row = self.data.office_kinds.get(office, {})
        for k in ("channel", "branch", "kind"):
            v = row.get(k, "").lower()
            if v in ("party", "parliament", "people"):
                return v
        return ""

    def is_high_office(self, office: str) -> bool:
        """Heads of Party, state, government and parliament (and the like abroad)."""
        return office in ld.high_offices() or self._rank(office) <= HIGH_RANK

    def styled(self, ref: PersonRef, with_state: bool) -> str:
        """'Prime Minister of Japan Shinzo Abe' / 'Thủ tướng Nhật Bản Shinzo Abe'; Viet Nam's own
        leaders without the country, as the Bluebook writes them."""
        state = ""
        if with_state and ref.state and ref.state != VN:
            state = self.entity_the(ref.state)
        if ref.title:
            if not state:
                return f"{ref.title} {ref.name}"
            return f"{ref.title} {state} {ref.name}" if self.lang == "vi" else f"{ref.title} of {state} {ref.name}"
        if state:
            return f"{ref.name} ({state})" if self.lang == "vi" else f"{ref.name} of {state}"
        return ref.name
