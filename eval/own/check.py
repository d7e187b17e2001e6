#!/usr/bin/env python3
"""Validate hand-annotated evaluation sets laid out like ../shared/eval/dev.

Usage:
  python3 eval/own/check.py [SET_DIR ...] [--counts]

Without SET_DIR, every folder beside this script that holds a docs.tsv is
checked. A set is docs.tsv (file, doc_date, lang), texts/NAME.txt and
gold/NAME.jsonl with one event a line (schema: ../shared/eval/GUIDELINES.md).

Errors (exit status 1): a broken layout, a line that is not a JSON object, an
unknown field or type, a malformed or impossible date, an unknown party ID, an
evidence that is not an exact substring of its text, a duplicated event.
Warnings (reported, exit status unchanged): a person or location not found in
the text, a past event marked planned, a future event not marked planned.
--counts prints events per type per set as a Markdown table.

Standard library only, so that it runs without the project installed.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORG_IDS_TSV = HERE.parents[1] / ".." / "shared" / "eval" / "org_ids.tsv"

TYPES = (
    "visit",
    "phone_call",
    "talks",
    "conference",
    "agreement",
    "aid",
    "message",
    "anniversary",
    "upgrade",
    "withdrawal",
    "appeal",
    "accusation",
)
FIELDS = {"type", "date", "date_end", "parties", "persons", "location", "evidence", "planned"}
REQUIRED = ("type", "date", "parties", "evidence")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# COPnn is the scheme org_ids.tsv gives for the climate conferences.
COP_RE = re.compile(r"^COP\d{1,2}$")

# ISO 3166-1 alpha-3, plus XKX (Kosovo, user-assigned but in common use).
# Kept inline because the script must not depend on the project's gazetteer.
ISO3 = frozenset(
    """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN
BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN
CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU
DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR
GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV
HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA
MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM
NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL
PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE
SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK
TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX
""".split()
)

# Fallback copy of the IDs in ../shared/eval/org_ids.tsv, used only when the
# shared folder is absent (the file is the reference when it is there).
ORG_FALLBACK = frozenset(
    """
UN UNGA UNSC UNHRC ECOSOC CND CSW CSOCD UNCITRAL UNCLOS UNTOC UNFCCC COP26 CBD
WHO UNESCO ILO FAO UNDP UNICEF IAEA WTO IMF WB ADB AIIB ASEAN AMM ARF ADMM
ADMM-PLUS EAS APT AIPA CACJ APEC ASEM G7 G20 BRICS SCO EU NATO AU OIF NAM IPU
APPF PPF A4M MEKONG MLC MRC CLV CPTPP RCEP IMCWP IBC CPV NA P4G WEF
""".split()
)


def load_org_ids() -> frozenset[str]:
    if not ORG_IDS_TSV.is_file():
        return ORG_FALLBACK
    ids = set()
    for n, line in enumerate(ORG_IDS_TSV.read_text(encoding="utf-8").splitlines()):
        cells = line.split("\t")
        if n and cells and cells[0].strip():
            ids.add(cells[0].strip())
    return frozenset(ids)


def fold(text: str) -> str:
    """Lower-case text without diacritics, so 'Vương Nghị' matches 'Vuong Nghi'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def parse_date(value: object) -> tuple[int, ...] | None:
    """(year[, month[, day]]) for a valid ISO partial date, else None."""
    if not isinstance(value, str):
        return None
    m = DATE_RE.match(value)
    if not m:
        return None
    parts = tuple(int(g) for g in m.groups() if g is not None)
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return parts


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"error: {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"warning: {where}: {msg}")


def read_docs(set_dir: Path, rep: Report) -> dict[str, tuple[date, str]]:
    """docs.tsv as {file stem: (doc_date, lang)}."""
    path = set_dir / "docs.tsv"
    docs: dict[str, tuple[date, str]] = {}
    if not path.is_file():
        rep.error(str(path), "missing docs.tsv")
        return docs
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != ["file", "doc_date", "lang"]:
        rep.error(str(path), "header must be: file<TAB>doc_date<TAB>lang")
        return docs
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        where = f"{path}:{n}"
        if len(cells) != 3:
            rep.error(where, "expected 3 tab-separated cells")
            continue
        name, doc_date, lang = cells
        parts = parse_date(doc_date)
        if parts is None or len(parts) != 3:
            rep.error(where, f"doc_date {doc_date!r} is not YYYY-MM-DD")
            continue
        if lang not in ("vi", "en"):
            rep.error(where, f"lang {lang!r} is neither vi nor en")
        if not name.endswith(".txt"):
            rep.error(where, f"file {name!r} must name a .txt in texts/")
            continue
        stem = name[:-4]
        if stem in docs:
            rep.error(where, f"{name} listed twice")
        if not (set_dir / "texts" / name).is_file():
            rep.error(where, f"texts/{name} does not exist")
        if not (set_dir / "gold" / f"{stem}.jsonl").is_file():
            rep.error(where, f"gold/{stem}.jsonl does not exist (an empty file means no events)")
        docs[stem] = (date(*parts), lang)
    for sub, ext in (("texts", ".txt"), ("gold", ".jsonl")):
        for extra in sorted((set_dir / sub).glob(f"*{ext}")):
            if extra.name[: -len(ext)] not in docs:
                rep.error(str(extra), "not listed in docs.tsv")
    return docs


def prefix(d: date, n: int) -> tuple[int, ...]:
    return (d.year, d.month, d.day)[:n]


def check_event(ev: object, text: str, doc_date: date, ids: frozenset[str], where: str, rep: Report) -> None:
    if not isinstance(ev, dict):
        rep.error(where, "not a JSON object")
        return
    for key in sorted(set(ev) - FIELDS):
        rep.error(where, f"unknown field {key!r}")
    for key in REQUIRED:
        if key not in ev:
            rep.error(where, f"missing required field {key!r}")
    if ev.get("type") not in TYPES:
        rep.error(where, f"type {ev.get('type')!r} is not one of the 12 types")
    start = parse_date(ev.get("date"))
    if start is None:
        rep.error(where, f"date {ev.get('date')!r} is not a valid YYYY[-MM[-DD]]")
    end = None
    if "date_end" in ev:
        end = parse_date(ev["date_end"])
        if end is None:
            rep.error(where, f"date_end {ev['date_end']!r} is not a valid date")
        elif start is not None and end < start:
            rep.error(where, "date_end is before date")
    parties = ev.get("parties")
    if not isinstance(parties, list) or not parties:
        rep.error(where, "parties must be a non-empty list")
    else:
        if len(set(map(str, parties))) != len(parties):
            rep.error(where, f"repeated party in {parties}")
        for pid in parties:
            if not isinstance(pid, str) or not (pid in ISO3 or pid in ids or COP_RE.match(pid)):
                rep.error(where, f"party {pid!r} is neither ISO 3166 alpha-3 nor in org_ids.tsv")
    evidence = ev.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        rep.error(where, "evidence must be a non-empty string")
    elif evidence not in text:
        rep.error(where, f"evidence is not an exact substring of the text: {evidence[:70]!r}")
    folded = fold(text)
    persons = ev.get("persons", [])
    if not isinstance(persons, list):
        rep.error(where, "persons must be a list")
        persons = []
    for person in persons:
        if not isinstance(person, str) or not person.isascii():
            rep.error(where, f"person {person!r} must be written without diacritics")
        elif fold(person) not in folded:
            rep.warn(where, f"person {person!r} not found in the text")
    location = ev.get("location")
    if location is not None and (not isinstance(location, str) or location not in text):
        rep.warn(where, f"location {location!r} not found verbatim in the text")
    planned = ev.get("planned", False)
    if not isinstance(planned, bool):
        rep.error(where, "planned must be true or false")
    if start is None:
        return
    last = end or start
    if not planned and start > prefix(doc_date, len(start)):
        rep.warn(where, f"dated {ev['date']} after the document ({doc_date}) but not planned")
    if planned and last < prefix(doc_date, len(last)):
        rep.warn(where, f"planned but dated {ev['date']}, before the document ({doc_date})")


def check_set(set_dir: Path, ids: frozenset[str], rep: Report) -> Counter:
    """Check one set; returns its event counts per type."""
    counts: Counter = Counter()
    docs = read_docs(set_dir, rep)
    for stem, (doc_date, _lang) in sorted(docs.items()):
        text_path = set_dir / "texts" / f"{stem}.txt"
        gold_path = set_dir / "gold" / f"{stem}.jsonl"
        if not (text_path.is_file() and gold_path.is_file()):
            continue
        text = text_path.read_text(encoding="utf-8")
        seen: set[str] = set()
        for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{gold_path}:{n}"
            try:
                ev = json.loads(line)
            except json.JSONDecodeError as exc:
                rep.error(where, f"not JSON ({exc.msg})")
                continue
            check_event(ev, text, doc_date, ids, where, rep)
            if isinstance(ev, dict):
                key = json.dumps(ev, sort_keys=True, ensure_ascii=False)
                if key in seen:
                    rep.error(where, "same event twice")
                seen.add(key)
                counts[ev.get("type")] += 1
        counts["_docs"] += 1
        counts["_empty"] += not seen
    return counts


def counts_table(all_counts: dict[str, Counter]) -> str:
    names = list(all_counts)
    rows = ["| type | " + " | ".join(names) + " | total |", "|---" * (len(names) + 2) + "|"]
    for t in TYPES + ("_docs", "_empty"):
        cells = [all_counts[n][t] for n in names]
        label = {"_docs": "documents", "_empty": "documents without events"}.get(t, t)
        rows.append(f"| {label} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    totals = [sum(all_counts[n][t] for t in TYPES) for n in names]
    rows.append("| **events** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    set_dirs = [Path(a) for a in args] or sorted(p.parent for p in HERE.glob("*/docs.tsv"))
    if not set_dirs:
        print("no set found: pass SET_DIR (a folder with docs.tsv, texts/, gold/)")
        return 2
    ids = load_org_ids()
    rep = Report()
    all_counts = {d.name: check_set(d, ids, rep) for d in set_dirs}
    for msg in rep.errors + rep.warnings:
        print(msg)
    for name, c in all_counts.items():
        n_events = sum(c[t] for t in TYPES)
        print(f"{name}: {c['_docs']} documents ({c['_empty']} without events), {n_events} events")
    if "--counts" in argv:
        print(counts_table(all_counts))
    print(f"{len(rep.errors)} errors, {len(rep.warnings)} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
