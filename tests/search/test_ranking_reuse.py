"""One ranking, sliced: search.ranked + search.hits give Store.search's pages; filtered searches rank fewer."""
from __future__ import annotations

from datetime import date

from bluebook.models import Document, Event
from bluebook.search import query as sq


def _fill(store, n: int = 12) -> None:
    for i in range(n):
        partner = "LAO" if i % 3 == 0 else "KHM"
        store.add_document(
            Document(source=f"s{i}.txt", original=f"Thủ tướng hội đàm với đoàn {partner} lần thứ {i}. Hai bên ký kết.",
                     lang="vi", doc_date=date(2020, 1 + i % 12, 1)),
            [Event(type="talks", date=f"2020-{1 + i % 12:02d}-01", parties=["VNM", partner], lang="vi",
                   evidence="Thủ tướng hội đàm")])


def test_slices_of_one_ranking_are_the_pages_search_returns(store):
    _fill(store)
    with store.db.read() as conn:
        ranking = sq.ranked(conn, store.dialect, "thu tuong hoi dam")
        for offset in (0, 5, 10):
            page = sq.hits(conn, "thu tuong hoi dam", ranking[offset:offset + 5])
            assert [h.doc_id for h in page] == [h.doc_id for h in store.search("thủ tướng hội đàm", limit=5,
                                                                                offset=offset)]
        assert len(ranking) == 12 and all(h.highlights for h in sq.hits(conn, "thu tuong", ranking[:3]))


def test_a_narrowing_filter_ranks_fewer_candidates_but_finds_the_same_documents(store):
    _fill(store)
    assert sq.candidate_cap({}) == sq.CANDIDATES and sq.candidate_cap({"duplicates": True}) == sq.CANDIDATES
    assert sq.candidate_cap({"party": "LAO"}) == sq.FILTERED_CANDIDATES < sq.CANDIDATES
    lao = {h.doc_id for h in store.search("hoi dam", limit=50, filters={"party": "LAO"})}
    with store.db.read() as conn:
        assert {i for i, _ in sq.ranked(conn, store.dialect, "hoi dam", filters={"party": "lao"})} == lao
    assert len(lao) == 4


def test_a_search_without_words_lists_documents_newest_first(store):
    _fill(store)
    listed = store.search("", limit=12)
    dates = [h.doc_date for h in listed]
    assert dates == sorted(dates, reverse=True) and len(listed) == 12
    with store.db.read() as conn:
        assert [i for i, _ in sq.ranked(conn, store.dialect, "", cap=12)] == [h.doc_id for h in listed]
