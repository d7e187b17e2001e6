"""The partner filter reads doc_parties (migration 0004): same hits as testing mentions and
event_parties directly, and the table follows every write (add, replace, remove) on both backends."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from bluebook.models import Document, Event
from bluebook.store import migrate, open_store

PARTNERS = ["LAO", "KHM", "JPN", "USA", "FRA"]
TYPES = ["visit", "talks", "aid", "phone_call"]
WORDS = ["hợp tác", "kinh tế", "giáo dục", "quốc phòng", "văn hóa", "du lịch"]
# Partner of a document, as the filter meant it before doc_parties existed.
DERIVED = ("SELECT DISTINCT p.party, m.doc_id FROM mentions m JOIN event_parties p ON p.event_id = m.event_id "
           "WHERE p.party <> 'VNM'")


def _doc(i: int, rng: random.Random) -> tuple[Document, list[Event]]:
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    evs, parts = [], []
    for _ in range(rng.randint(0, 3)):
        partner, ty = rng.choice(PARTNERS), rng.choice(TYPES)
        s = f"Đoàn Việt Nam làm việc với {partner} về {rng.choice(WORDS)} ngày {day.day}/{day.month}/{day.year}."
        parts.append(s)
        evs.append(Event(type=ty, date=day.isoformat(), parties=["VNM", partner], evidence=s, lang="vi"))
    text = " ".join(parts) or f"Bản tin số {i} về {rng.choice(WORDS)}."
    return Document(source=f"t/{i}.txt", original=text, lang="vi", title=f"Tin {i} {rng.choice(WORDS)}",
                    doc_date=day, url=f"https://t.example/{i}"), evs


def _links(store) -> set[tuple[str, int]]:
    with store.db.read() as conn:
        return {(r[0], int(r[1])) for r in conn.execute(sa.text("SELECT party, doc_id FROM doc_parties"))}


def _derived(store) -> set[tuple[str, int]]:
    with store.db.read() as conn:
        return {(r[0], int(r[1])) for r in conn.execute(sa.text(DERIVED))}


def _old_filter_ids(store, party: str, query: str) -> list[int]:
    """Matching documents with an event with ``party``, newest id first, read without doc_parties."""
    with store.db.read() as conn:
        have = {int(r[0]) for r in conn.execute(sa.text(
            "SELECT m.doc_id FROM mentions m JOIN event_parties p ON p.event_id = m.event_id WHERE p.party = :p"),
            {"p": party})}
    return sorted((h.doc_id for h in store.search(query, limit=1000) if h.doc_id in have), reverse=True)


@pytest.fixture
def filled(store):
    rng = random.Random(4)
    for i in range(60):
        store.add_document(*_doc(i, rng))
    return store


def test_doc_parties_holds_exactly_the_partners_each_document_reports(filled):
    links = _links(filled)
    assert links and links == _derived(filled)
    assert not any(p == "VNM" for p, _ in links)


@pytest.mark.parametrize("query", ["viet nam", "hop tac", "ngay"])
def test_partner_filtered_search_returns_the_same_hits_as_the_direct_test(filled, query):
    for party in PARTNERS:
        got = filled.search(query, limit=1000, filters={"party": party.lower()})
        assert sorted((h.doc_id for h in got), reverse=True) == _old_filter_ids(filled, party, query)
    assert filled.search(query, filters={"party": "ZZZ"}) == []


def test_home_partner_filter_still_keeps_documents_with_events(filled):
    got = {h.doc_id for h in filled.search("viet nam", limit=1000, filters={"party": "VNM"})}
    assert got == {d for _, d in _derived(filled)}


def test_words_less_filtered_listing_uses_the_same_links(filled):
    got = [h.doc_id for h in filled.search("", limit=1000, filters={"party": "JPN"})]
    assert set(got) == {d for p, d in _derived(filled) if p == "JPN"} and got


def test_replacing_and_removing_documents_keeps_doc_parties_in_step(filled):
    rng = random.Random(9)
    for i in (3, 7, 11):            # same url: the new text replaces the old, with other partners
        doc, evs = _doc(100 + i, rng)
        doc.url, doc.source = f"https://t.example/{i}", f"t/{i}.txt"
        filled.add_document(doc, evs)
    assert _links(filled) == _derived(filled)
    with filled.db.read() as conn:
        some = [int(r[0]) for r in conn.execute(sa.text("SELECT DISTINCT doc_id FROM mentions ORDER BY doc_id"))]
    for doc_id in some[:5]:
        assert filled.remove_document(doc_id)
    assert _links(filled) == _derived(filled)
    assert not {d for _, d in _links(filled)} & set(some[:5])


def test_migration_back_fills_a_store_made_before_it(tmp_path, monkeypatch):
    old = tmp_path / "migrations"
    old.mkdir()
    for p in migrate.MIGRATIONS.glob("*.sql"):
        if int(p.name[:4]) < 4:
            (old / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'old.db'}"
    monkeypatch.setattr(migrate, "MIGRATIONS", old)
    with open_store(url) as s:
        rng = random.Random(2)
        for i in range(20):
            s.add_document(*_doc(i, rng))
        assert s.schema_version() == 3
    monkeypatch.undo()
    with open_store(url) as s:
        assert s.schema_version() >= 4
        assert _links(s) and _links(s) == _derived(s)


@pytest.mark.parametrize("chunk,budget", [(3, 9), (2, 1000), (50, 4000)])
@pytest.mark.parametrize("query", ["viet nam", "hop tac", "kinh te"])
def test_partner_walk_finds_the_newest_matches_a_chunk_at_a_time(filled, monkeypatch, chunk, budget, query):
    """PostgreSQL walks a partner's documents newest first (search/pgwalk.py), in chunks, handing a rare
    combination to the planner after the budget: every way gives the newest matches, ranked alike."""
    from bluebook.search import pgwalk
    from bluebook.search import query as sq

    monkeypatch.setattr(pgwalk, "CHUNK", chunk)
    monkeypatch.setattr(pgwalk, "BUDGET", budget)
    for party in PARTNERS:
        every = _old_filter_ids(filled, party, query)
        for cap in (1, 4, 1000):
            with filled.db.read() as conn:
                got = sq.ranked(conn, filled.dialect, query, None, {"party": party}, cap)
            assert sorted((i for i, _ in got), reverse=True) == every[:cap]
            assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
