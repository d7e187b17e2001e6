"""The fast write path: whole batches decided together, COPY on PostgreSQL, the writer's event cache.

Whatever the path, the store must end up as if the documents were added one by one.
"""
from __future__ import annotations

import pickle
from datetime import date

from bluebook.models import Document, Event
from bluebook.store import add as store_add
from bluebook.store import open_store, prepare_document

PARTNERS = ["LAO", "KHM", "JPN", "KOR", "AUS", "FRA", "DEU", "IND", "THA", "SGP"]
TYPES = ["visit", "talks", "phone_call", "agreement", "aid", "message"]


def story(i: int) -> tuple[Document, list[Event]]:
    """Document i reports occurrences (i + k) % 70: about 70 canonical events shared by many documents."""
    words = " ".join(f"tu{(i * 13 + k) % 1009}" for k in range(40))     # no near-duplicates among these
    text = f"Tin số {i}: hoạt động đối ngoại trong tuần. {words}"
    events = []
    for k in range(3):
        j = (i + k) % 70
        events.append(Event(type=TYPES[j % 6], date=f"2024-{1 + j % 12:02d}-{1 + j % 27:02d}",
                            parties=["VNM", PARTNERS[j % 10]], persons=[f"Nguyen Van {chr(65 + j % 26)}"],
                            evidence=f"sự kiện {j}", lang="vi", source=f"feed#{i}"))
    return Document(source=f"feed#{i}", original=text, text=text, url=f"https://feed.example/{i}", lang="vi",
                    doc_date=date(2024, 1, 1)), events


def shape(store) -> list[tuple]:
    """Each canonical event as its sorted mentions (document source, evidence) and merged fields."""
    out = []
    for e in store.events():
        out.append((e.type, e.date, tuple(e.parties), tuple(sorted(e.persons)), e.n_mentions,
                    tuple(sorted((m.doc_source, m.evidence) for m in e.mentions))))
    return sorted(out)


def test_a_batch_gives_the_same_store_as_documents_added_one_by_one(store, new_store_url, monkeypatch):
    items = [story(i) for i in range(150)]
    one_by_one = open_store(new_store_url())
    try:
        for d, evs in items:
            one_by_one.add_document(d, evs)
        expected = shape(one_by_one)
    finally:
        one_by_one.close()

    def no_fallback(*a, **k):
        raise AssertionError("a clean batch must not take the document-by-document path")

    monkeypatch.setattr(store_add, "_write", no_fallback)
    # 80 then 70: the second batch changes many events the first founded (PostgreSQL stages those)
    results = list(store.add_documents(items[:80], batch=80)) + list(store.add_documents(items[80:], batch=80))
    assert [r.status for r in results] == ["added"] * 150
    assert shape(store) == expected and len(expected) == 70
    assert store.check() == []


def test_duplicates_and_near_duplicates_within_one_batch_are_found(store):
    d0, evs = story(1)
    near_text = d0.text + " Thêm một câu."
    near = Document(source="copy#1", original=near_text, text=near_text, url="https://copy.example/1", lang="vi")
    same = Document(source="again#1", original=d0.text, text=d0.text, url="https://again.example/1", lang="vi")
    rs = list(store.add_documents([(d0, evs), (same, evs), (near, evs)], batch=10))
    assert [r.status for r in rs] == ["added", "duplicate", "added"]
    assert rs[1].doc_id == rs[0].doc_id and rs[2].duplicate_of == rs[0].doc_id
    assert rs[2].event_ids == rs[0].event_ids


def test_a_replacement_in_a_batch_replaces_the_stored_version(store):
    d0, evs = story(1)
    store.add_document(d0, evs)
    new_text = "Bản sửa: " + d0.text
    changed = Document(source=d0.source, original=new_text, text=new_text, url=d0.url, lang="vi")
    rs = list(store.add_documents([story(2), (changed, evs[:1]), story(3)], batch=10))
    assert [r.status for r in rs] == ["added", "replaced", "added"]
    assert store.document(rs[1].doc_id).text == new_text
    assert store.stats()["documents"] == 3 and store.check() == []


def test_prepared_documents_pickle_and_store_like_pairs(store):
    items = [story(i) for i in range(5)]
    prepared = [pickle.loads(pickle.dumps(prepare_document(d, evs))) for d, evs in items]
    rs = list(store.add_documents(prepared, batch=3))
    assert [r.status for r in rs] == ["added"] * 5
    assert sum(e.n_mentions for e in store.events()) == 15 and store.check() == []


def test_the_writers_cache_sees_what_another_store_wrote_in_between(store, store_url):
    d1, evs = story(1)
    other = open_store(store_url)
    try:
        first = store.add_document(d1, evs)
        # another writer (its own engine and connection) adds a report of the same occurrences...
        d2, _ = story(2)
        second = other.add_document(d2, evs)
        assert second.event_ids == first.event_ids
        # ...and removes it again: this store's next document must not see the removed mentions
        assert other.remove_document(second.doc_id)
    finally:
        other.close()
    d3, _ = story(3)
    third = store.add_document(d3, evs)
    assert third.event_ids == first.event_ids
    assert [store.event(i).n_mentions for i in third.event_ids] == [2, 2, 2]
    assert store.check() == []


def test_a_removal_through_the_same_store_empties_the_cache(store):
    d1, evs = story(1)
    a = store.add_document(d1, evs)
    store.remove_document(a.doc_id)
    d2, _ = story(2)
    b = store.add_document(d2, evs)
    assert all(store.event(i).n_mentions == 1 for i in b.event_ids) and store.check() == []


def test_the_writers_cache_outlives_its_transactions_while_nobody_else_writes(store, monkeypatch):
    from bluebook.store.cache import ClusterCache

    d1, evs = story(1)
    store.add_document(d1, evs)
    cleared = []
    monkeypatch.setattr(ClusterCache, "clear", lambda self: cleared.append(1))
    store.add_reject("bad.pdf", "E004", "binary file")     # rejects are no reason to forget
    d2, _ = story(2)
    r = store.add_document(d2, evs)
    assert cleared == [] and all(store.event(i).n_mentions == 2 for i in r.event_ids)


def test_a_writer_cache_on_a_tiny_budget_gives_the_same_store_and_stays_within_it(store, new_store_url, monkeypatch):
    """The cache forgets blocks between transactions to stay within its budget; clustering must not notice."""
    from bluebook.store.cache import ClusterCache

    items = [story(i) for i in range(150)]
    roomy = open_store(new_store_url())
    try:
        list(roomy.add_documents(items, batch=10))
        expected = shape(roomy)
    finally:
        roomy.close()

    sizes, before = [], []
    begin = ClusterCache.begin

    def watched(self, raw, commits):
        before.append(self.size)
        begin(self, raw, commits)
        sizes.append(self.size)
        # what stays known is exactly what is filed under the blocks held
        assert {id(c) for c in self.by_id.values()} <= {id(c) for c in self.clusters()}

    monkeypatch.setattr(ClusterCache, "begin", watched)
    store.db.cache = ClusterCache(max_events=40)
    results = list(store.add_documents(items, batch=10))
    assert [r.status for r in results] == ["added"] * 150
    assert shape(store) == expected and store.check() == []
    assert len(sizes) == 15 and max(sizes) <= 40 < max(before)     # it did forget, and often
