"""The report from a real store (SQLite): canonical events, their sources, and the CLI entry point."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.errors import BadDateError, ConfigError, NotFoundError, UnsupportedFormatError
from bluebook.models import Document, Event
from bluebook.report import events_from_store, report_from_store
from bluebook.store import open_store

VI = ("Sáng 12/5, Thủ tướng Nguyễn Xuân Phúc đã điện đàm với Thủ tướng Nhật Bản Shinzo Abe "
      "về hợp tác ứng phó dịch bệnh và phục hồi kinh tế.")
EN = ("Prime Minister Nguyen Xuan Phuc held a phone call with Japanese Prime Minister Shinzo Abe on May 12 "
      "to discuss the response to the epidemic.")
EN2 = "Deputy Prime Minister Pham Binh Minh paid a working visit to Laos on June 3, meeting Lao leaders."


def _doc(text: str, url: str, lang: str, title: str, source: str = "feed.jsonl#1") -> Document:
    return Document(source=source, original=text, text=text, url=url, lang=lang, doc_date=date(2020, 5, 12),
                    title=title)


def _call(lang: str, evidence: str) -> Event:
    return Event(type="phone_call", date="2020-05-12", parties=["VNM", "JPN"], evidence=evidence, lang=lang,
                 persons=["Nguyen Xuan Phuc", "Shinzo Abe"])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "bluebook.db"
    with open_store(str(path)) as store:
        store.add_document(_doc(VI, "https://www.vietnamplus.vn/a/1", "vi", "Điện đàm Việt Nam - Nhật Bản"),
                           [_call("vi", "điện đàm với Thủ tướng Nhật Bản Shinzo Abe")])
        store.add_document(_doc(EN, "", "en", "Phone call with Japan", source="inbox/call.txt"),
                           [_call("en", "held a phone call with Japanese Prime Minister Shinzo Abe")])
        store.add_document(_doc(EN2, "https://e.vnexpress.net/news/2", "en", "Minister in Laos"),
                           [Event(type="visit", date="2020-06-03", parties=["VNM", "LAO"], lang="en",
                                  evidence="paid a working visit to Laos", persons=["Pham Binh Minh"])])
        store.add_document(_doc("Old news from 2019 about a visit to Laos by the minister.",
                                "https://e.vnexpress.net/news/0", "en", "Old"),
                           [Event(type="visit", date="2019-03", parties=["VNM", "LAO"], lang="en",
                                  evidence="a visit to Laos")])
    return path


def test_canonical_events_come_with_one_source_per_document(db):
    with open_store(str(db)) as store:
        events = events_from_store(store, "2020", "2020")
    assert [(e.type, e.date) for e in events] == [("phone_call", "2020-05-12"), ("visit", "2020-06-03")]
    call = events[0]
    assert sorted(s.lang for s in call.sources) == ["en", "vi"]      # two reports, one event
    vi = next(s for s in call.sources if s.lang == "vi")
    assert (vi.title, vi.url, vi.outlet, vi.date) == ("Điện đàm Việt Nam - Nhật Bản", "https://www.vietnamplus.vn/a/1",
                                                      "VietnamPlus (VNA)", "2020-05-12")
    en = next(s for s in call.sources if s.lang == "en")
    assert en.url == "" and en.file == "inbox/call.txt"
    assert "Shinzo Abe" in en.evidence


def test_report_from_store_writes_the_year_in_both_languages(db, tmp_path):
    out = report_from_store(str(db), year=2020, lang="vi", fmt="md", out=tmp_path / "r.md", today=date(2021, 1, 2))
    md = out.read_text(encoding="utf-8")
    assert "# Sách Xanh Ngoại giao Việt Nam năm 2020" in md
    assert "điện đàm với Thủ tướng Nhật Bản Shinzo Abe (ngày 12/5/2020)" in md
    assert "thăm Lào (ngày 3/6/2020)" in md and "2019" not in md.split("## Nguồn")[0].split("## Tổng quan")[1]
    assert "[^1]: Minister in Laos. *VnExpress International*, ngày 12/5/2020." in md       # SEA comes first
    assert "[^2]: Điện đàm Việt Nam - Nhật Bản. *VietnamPlus (VNA)*, ngày 12/5/2020." in md
    html = report_from_store(str(db), date_from="2020-05", date_to="2020-05", lang="en", fmt="html")
    assert "Telephone conversation between Prime Minister Nguyen Xuan Phuc" in html
    assert "Laos" not in html.split('id="bilateral"')[1].split('id="chronology"')[0]


def test_report_from_store_errors_are_coded(db, tmp_path):
    with pytest.raises(NotFoundError, match="no database"):
        report_from_store(str(tmp_path / "missing.db"), year=2020)
    with pytest.raises(ConfigError, match="either a year or a period"):
        report_from_store(str(db), year=2020, date_from="2020-01")
    with pytest.raises(BadDateError):
        report_from_store(str(db), year="20x0")
    with pytest.raises(UnsupportedFormatError):
        report_from_store(str(db), year=2020, fmt="rtf")
    with pytest.raises(ConfigError, match="--lang"):
        report_from_store(str(db), year=2020, lang="de")


def test_extracted_events_make_a_report_without_a_store():
    from bluebook.report import build_report, render, report_event_of

    ev = Event(type="visit", date="2020-06-03", parties=["VNM", "LAO"], lang="en", source="inbox/visit.txt",
               evidence="paid a working visit to Laos", persons=["Pham Binh Minh"])
    rev = report_event_of(ev, title="Minister in Laos", doc_date="2020-06-04")
    assert rev.id and rev.sources[0].file == "inbox/visit.txt" and rev.sources[0].evidence == ev.evidence
    md = render(build_report([rev], charts=False), "md")
    assert "Minister in Laos" in md and "visit.txt" in md and "(3 June 2020)" in md
