"""add_document: idempotent by text, replacing by URL, linking near-duplicates, one transaction."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.errors import StoreError
from bluebook.models import Document, Event
from bluebook.store import documents as store_documents
from bluebook.store import events as store_events

VI = ("Chiều 9/1, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào. "
      "Hai bên nhất trí đẩy mạnh hợp tác kinh tế, thương mại, đầu tư, giáo dục và đào tạo. "
      "Sau hội đàm, hai Thủ tướng chứng kiến lễ ký kết nhiều văn kiện hợp tác quan trọng. "
      "Thủ tướng Lào cảm ơn sự giúp đỡ quý báu của Việt Nam trong nhiều năm qua.")
EN = ("Prime Minister Pham Minh Chinh held talks with his Lao counterpart in Hanoi on Monday. "
      "The two leaders agreed to deepen cooperation in trade, investment and education.")


def doc(text: str = VI, url: str = "https://news.example/vn/1", source: str = "feed.jsonl#1", lang: str = "vi",
        **kw) -> Document:
    return Document(source=source, original=text, text=text, url=url, lang=lang, doc_date=date(2023, 1, 9),
                    title=kw.pop("title", "Hội đàm Việt Nam - Lào"), **kw)


def talks(date_: str = "2023-01-09", lang: str = "vi", **kw) -> Event:
    kw.setdefault("parties", ["VNM", "LAO"])
    kw.setdefault("persons", ["Pham Minh Chinh"])
    return Event(type="talks", date=date_, evidence="hội đàm", lang=lang, **kw)


def test_a_new_document_is_added_with_its_events(store):
    r = store.add_document(doc(), [talks(), Event(type="agreement", date="2023-01-09", parties=["VNM", "LAO"],
                                                  evidence="lễ ký kết")])
    assert r.status == "added" and len(r.event_ids) == 2 and r.event_ids[0] != r.event_ids[1]
    d = store.document(r.doc_id)
    assert d.text == VI and d.expected_events == 2 and len(d.mentions) == 2
    assert d.to_document().doc_date == date(2023, 1, 9)


def test_the_same_text_again_adds_nothing(store):
    first = store.add_document(doc(), [talks()])
    again = store.add_document(doc(url="https://mirror.example/other"), [talks()])
    assert again.status == "duplicate" and again.doc_id == first.doc_id and again.event_ids == []
    assert store.stats()["documents"] == 1 and store.stats()["mentions"] == 1


def test_new_text_at_the_same_url_replaces_the_old_version_and_its_events(store):
    first = store.add_document(doc(), [talks(), Event(type="aid", date="2023-01-09", parties=["VNM", "LAO"],
                                                      evidence="x")])
    changed = VI.replace("Chiều 9/1", "Sáng 9/1")
    r = store.add_document(doc(changed), [talks()])
    assert r.status == "replaced" and r.doc_id == first.doc_id
    assert store.document(r.doc_id).text == changed
    assert [e.type for e in store.events()] == ["talks"]        # the aid event went with the old text
    assert store.check() == []


def test_without_url_the_source_path_identifies_the_document(store):
    store.add_document(doc(url="", source="inbox/a.txt"), [talks()])
    r = store.add_document(doc(VI + " Cập nhật.", url="", source="inbox/a.txt"), [talks()])
    assert r.status == "replaced"
    r2 = store.add_document(doc(VI + " Khác hẳn.", url="", source="inbox/b.txt"), [])
    assert r2.status == "added"


def test_a_near_duplicate_is_stored_linked_and_its_events_cluster(store):
    first = store.add_document(doc(), [talks()])
    copy = VI.replace("quan trọng", "rất quan trọng")
    r = store.add_document(doc(copy, url="https://copycat.example/a"), [talks()])
    assert r.status == "added" and r.duplicate_of == first.doc_id and r.similarity >= 0.8
    assert r.event_ids == first.event_ids
    ev = store.event(r.event_ids[0])
    assert ev.n_mentions == 2 and ev.n_sources == 1           # a copy is not an independent source
    assert store.stats()["duplicates"] == 1


def test_a_different_story_is_not_a_near_duplicate(store):
    store.add_document(doc(), [])
    r = store.add_document(doc(EN, url="https://en.example/1", lang="en"), [])
    assert r.duplicate_of is None


def test_vietnamese_and_english_reports_of_the_same_talks_become_one_event(store):
    a = store.add_document(doc(), [talks(location="Hà Nội")])
    b = store.add_document(doc(EN, url="https://en.example/1", lang="en"),
                           [talks("2023-01-10", lang="en", persons=["Chinh", "Sonexay Siphandone"],
                                  location="Hanoi", parties=["LAO", "VNM"])])
    assert a.event_ids == b.event_ids
    ev = store.event(a.event_ids[0])
    assert ev.langs == ["en", "vi"] and ev.n_sources == 2
    assert ev.date == "2023-01-09" and sorted(ev.persons) == ["Pham Minh Chinh", "Sonexay Siphandone"]


def test_a_failure_inside_the_transaction_leaves_nothing_behind(store, monkeypatch):
    def boom(*a, **k):
        raise StoreError("injected failure")
    monkeypatch.setattr(store_events, "write_assignment", boom)
    with pytest.raises(StoreError):
        store.add_document(doc(), [talks()])
    monkeypatch.undo()
    assert store.stats()["documents"] == 0 and store.stats()["events"] == 0
    assert store.add_document(doc(), [talks()]).status == "added"


def test_text_no_database_can_hold_is_stored_with_offsets_intact(store):
    nasty = "Hội đàm\x00 với Lào \ud800 ngày 9/1; DROP TABLE documents; -- ' \" ` \\"
    r = store.add_document(doc(nasty, url="https://x.example/nasty"), [talks(evidence_span=(0, 7))])
    d = store.document(r.doc_id)
    assert len(d.text) == len(nasty) and "\x00" not in d.text and d.text[:7] == "Hội đàm"
    assert store.stats()["documents"] == 1


def test_documents_without_text_or_events_are_fine(store):
    r = store.add_document(doc("", url="https://x.example/empty"), [])
    assert r.status == "added" and store.document(r.doc_id).text == ""


def test_not_a_document_is_a_store_error(store):
    with pytest.raises(StoreError):
        store.add_document("just a string", [])


def test_events_with_unusable_dates_are_kept_but_never_merged(store):
    r = store.add_document(doc(), [talks("sometime"), talks("sometime")])
    assert r.event_ids[0] != r.event_ids[1]
    assert {e.date for e in store.events()} == {"sometime"}


def test_rejects_and_dropped_boilerplate_show_in_stats(store):
    store.add_reject("bad.pdf", "E004", "binary file")
    store.add_reject("bad2.pdf", "E004", "binary file")
    store.add_document(doc(meta={"dropped": {"nav": 3, "ads": 2}}), [])
    store.add_document(doc(EN, url="https://en.example/2", meta={"dropped": ["nav", "footer"]}), [])
    st = store.stats()
    assert st["rejects"]["total"] == 2 and st["rejects"]["by_code"] == {"E004": 2}
    assert st["dropped"] == {"ads": 2, "footer": 1, "nav": 4}


def test_removing_a_document_repairs_the_events_it_reported(store):
    a = store.add_document(doc(), [talks()])
    b = store.add_document(doc(EN, url="https://en.example/1", lang="en"), [talks("2023-01-10", lang="en")])
    assert a.event_ids == b.event_ids
    assert store.remove_document(a.doc_id) is True
    ev = store.event(b.event_ids[0])
    assert ev.n_mentions == 1 and ev.date == "2023-01-10" and ev.langs == ["en"]
    assert store.remove_document(b.doc_id) is True
    assert store.events() == [] and store.check() == []
    assert store.remove_document(12345) is False


def test_batched_adds_keep_each_document_whole_and_fail_one_alone(store, monkeypatch):
    real = store_documents.rows

    def english_fails(prep, *a, **k):
        if prep.row["lang"] == "en":
            raise StoreError("injected failure")
        return real(prep, *a, **k)

    monkeypatch.setattr(store_documents, "rows", english_fails)
    items = [(doc(), [talks()]),
             (doc(EN, url="https://en.example/1", lang="en"), [talks("2023-01-10", lang="en")]),
             (doc(VI + " Thêm.", url="https://vn.example/3"), [talks()]),
             ("not a document", []),
             (doc(), [talks()])]
    results = list(store.add_documents(items, batch=10))
    assert [r.status for r in results] == ["added", "failed", "added", "failed", "duplicate"]
    assert "injected" in results[1].error and results[1].doc_id == 0
    assert results[2].event_ids == results[0].event_ids          # documents in one batch see each other
    assert store.stats()["documents"] == 2 and store.check() == []
    assert store.event(results[0].event_ids[0]).n_mentions == 2  # the failed one's mention is not counted


def test_batch_of_one_is_the_same_as_add_document(store):
    rs = list(store.add_documents([(doc(), [talks()]), (doc(), [talks()])]))
    assert [r.status for r in rs] == ["added", "duplicate"]
