"""Loading the gazetteer's TSV data files (states, organisations, people, offices, aliases, titles).

The files live in ``bluebook/data`` (language-neutral facts) and ``bluebook/lang/<lang>`` (names as
written in one language). Each has a header row and a ``source`` column.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from bluebook.errors import DataFileError

PACKAGE = Path(__file__).resolve().parent.parent
DATA = PACKAGE / "data"
LANG = PACKAGE / "lang"
LANGS = ("vi", "en")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file as dicts; a missing file is an empty table, a malformed one an error."""
    if not path.exists():
        return []
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames is None:
            return []
        for n, row in enumerate(reader, 2):
            if None in row:
                raise DataFileError(f"line {n} has more fields than the header", source=str(path))
            rows.append({k: unicodedata.normalize("NFC", (v or "").strip()) for k, v in row.items()})
    return rows


@dataclass(slots=True)
class Entity:
    id: str
    kind: str                 # state | org
    name_en: str
    name_vi: str
    region: str = ""
    parent: str = ""
    subkind: str = ""


@dataclass(slots=True)
class Person:
    id: str
    name: str
    name_ascii: str
    state: str
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Tenure:
    person: str
    office: str
    state: str
    start: str
    end: str

    def covers(self, d: date) -> bool:
        iso = d.isoformat()
        # partial dates compare correctly as strings once padded to the period's edge
        start = self.start or "0000"
        end = self.end or "9999"
        return start[: len(iso)] <= iso[: len(start)] and iso[: len(end)] <= end


@dataclass(slots=True)
class Alias:
    text: str
    id: str
    kind: str                 # state | org | adjective | capital | demonym | person | title | block
    flags: frozenset[str]
    lang: str
    state: str = ""           # titles: the state the title is specific to


@dataclass(slots=True)
class GazetteerData:
    entities: dict[str, Entity]
    persons: dict[str, Person]
    tenures: list[Tenure]
    office_kinds: dict[str, dict[str, str]]
    aliases: list[Alias]
    # indexes over ``tenures``, built once: linking asks for them for every bare title and person
    by_office: dict[str, list[Tenure]] = field(default_factory=dict, repr=False)
    by_person: dict[str, list[Tenure]] = field(default_factory=dict, repr=False)
    # answers already given: a feed asks about the same offices and people on the same day again and again
    _asked: dict[tuple, tuple] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for t in self.tenures:
            self.by_office.setdefault(t.office, []).append(t)
            self.by_person.setdefault(t.person, []).append(t)

    def holders(self, office: str, state: str, when: date | None) -> list[Person]:
        key = ("holders", office, state, when)
        got = self._asked.get(key)
        if got is None:
            out = []
            for t in self.by_office.get(office, ()):
                if (not state or t.state == state) and (when is None or t.covers(when)):
                    p = self.persons.get(t.person)
                    if p:
                        out.append(p)
            got = self._remember(key, out)
        return list(got)

    def offices_of(self, person: str, when: date | None = None) -> list[Tenure]:
        key = ("offices", person, when)
        got = self._asked.get(key)
        if got is None:
            got = self._remember(key, [t for t in self.by_person.get(person, ()) if when is None or t.covers(when)])
        return list(got)

    def _remember(self, key: tuple, answer: list) -> tuple:
        if len(self._asked) >= _ASKED_MAX:
            self._asked.clear()
        got = self._asked[key] = tuple(answer)
        return got


_ASKED_MAX = 50_000


def _flags(s: str) -> frozenset[str]:
    return frozenset(f.strip() for f in s.replace(";", ",").split(",") if f.strip())


@lru_cache(maxsize=1)
def load_data() -> GazetteerData:
    entities: dict[str, Entity] = {}
    for r in read_tsv(DATA / "states.tsv"):
        entities[r["id"]] = Entity(r["id"], "state", r.get("name_en", ""), r.get("name_vi", ""),
                                   region=r.get("region", ""), subkind=r.get("kind", ""))
    for r in read_tsv(DATA / "orgs.tsv"):
        entities[r["id"]] = Entity(r["id"], "org", r.get("name_en", ""), r.get("name_vi", ""),
                                   parent=r.get("parent", ""), subkind=r.get("kind", ""))
    persons: dict[str, Person] = {}
    for r in read_tsv(DATA / "persons.tsv"):
        aliases = [a.strip() for a in r.get("aliases", "").split("|") if a.strip()]
        persons[r["person_id"]] = Person(r["person_id"], r["name"], r.get("name_ascii", ""),
                                         r.get("state", ""), aliases)
    tenures = [Tenure(r["person_id"], r["office"], r.get("state", ""), r.get("start", ""), r.get("end", ""))
               for r in read_tsv(DATA / "offices.tsv")]
    office_kinds = {r["office"]: r for r in read_tsv(DATA / "office_kinds.tsv")}
    aliases: list[Alias] = []
    for lang in LANGS:
        for r in read_tsv(LANG / lang / "aliases.tsv"):
            aliases.append(Alias(r["alias"], r["id"], r.get("kind", "state"), _flags(r.get("flags", "")), lang))
        for r in read_tsv(LANG / lang / "titles.tsv"):
            aliases.append(Alias(r["alias"], r["office"], "title", frozenset(), lang, state=r.get("state", "")))
        # blocks apply in every language: an English place name inside Vietnamese text is still no state
        for r in read_tsv(LANG / lang / "blocks.tsv"):
            aliases.append(Alias(r["alias"], r.get("what", ""), "block", _flags(r.get("flags", "")), "*"))
    # state and org names are aliases too, so a name missing from aliases.tsv still matches
    listed = {(a.text, a.id) for a in aliases}
    for e in entities.values():
        for lang, name in (("en", e.name_en), ("vi", e.name_vi)):
            if name and (name, e.id) not in listed:
                aliases.append(Alias(name, e.id, e.kind, frozenset(), lang))
    for p in persons.values():
        for name in {p.name, p.name_ascii, *p.aliases}:
            if name:
                aliases.append(Alias(name, p.id, "person", frozenset(), "*", state=p.state))
    return GazetteerData(entities, persons, tenures, office_kinds, aliases)
