"""Reading canonical events back: filters, order, mentions, partners, stats."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.errors import BadDateError
from bluebook.models import Document, Event


def _ev(type_: str, d: str, parties: list[str], persons: list[str] | None = None, lang: str = "vi",
        planned: bool = False, **kw) -> Event:
    return Event(type=type_, date=d, parties=parties, persons=persons or [], lang=lang, planned=planned,
                 evidence=f"{type_} {d}", **kw)


@pytest.fixture
def filled(store):
    """Six canonical events from three documents (one reported twice)."""
    store.add_document(Document(source="a.txt", original="Bản tin thứ nhất về đối ngoại.", lang="vi",
                                doc_date=date(2023, 3, 1)), [
        _ev("visit", "2023-03-14", ["VNM", "JPN"], ["Vo Van Thuong"]),
        _ev("phone_call", "2023-02", ["VNM", "AUS"], ["Bui Thanh Son"]),
        _ev("agreement", "2023-03-20", ["VNM", "JPN"], planned=True),
    ])
    store.add_document(Document(source="b.txt", original="Second bulletin on foreign affairs.", lang="en",
                                doc_date=date(2023, 3, 2)), [
        _ev("visit", "2023-03-15", ["JPN", "VNM"], ["Thuong"], lang="en"),
        _ev("message", "2022-12-31", ["VNM", "CUB"], lang="en"),
    ])
    store.add_document(Document(source="c.txt", original="Bản tin thứ ba.", lang="vi", doc_date=date(2023, 5, 1)),
                       [_ev("conference", "2023-05-10", ["VNM", "ASEAN"], ["Pham Minh Chinh"]),
                        _ev("aid", "2023", ["VNM", "TUR"])])
    return store


def test_events_come_in_date_order_with_their_mentions(filled):
    evs = filled.events()
    assert [e.date for e in evs] == ["2022-12-31", "2023", "2023-02", "2023-03-14", "2023-03-20", "2023-05-10"]
    visit = next(e for e in evs if e.type == "visit")
    assert visit.n_mentions == 2 and visit.n_sources == 2 and visit.langs == ["en", "vi"]
    assert {m.doc_source for m in visit.mentions} == {"a.txt", "b.txt"}
    assert visit.mentions[0].to_event().type == "visit"


def test_filters_by_type_party_and_planned(filled):
    assert [e.type for e in filled.events(type="visit")] == ["visit"]
    assert {e.type for e in filled.events(party="jpn")} == {"visit", "agreement"}
    assert [e.type for e in filled.events(planned=True)] == ["agreement"]
    assert len(filled.events(planned=False)) == 5


def test_person_filter_ignores_diacritics_and_surname(filled):
    assert [e.type for e in filled.events(person="Võ Văn Thưởng")] == ["visit"]
    assert [e.type for e in filled.events(person="thuong")] == ["visit"]
    assert [e.type for e in filled.events(person="CHINH")] == ["conference"]
    assert filled.events(person="Nobody Here") == []


def test_date_filters_overlap_partial_dates(filled):
    march = filled.events(date_from="2023-03", date_to="2023-03")
    assert {e.date for e in march} == {"2023-03-14", "2023-03-20", "2023"}    # the year-only aid overlaps March
    assert [e.date for e in filled.events(date_to="2022")] == ["2022-12-31"]
    with pytest.raises(BadDateError):
        filled.events(date_from="last tuesday")


def test_language_filter_and_paging(filled):
    assert {e.type for e in filled.events(lang="en")} == {"visit", "message"}
    page = filled.events(limit=2, offset=2)
    assert [e.date for e in page] == ["2023-02", "2023-03-14"]


def test_event_and_document_by_id(filled):
    e = filled.events(type="conference")[0]
    assert filled.event(e.id).persons == ["Pham Minh Chinh"]
    assert filled.event(999999) is None and filled.document(999999) is None
    d = filled.document(e.mentions[0].doc_id)
    assert d.source == "c.txt" and [m.type for m in d.mentions] == ["conference", "aid"]


def test_partners_count_events_per_party_other_than_viet_nam(filled):
    p = filled.partners()
    assert p["JPN"] == 2 and p["AUS"] == 1 and "VNM" not in p
    assert list(p)[0] == "JPN"


def test_stats_count_by_type_partner_month_language_source(filled):
    st = filled.stats()
    assert st["documents"] == 3 and st["events"] == 6 and st["mentions"] == 7
    assert st["by_type"]["visit"] == 1 and st["by_partner"]["JPN"] == 2
    assert st["by_month"]["2023-03"] == 2 and "2023" not in st["by_month"]
    assert st["by_language"] == {"vi": 2, "en": 1} and st["mentions_by_language"]["vi"] == 5
    assert st["by_source"] == {"a.txt": 1, "b.txt": 1, "c.txt": 1}


def test_to_dict_is_json_ready(filled):
    import json
    d = filled.events()[0].to_dict()
    assert json.loads(json.dumps(d))["mentions"][0]["evidence"] == "message 2022-12-31"
