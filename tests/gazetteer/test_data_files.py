"""The gazetteer's data files: well-formed, consistent with each other, and complete where it matters.

These files are hand-curated facts (states, organisations, people, tenures, names and titles);
the tests catch the mistakes hand-editing makes: a typo in an ID, a duplicate, a tenure that ends
before it starts, two presidents at once, a row without a source.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "src" / "bluebook"
DATA = PKG / "data"
LANG = PKG / "lang"

HEADERS = {
    DATA / "states.tsv": ["id", "name_en", "name_vi", "region", "kind", "source"],
    DATA / "orgs.tsv": ["id", "name_en", "name_vi", "parent", "kind", "source"],
    DATA / "persons.tsv": ["person_id", "name", "name_ascii", "state", "aliases", "source"],
    DATA / "offices.tsv": ["person_id", "office", "state", "start", "end", "source"],
    DATA / "office_kinds.tsv": ["office", "title_en", "title_vi", "rank", "source"],
    LANG / "vi" / "aliases.tsv": ["alias", "id", "kind", "flags", "source"],
    LANG / "en" / "aliases.tsv": ["alias", "id", "kind", "flags", "source"],
    LANG / "vi" / "titles.tsv": ["alias", "office", "state", "source"],
    LANG / "en" / "titles.tsv": ["alias", "office", "state", "source"],
}

# The 193 UN member states (un.org/en/about-us/member-states), as ISO 3166-1 alpha-3.
UN_MEMBERS = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC
NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON
TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
UN_OBSERVERS = frozenset({"VAT", "PSE"})
REGIONS = {"SEA", "NEA", "SA", "EUR", "AME", "MEA", "AFR", "OCE"}
STATE_KINDS = {"member", "observer", "territory", "other"}
ORG_KINDS = {"org", "forum", "body", "party", "parliament", "treaty", "bank", "agency"}
ALIAS_KINDS = {"state", "org", "adjective", "capital", "demonym"}
FLAGS = {"case", "ambiguous", "lower_ok", "name_part"}
# The eval's org IDs (../shared/eval/org_ids.tsv) reuse two ISO3 codes: CPV is both Cabo Verde and the
# Communist Party of Viet Nam, NAM both Namibia and the Non-Aligned Movement. No other clash is allowed.
KNOWN_ID_CLASHES = {"CPV", "NAM"}
# Offices held by one person at a time in one state or organisation.
SINGLE_HOLDER = {"GS", "PRES", "PM", "NA_CHAIR", "FM", "KING", "SEC_GEN", "PS_MIN", "DEF_MIN", "PERM_DPM",
                 "SENATE_PRES", "CPPCC_CHAIR", "STATE_COUNSELLOR", "SAC_CHAIR", "GOV_GEN", "STANDING_SEC",
                 "FRONT_CHAIR", "ORG_HEAD", "ORG_CHAIR", "EXT_REL_HEAD", "TRADE_MIN", "FIN_MIN", "MPI_MIN",
                 "HEALTH_MIN", "EDU_MIN", "JUSTICE_MIN", "HOME_MIN", "SBV_GOV", "GOV_OFFICE"}
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# New-style tone placement in an open syllable ("hoà", "thuỷ"); the normaliser writes "hòa", "thủy".
NEW_STYLE_TONE = re.compile(r"(?<![qQ])[oO][àáảãạèéẻẽẹ](?!\w)|(?<![qQ])[uU][ỳýỷỹỵ](?!\w)")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[-1] == "", f"{path.name}: must end with a newline"
    lines = lines[:-1]
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        assert len(cells) == len(header), f"{path.name}:{n}: {len(cells)} fields, header has {len(header)}"
        rows.append(dict(zip(header, cells, strict=True)))
    return header, rows


@pytest.fixture(scope="module")
def files() -> dict[str, list[dict[str, str]]]:
    out = {}
    for path in HEADERS:
        out[f"{path.parent.name}/{path.name}"] = _read(path)[1]
    return out


@pytest.fixture(scope="module")
def states(files):
    return {r["id"]: r for r in files["data/states.tsv"]}


@pytest.fixture(scope="module")
def orgs(files):
    return {r["id"]: r for r in files["data/orgs.tsv"]}


@pytest.fixture(scope="module")
def persons(files):
    return {r["person_id"]: r for r in files["data/persons.tsv"]}


@pytest.fixture(scope="module")
def office_kinds(files):
    return {r["office"]: r for r in files["data/office_kinds.tsv"]}


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", list(HEADERS), ids=_key)
def test_header_is_exact_and_source_column_last(path):
    header, _ = _read(path)
    assert header == HEADERS[path]
    assert header[-1] == "source"


@pytest.mark.parametrize("path", list(HEADERS), ids=_key)
def test_every_cell_is_nfc_unquoted_and_trimmed(path):
    _, rows = _read(path)
    for row in rows:
        for col, value in row.items():
            assert unicodedata.is_normalized("NFC", value), (path.name, col, value)
            assert value == value.strip(), (path.name, col, value)
            assert '"' not in value, f"{path.name}: quotes are not allowed (QUOTE_NONE): {value!r}"
            assert "\r" not in value


@pytest.mark.parametrize("path", list(HEADERS), ids=_key)
def test_every_row_names_its_source(path):
    _, rows = _read(path)
    assert rows, f"{path.name} is empty"
    missing = [r for r in rows if not r["source"]]
    assert not missing, f"{path.name}: rows without a source: {missing[:3]}"


@pytest.mark.parametrize("path", list(HEADERS), ids=_key)
def test_names_use_the_normalisers_tone_placement(path):
    _, rows = _read(path)
    for row in rows:
        for col, value in row.items():
            if col != "source":
                assert not NEW_STYLE_TONE.search(value), f"{path.name}: write 'hòa'/'thủy' style: {value!r}"


@pytest.mark.parametrize("path,key", [
    (DATA / "states.tsv", "id"), (DATA / "orgs.tsv", "id"), (DATA / "persons.tsv", "person_id"),
    (DATA / "office_kinds.tsv", "office"),
    (LANG / "vi" / "aliases.tsv", "alias"), (LANG / "en" / "aliases.tsv", "alias"),
], ids=lambda p: p if isinstance(p, str) else _key(p))
def test_keys_are_unique_and_files_sorted(path, key):
    _, rows = _read(path)
    keys = [r[key] for r in rows]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"{path.name}: duplicate {key}: {dupes}"
    order = [(r["id"], r["alias"]) for r in rows] if key == "alias" else keys
    assert order == sorted(order), f"{path.name} is not sorted"


def test_state_ids_are_iso3_with_known_regions_and_kinds(states):
    for sid, r in states.items():
        assert re.fullmatch(r"[A-Z]{3}", sid), sid
        assert r["region"] in REGIONS, (sid, r["region"])
        assert r["kind"] in STATE_KINDS, (sid, r["kind"])
        assert r["name_en"] and r["name_vi"], sid


def test_state_ids_are_iso_3166_alpha3_codes(states):
    babel_core = pytest.importorskip("babel.core")
    iso3 = {k for k in babel_core.get_global("territory_aliases") if len(k) == 3 and k.isalpha()}
    unknown = sorted(set(states) - iso3 - {"XKX"})     # XKX: user-assigned, used by the EU and IMF
    assert not unknown


def test_every_un_member_and_observer_is_present(states):
    assert len(UN_MEMBERS) == 193
    assert not UN_MEMBERS - set(states)
    assert {s for s, r in states.items() if r["kind"] == "member"} == UN_MEMBERS
    assert {s for s, r in states.items() if r["kind"] == "observer"} == UN_OBSERVERS
    assert {"TWN", "HKG", "MAC", "XKX"} <= set(states)


def test_vietnamese_names_follow_mofa_usage(states):
    expected = {"USA": "Hoa Kỳ", "GBR": "Vương quốc Anh", "KOR": "Hàn Quốc", "PRK": "Triều Tiên", "LAO": "Lào",
                "KHM": "Campuchia", "CHN": "Trung Quốc", "JPN": "Nhật Bản", "RUS": "Nga", "VNM": "Việt Nam"}
    assert {k: states[k]["name_vi"] for k in expected} == expected
    assert states["VNM"]["region"] == "SEA" and states["RUS"]["region"] == "EUR"
    assert states["KAZ"]["region"] == "EUR"      # Central Asia sits with Europe in Viet Nam's Bluebook


def test_orgs_are_many_with_known_kinds_and_parents(orgs, states):
    assert len(orgs) >= 150
    for oid, r in orgs.items():
        assert re.fullmatch(r"[A-Z0-9]+(?:-[A-Z0-9]+)*", oid), oid
        assert r["kind"] in ORG_KINDS, (oid, r["kind"])
        assert r["name_en"] and r["name_vi"], oid
        assert r["parent"] == "" or r["parent"] in orgs or r["parent"] in states, (oid, r["parent"])
        assert r["parent"] != oid


def test_org_ids_clash_with_state_codes_only_where_the_eval_does(orgs, states):
    assert set(orgs) & set(states) == KNOWN_ID_CLASHES


def test_org_ids_and_parents_match_the_eval_list(orgs):
    path = PKG.parents[1] / ".." / "shared" / "eval" / "org_ids.tsv"
    if not path.exists():
        pytest.skip("../shared/eval/org_ids.tsv not present")
    _, rows = _read(path)
    for r in rows:
        if r["id"] == "MEKONG" or r["id"].startswith("COP"):
            continue
        assert r["id"] in orgs, r["id"]
        assert orgs[r["id"]]["parent"] == r["parent"], r["id"]
    assert "COP26" in orgs and orgs["COP26"]["parent"] == "UNFCCC"


def test_foreign_parties_belong_to_their_state(orgs, states):
    for oid in ("LPRP", "CPP", "CPC", "PCC", "UR"):
        assert orgs[oid]["kind"] == "party"
        assert orgs[oid]["parent"] in states
    assert orgs["CPV"]["parent"] == "VNM" and orgs["NA"]["parent"] == "VNM"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_aliases_point_to_known_ids_with_known_kinds_and_flags(files, states, orgs, lang):
    for r in files[f"{lang}/aliases.tsv"]:
        assert r["alias"], r
        assert r["kind"] in ALIAS_KINDS, r
        target = states if r["kind"] != "org" else orgs
        assert r["id"] in target, f"{lang} alias {r['alias']!r} -> unknown {r['kind']} {r['id']}"
        flags = set(filter(None, r["flags"].split(",")))
        assert flags <= FLAGS, r
        if r["alias"][:1].islower():
            assert "lower_ok" in flags, f"{r['alias']!r} starts lower-case: flag it lower_ok"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_state_and_org_name_is_also_an_alias(files, states, orgs, lang):
    aliases = {(r["alias"], r["id"]) for r in files[f"{lang}/aliases.tsv"]}
    for table in (states, orgs):
        for eid, r in table.items():
            assert (r[f"name_{lang}"], eid) in aliases, f"{lang}: name of {eid} missing from aliases"


def test_short_acronyms_and_risky_vietnamese_names_match_case_sensitively(files):
    vi = {r["alias"]: r for r in files["vi/aliases.tsv"]}
    en = {r["alias"]: r for r in files["en/aliases.tsv"]}
    for alias in ("US", "U.S.", "UK", "ROK", "DPRK", "PRC", "WHO", "UN", "EU", "AU"):
        assert "case" in en[alias]["flags"], alias
    for alias in ("Anh", "Mỹ", "Nhật", "Đức", "Ý", "Lào", "Pháp", "Nga", "Bỉ", "Séc", "Úc", "Triều Tiên"):
        assert "case" in vi[alias]["flags"], alias
    for alias in ("Anh", "Nhật", "Đức", "Ý", "Hàn"):
        assert "ambiguous" in vi[alias]["flags"], alias
    for alias in ("Georgia", "Jordan"):
        assert "ambiguous" in en[alias]["flags"], alias
    assert en["Turkey"]["flags"] == "case" and en["Korea"]["id"] == "KOR"


def test_too_ambiguous_short_names_are_left_out(files):
    vi = {r["alias"] for r in files["vi/aliases.tsv"]}
    # "Nam" is south / a given name, "Phi" is Africa in "châu Phi", "Trung" is a given name
    assert not {"Nam", "Phi", "Trung", "Việt", "nước ta"} & vi


def test_key_partners_have_their_common_forms(files):
    vi = {r["alias"]: r["id"] for r in files["vi/aliases.tsv"]}
    en = {r["alias"]: r["id"] for r in files["en/aliases.tsv"]}
    assert vi["Mỹ"] == vi["Hợp chúng quốc Hoa Kỳ"] == "USA"
    assert vi["CHDCND Lào"] == vi["Cộng hòa Dân chủ Nhân dân Lào"] == "LAO"
    assert vi["Cam-pu-chia"] == "KHM" and vi["Xinh-ga-po"] == "SGP" and vi["Liên bang Nga"] == "RUS"
    assert vi["Liên hợp quốc"] == vi["LHQ"] == "UN" and vi["Hội đồng Bảo an"] == "UNSC"
    assert vi["Quốc hội"] == "NA" and vi["Đảng Cộng sản Việt Nam"] == "CPV"
    assert en["Lao PDR"] == "LAO" and en["Viet Nam"] == en["Vietnam"] == "VNM"
    assert en["Lao"] == "LAO" and en["Washington"] == "USA" and vi["Bắc Kinh"] == "CHN"


def test_office_kinds_have_integer_ranks_and_titles(office_kinds):
    for office, r in office_kinds.items():
        assert re.fullmatch(r"[A-Z_]+", office)
        assert r["rank"].isdigit() and int(r["rank"]) >= 1, office
        assert r["title_en"] and r["title_vi"], office
    assert {"GS", "PRES", "PM", "DPM", "NA_CHAIR", "FM", "DFM", "KING", "SEC_GEN", "AMB"} <= set(office_kinds)


# letters that carry no combining mark to strip (Børge, Łódź)
_NO_MARK = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
                          "ı": "i", "’": "'"})


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.translate(_NO_MARK))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def test_persons_have_ascii_ids_and_folded_names(persons, states):
    for pid, r in persons.items():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pid), pid
        assert r["name_ascii"] == _fold(r["name"]), pid
        assert r["name_ascii"].isascii(), pid
        assert r["state"] in states, (pid, r["state"])
        aliases = r["aliases"].split("|") if r["aliases"] else []
        assert all(a.strip() == a and a for a in aliases), pid
        assert len(aliases) == len(set(aliases)), pid


def test_family_name_alone_is_never_a_vietnamese_persons_alias(persons):
    surnames = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                "Hồ", "Ngô", "Dương", "Lý", "Tô", "Lương", "Vương", "Trương", "Đinh", "Mai"}
    for pid, r in persons.items():
        aliases = set(r["aliases"].split("|")) if r["aliases"] else set()
        assert not aliases & surnames, pid
        assert all(" " in a or "-" in a or r["state"] != "VNM" for a in aliases), pid


def _lo(d: str) -> str:
    return d + ("-01-01" if len(d) == 4 else "-01" if len(d) == 7 else "")


def _hi(d: str) -> str:
    return d + ("-12-31" if len(d) == 4 else "-31" if len(d) == 7 else "")


def _valid(d: str) -> bool:
    if not PARTIAL_DATE.fullmatch(d):
        return False
    parts = [int(x) for x in d.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def test_tenures_point_to_known_people_offices_and_places(files, persons, office_kinds, states, orgs):
    for r in files["data/offices.tsv"]:
        assert r["person_id"] in persons, r
        assert r["office"] in office_kinds, r
        assert r["state"] in states or r["state"] in orgs, r


def test_tenure_dates_are_partial_iso_and_in_order(files):
    for r in files["data/offices.tsv"]:
        start, end = r["start"], r["end"]
        assert start or "approximate" in r["source"], f"unknown start must be marked approximate: {r}"
        for d in filter(None, (start, end)):
            assert _valid(d), r
            assert "1900" <= d[:4] <= "2026", r
        if start and end:
            assert _lo(start) <= _hi(end), r


def test_offices_tsv_is_sorted_by_person_then_start(files):
    rows = files["data/offices.tsv"]
    order = [(r["person_id"], r["start"], r["office"]) for r in rows]
    assert order == sorted(order)


def test_single_holder_offices_never_have_two_holders_at_once(files):
    by_seat: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in files["data/offices.tsv"]:
        if r["office"] in SINGLE_HOLDER and r["start"]:
            by_seat[(r["office"], r["state"])].append(r)
    clashes = []
    for seat, rows in by_seat.items():
        rows.sort(key=lambda r: _lo(r["start"]))
        for a, b in zip(rows, rows[1:], strict=False):
            if a["person_id"] == b["person_id"]:
                continue
            # a successor takes office the day the predecessor leaves: sharing that one day is fine,
            # and approximate dates (year or month only) may touch
            a_end = _lo(a["end"]) if a["end"] else "9999-12-31"
            if _lo(b["start"]) < a_end and "approximate" not in a["source"] + b["source"]:
                clashes.append((seat, a["person_id"], b["person_id"]))
    assert not clashes


def test_double_roles_of_viet_nams_leaders(files):
    held = defaultdict(list)
    for r in files["data/offices.tsv"]:
        held[r["person_id"]].append((r["office"], r["state"], r["start"], r["end"]))
    assert ("GS", "VNM", "2011-01-19", "2024-07-19") in held["nguyen-phu-trong"]
    assert ("PRES", "VNM", "2018-10-23", "2021-04-05") in held["nguyen-phu-trong"]
    assert ("GS", "VNM", "2024-08-03", "") in held["to-lam"]
    assert ("PRES", "VNM", "2024-05-22", "2024-10-21") in held["to-lam"]
    assert ("SEC_GEN", "UN", "2017-01-01", "") in held["antonio-guterres"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_titles_point_to_known_offices_and_states(files, office_kinds, states, orgs, lang):
    rows = files[f"{lang}/titles.tsv"]
    seen = set()
    for r in rows:
        assert r["office"] in office_kinds, r
        assert r["state"] == "" or r["state"] in states or r["state"] in orgs, r
        assert (r["alias"], r["state"]) not in seen, r
        seen.add((r["alias"], r["state"]))
    order = [(r["office"], r["alias"], r["state"]) for r in rows]
    assert order == sorted(order)


def test_country_specific_titles_carry_their_state(files):
    vi = {r["alias"]: r for r in files["vi/titles.tsv"]}
    en = {r["alias"]: r for r in files["en/titles.tsv"]}
    assert (vi["Chủ tịch nước"]["office"], vi["Chủ tịch nước"]["state"]) == ("PRES", "VNM")
    assert vi["Tổng Bí thư"]["state"] == ""            # the Lao, Chinese and Cuban parties have one too
    assert (vi["Tổng thư ký Liên hợp quốc"]["office"], vi["Tổng thư ký Liên hợp quốc"]["state"]) == ("SEC_GEN", "UN")
    assert (en["Secretary of State"]["office"], en["Secretary of State"]["state"]) == ("FM", "USA")
    assert vi["Thứ trưởng Thường trực Bộ Ngoại giao"]["office"] == "PERM_DFM"


def test_every_alias_file_loads_through_the_gazetteer_reader():
    data = pytest.importorskip("bluebook.gazetteer.data")
    for path in HEADERS:
        rows = data.read_tsv(path)
        assert rows and all(r["source"] for r in rows), path.name
