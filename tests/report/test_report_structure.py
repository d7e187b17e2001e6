"""Golden structure of the 2020 report built from fixtures.py, in English and Vietnamese."""
from __future__ import annotations

import re

import fixtures as F
import pytest

from bluebook.report import build_report, render
from bluebook.report.names import REGIONS


def partner(report, pid):
    return next(p for r in report.regions for p in r.partners if p.id == pid)


def texts(lines):
    return [ln.text for ln in lines]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_chapters_come_in_bluebook_order(reports, lang):
    md = render(reports[lang], "md")
    L = reports[lang].labels
    heads = [h for h in re.findall(r"^## (.+)$", md, flags=re.M)]
    assert heads == [L["ch_overview"], L["ch_bilateral"], L["ch_multilateral"], L["ch_channels"],
                     L["ch_chronology"], L["ch_sources"]]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_regions_follow_the_bluebook_order_and_hold_their_partners(reports, lang):
    r = reports[lang]
    codes = [s.code for s in r.regions]
    assert codes == [c for c in REGIONS if c in codes] and codes == list(REGIONS)
    by_region = {s.code: [p.id for p in s.partners] for s in r.regions}
    assert by_region["SEA"] == ["LAO", "KHM"]              # most active first
    assert by_region["NEA"] == ["JPN", "CHN"]
    assert by_region["EUR"] == ["EU", "FRA"]               # the EU counts as a partner of its own
    assert "UNSC" not in {p for ps in by_region.values() for p in ps}


def test_english_lines_are_in_bluebook_style(reports):
    laos = texts(partner(reports["en"], "LAO").lines)
    assert laos[0] == "Visit to Laos of Prime Minister Nguyen Xuan Phuc (May 2020)"
    assert laos[1] == "Two visits to Viet Nam of Prime Minister of Laos Thongloun Sisoulith (8 January and July 2020)"
    assert "Viet Nam provided assistance to Laos (April 2020)" in laos
    japan = texts(partner(reports["en"], "JPN").lines)
    assert ("Three telephone conversations between Prime Minister Nguyen Xuan Phuc and Prime Minister of Japan "
            "Shinzo Abe (March, May and August 2020)") in japan
    assert "Japan provided assistance to Viet Nam (20 April 2020)" in japan     # the evidence says "to Viet Nam"
    assert texts(partner(reports["en"], "FRA").lines) == [
        "Celebration of the 47th anniversary of diplomatic relations between Viet Nam and France (12 April 2020)"]


def test_vietnamese_lines_are_in_bluebook_style_with_diacritics(reports):
    laos = texts(partner(reports["vi"], "LAO").lines)
    assert laos[0] == "Thủ tướng Nguyễn Xuân Phúc thăm Lào (tháng 5/2020)"
    assert laos[1] == "Thủ tướng Lào Thongloun Sisoulith hai lần thăm Việt Nam (ngày 8/1 và tháng 7/2020)"
    japan = texts(partner(reports["vi"], "JPN").lines)
    assert ("Thủ tướng Nguyễn Xuân Phúc có ba cuộc điện đàm với Thủ tướng Nhật Bản Shinzo Abe "
            "(tháng 3, tháng 5 và tháng 8/2020)") in japan
    china = texts(partner(reports["vi"], "CHN").lines)
    assert china[0] == "Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng gửi điện tới Trung Quốc (ngày 16/1/2020)"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_partner_orders_exchanges_before_documents_and_aid(reports, lang):
    kinds = [ln.type for ln in partner(reports[lang], "JPN").lines]
    assert kinds == ["visit", "phone_call", "phone_call", "aid"]
    # the three calls with the same two people are one line; the minister's call is its own
    merged = partner(reports[lang], "JPN").lines[1]
    assert merged.event_ids == ["e04", "e05", "e06"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_partner_with_one_event_has_one_line(reports, lang):
    egypt = partner(reports[lang], "EGY")
    assert egypt.n_events == 1 and len(egypt.lines) == 1 and egypt.lines[0].event_ids == ["e21"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_multilateral_meetings_are_grouped_under_the_parent_forum(reports, lang):
    forums = {f.id: f for f in reports[lang].forums}
    assert set(forums) == {"UN", "ASEAN", "APEC"}
    un = forums["UN"].lines
    assert len(un) == 1 and un[0].event_ids == ["e16", "e18"]         # the two Security Council meetings
    assert ("chaired" if lang == "en" else "chủ trì") in forums["ASEAN"].lines[0].text


def test_party_and_parliament_diplomacy_has_its_own_chapter(reports):
    ch = {c.key: c for c in reports["en"].channels}
    assert list(ch) == ["party", "parliament"]
    assert ch["party"].lines[0].event_ids == ["e20"]
    assert "Lao People's Revolutionary Party (Laos)" in ch["party"].lines[0].text
    assert ch["parliament"].lines[0].event_ids == ["e19"]
    assert "Nguyen Thi Kim Ngan" in ch["parliament"].lines[0].text
    # an event is in one chapter only
    placed = [i for ln in reports["en"].lines() for i in ln.event_ids]
    assert sorted(placed) == sorted({e.id for e in F.events()})


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_line_cites_its_sources_and_notes_are_numbered_in_reading_order(reports, lang):
    r = reports[lang]
    assert all(ln.notes for ln in r.lines()) and all(e.notes for e in r.chronology)
    first_seen: list[int] = []
    for ln in r.lines():
        first_seen += [n for n in ln.notes if n not in first_seen]
    assert first_seen == list(range(1, len(first_seen) + 1))
    assert [c.n for c in r.notes] == list(range(1, len(r.notes) + 1))
    cited = {n for ln in r.lines() for n in ln.notes} | {n for e in r.chronology for n in e.notes}
    assert cited == {c.n for c in r.notes}


def test_a_citation_carries_title_outlet_date_link_evidence_and_file_name(reports):
    by_url = {c.url: c for c in reports["en"].notes}
    c = by_url["https://news.example.org/item/13"]
    assert (c.title, c.outlet, c.date) == ("Test dispatch number 13", "Example Wire", "1 December 2020")
    assert c.evidence == "Both countries marked the 47th anniversary of their diplomatic ties."
    filed = next(c for c in reports["en"].notes if c.file)
    assert filed.file == "note-21.txt" and filed.url == ""


def test_the_report_language_source_is_cited_first(reports):
    japan_calls = partner(reports["vi"], "JPN").lines[1]
    first = reports["vi"].notes[japan_calls.notes[0] - 1]
    assert first.evidence.startswith("Hai Thủ tướng")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_chronology_lists_every_event_in_date_order(reports, lang):
    chrono = reports[lang].chronology
    assert len(chrono) == len(F.events())
    assert [e.iso for e in chrono] == sorted((e.iso for e in chrono), key=lambda s: (s[:7], s))
    assert chrono[0].date == ("8 January 2020" if lang == "en" else "ngày 8/1/2020")


def test_overview_counts_and_summary(reports):
    o = reports["en"].overview
    assert (o.n_events, o.n_partners, o.n_regions) == (27, 12, 8)
    assert dict(o.by_type)["Telephone conversation"] == 5
    assert (o.visits_out, o.visits_in) == (3, 3)
    assert [ln.event_ids for ln in o.high_visits_in] == [["e02", "e03"]]
    assert o.top_partners[:2] == [("Japan", 6), ("Laos", 5)]
    assert o.summary.startswith("In 2020, the database records 27 diplomatic events of Viet Nam with 12 partners")
    assert reports["vi"].overview.summary.startswith("Trong năm 2020, cơ sở dữ liệu ghi nhận 27 sự kiện")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_three_charts_in_the_report_language(reports, lang):
    charts = reports[lang].charts
    assert [c.key for c in charts] == ["monthly", "partners", "regions"]
    assert all(c.png.startswith(b"\x89PNG") for c in charts)
    assert charts[0].title == ("Events per month by type (2020)" if lang == "en"
                               else "Sự kiện theo tháng và loại (2020)")


def test_period_filters_events_and_titles_the_report(gaz):
    r = build_report(F.events(), lang="en", period=("2020-01", "2020-06"), gazetteer=gaz, charts=False)
    assert r.title == "Viet Nam Diplomatic Bluebook January-June 2020"
    assert r.overview.n_events == 15
    assert all(e.iso < "2020-07" for e in r.chronology)
    vi = build_report(F.events(), lang="vi", period=("2020-01", "2020-06"), gazetteer=gaz, charts=False,
                      title="Báo cáo nửa đầu năm")
    assert vi.title == "Báo cáo nửa đầu năm" and vi.period_label == "tháng 1-6/2020"
