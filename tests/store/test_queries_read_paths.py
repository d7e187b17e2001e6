"""Read paths of migration 0002: party_events and read_meta follow the writer, keyset pages, date ranges."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from bluebook.models import Document, Event
from bluebook.store import queries


def _ev(type_: str, d: str, parties: list[str], date_end: str | None = None, planned: bool = False) -> Event:
    return Event(type=type_, date=d, date_end=date_end, parties=parties, lang="vi", planned=planned,
                 evidence=f"{type_} {d} {' '.join(parties)}")


def _doc(name: str, day: date = date(2021, 1, 1)) -> Document:
    return Document(source=name, original=f"Bản tin {name} về hoạt động đối ngoại.", lang="vi", doc_date=day)


def _party_rows(store) -> set[tuple[int, str, str, str]]:
    with store.db.read() as c:
        return {(r[0], r[1], r[2], r[3]) for r in c.exec_driver_sql(
            "SELECT event_id, party, date_lo, type FROM party_events")}


def _expected_rows(store) -> set[tuple[int, str, str, str]]:
    with store.db.read() as c:
        return {(r[0], r[1], r[2], r[3]) for r in c.exec_driver_sql(
            "SELECT e.id, p.party, e.date_lo, e.type FROM event_parties p JOIN events e ON e.id = p.event_id "
            "WHERE p.party <> 'VNM'")}


def test_party_events_follow_adds_merges_and_removals(store):
    first = store.add_document(_doc("a.txt"), [_ev("visit", "2021-03", ["VNM", "LAO"]),
                                               _ev("aid", "2020-05-02", ["VNM", "CUB", "LAO"])])
    # the same visit again with a precise day: the canonical event's date (and date_lo) change
    store.add_document(_doc("b.txt"), [_ev("visit", "2021-03-09", ["VNM", "LAO"])])
    rows = _party_rows(store)
    assert rows == _expected_rows(store) and rows
    assert {r[1] for r in rows} == {"LAO", "CUB"}                      # VNM is left out
    assert any(r[2] == "2021-03-09" and r[3] == "visit" for r in rows)  # moved with the merge
    store.remove_document(first.doc_id)
    assert _party_rows(store) == _expected_rows(store)
    assert {r[3] for r in _party_rows(store)} == {"visit"}


def test_partner_pages_come_in_date_order_and_keyset_pages_match_offset_pages(store):
    events = [_ev(t, f"20{y:02d}-0{m}-1{m}", ["VNM", p]) for y in range(10, 16) for m in range(1, 4)
              for t, p in (("visit", "JPN"), ("talks", "KOR"))]
    store.add_document(_doc("many.txt"), events)
    with store.db.read() as c:
        for kw in ({}, {"party": "JPN"}, {"type": "talks"}, {"party": "KOR", "date_from": "2012"}):
            every = queries.event_ids_page(c, **kw)
            assert every and len(every) == len(set(every))
            by_offset = [queries.event_ids_page(c, **kw, limit=4, offset=o) for o in range(0, len(every), 4)]
            keyset, after = [], None
            while True:
                page = queries.event_ids_page(c, **kw, limit=4, after=after)
                if not page:
                    break
                keyset.append(page)
                after = page[-1]
            assert keyset == by_offset and sum(by_offset, []) == every
        dates = [e.date for e in queries.events(c, party="JPN")]
        assert dates == sorted(dates) and len(dates) == 18
        assert queries.event_ids_page(c, after=10**9) is None       # an unknown cursor, not a wrong page


def test_date_filters_find_events_whose_span_overlaps_the_range(store):
    store.add_document(_doc("spans.txt"), [
        _ev("conference", "2018-11-20", ["VNM", "FRA"], date_end="2019-02-10"),   # a long event
        _ev("visit", "2019", ["VNM", "FRA"]),                                      # year precision
        _ev("talks", "2019-07-01", ["VNM", "FRA"]),
        _ev("talks", "2017-07-01", ["VNM", "FRA"]),
    ])
    with store.db.read() as c:
        assert queries.max_span_days(c) >= 364
        feb = {e.type for e in queries.events(c, date_from="2019-02", date_to="2019-02")}
        assert feb == {"conference", "visit"}
        assert {e.type for e in queries.events(c, party="FRA", date_from="2019-02", date_to="2019-02")} == feb
        assert len(queries.events(c, date_from="2019", date_to="2019")) == 3
        assert [e.date for e in queries.events(c, date_to="2017-12")] == ["2017-07-01"]


def test_planned_filter_and_partners_use_the_new_tables(store):
    store.add_document(_doc("plan.txt"), [_ev("visit", "2024-05-01", ["VNM", "IND"], planned=True),
                                          _ev("visit", "2024-01-01", ["VNM", "IND"]),
                                          _ev("talks", "2024-02-01", ["VNM", "BRA"])])
    with store.db.read() as c:
        assert [e.date for e in queries.events(c, planned=True)] == ["2024-05-01"]
        assert len(queries.events(c, planned=False)) == 2
        assert queries.partners(c) == {"IND": 2, "BRA": 1}
        counted = c.execute(sa.select(sa.func.count()).select_from(queries.matching(c, party="IND"))).scalar()
        assert counted == 2


def test_events_without_limit_return_every_event(store):
    store.add_document(_doc("all.txt"), [_ev("visit", f"2022-0{i + 1}-01", ["VNM", "SGP"]) for i in range(3)])
    with store.db.read() as c:
        assert [e.date for e in queries.events(c)] == ["2022-01-01", "2022-02-01", "2022-03-01"]


def test_keyset_pages_inside_a_date_range_match_offset_pages(store):
    """The cursor's first day becomes the index range's start (migration 0005 reads it from the index):
    the pages are the same as by offset, for a cursor inside, before or after the range."""
    events = [_ev(t, f"20{y:02d}-{m:02d}-{d:02d}", ["VNM", p]) for y in (17, 18, 19) for m in (1, 6, 12)
              for d in (3, 17) for t, p in (("visit", "JPN"), ("aid", "LAO"))]
    events.append(_ev("conference", "2017-12-20", ["VNM", "FRA"], date_end="2018-01-05"))
    store.add_document(_doc("range.txt"), events)
    with store.db.read() as c:
        everyone = queries.event_ids_page(c)
        for kw in ({"date_from": "2018", "date_to": "2018"}, {"type": "aid", "date_from": "2018"},
                   {"party": "JPN", "date_from": "2018-06", "date_to": "2019-01"}):
            every = queries.event_ids_page(c, **kw)
            assert every
            for size in (1, 4):
                keyset, after = [], None
                while (page := queries.event_ids_page(c, **kw, limit=size, after=after)):
                    keyset += page
                    after = page[-1]
                assert keyset == every, kw
            # a cursor from outside the range: the rest of the range after it, in order
            for cursor in (everyone[0], everyone[-1]):
                rest = queries.event_ids_page(c, **kw, after=cursor)
                pos = everyone.index(cursor)
                assert rest == [i for i in every if everyone.index(i) > pos]


def test_event_dicts_are_the_records_to_dict(store):
    store.add_document(_doc("one.txt"), [_ev("visit", "2021-03-01", ["VNM", "LAO"]),
                                         _ev("aid", "2021-04-01", ["VNM", "CUB", "LAO"], planned=True)])
    store.add_document(_doc("two.txt", date(2021, 3, 2)), [_ev("visit", "2021-03-01", ["VNM", "LAO"])])
    with store.db.read() as c:
        ids = queries.event_ids_page(c)
        records = queries.events_by_ids(c, ids)
        assert queries.event_dicts(c, ids) == [e.to_dict() for e in records]
        brief = [{k: v for k, v in e.to_dict().items() if k != "mentions"} for e in records]
        assert queries.event_dicts(c, list(reversed(ids)), mentions=False) == list(reversed(brief))
        assert any(d["n_mentions"] == 2 for d in queries.event_dicts(c, ids))
        assert queries.event_dicts(c, [10**9]) == []


def test_year_pages_read_the_covering_indexes(tmp_path):
    """Migration 0005: a year's page, alone or with a type, never reads the events table's rows."""
    from bluebook.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'plan.db'}") as s:
        with s.db.read() as c:
            for kw in ({"date_from": "2018", "date_to": "2018"}, {"type": "aid", "date_from": "2018"}):
                q = queries._page_query(c, **{"type": None, "party": None, "person": None, "date_from": None,
                                              "date_to": None, "planned": None, "lang": None, **kw}, after=None)
                sql = str(q.compile(c, compile_kwargs={"literal_binds": True}))
                plan = " ".join(r[3] for r in c.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
                assert "COVERING INDEX" in plan, plan
            names = {r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert {"events_chrono", "events_type_chrono_hi", "doc_parties_doc"} <= names
            assert not {"events_date", "events_type_chrono"} & names
