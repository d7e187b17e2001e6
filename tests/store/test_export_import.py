"""Export formats, lossless import into an empty store, and the PLOVER mapping."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from bluebook.errors import DataFileError, MalformedRecordError, StoreError
from bluebook.models import EVENT_TYPES, Document, Event
from bluebook.store import open_store
from bluebook.store.plover import mapping, to_plover


def fill(store) -> None:
    text = "Thủ tướng hội đàm với Thủ tướng Lào; hai bên ký kết hiệp định \"quan trọng\", nhất trí hợp tác."
    a = store.add_document(Document(source="a.txt", original=text, url="https://vn.example/1", lang="vi",
                                    title="Hội đàm, ký kết", doc_date=date(2023, 1, 9)), [
        Event(type="talks", date="2023-01-09", parties=["VNM", "LAO"], persons=["Pham Minh Chinh"],
              persons_original=["Phạm Minh Chính"], location="Hà Nội", evidence="hội đàm",
              evidence_span=(10, 17), sentence=(0, 40), trigger="hội đàm", confidence=0.87, summary_en="Talks"),
        Event(type="agreement", date="2023-01", date_end="2023-02", parties=["VNM", "LAO"], planned=True,
              evidence="ký kết hiệp định", summary_vi="Ký kết; \"hiệp định\", dấu phẩy"),
    ])
    store.add_document(Document(source="b.txt", original=text + " Bản sao.", url="https://copy.example/1",
                                lang="vi"), [Event(type="talks", date="2023-01-10", parties=["LAO", "VNM"],
                                                   evidence="hội đàm")])
    store.add_document(Document(source="c.txt", original="Viet Nam sent aid to Türkiye.", lang="en"),
                       [Event(type="aid", date="2023", parties=["VNM", "TUR"], evidence="sent aid", lang="en")])
    assert a.status == "added"


def dump(store, fmt: str) -> str | bytes:
    buf = io.BytesIO() if fmt == "parquet" else io.StringIO()
    store.export(fmt, buf)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_import_into_an_empty_store_reproduces_the_export(store, new_store_url, tmp_path: Path, fmt: str):
    fill(store)
    out = tmp_path / f"events.{fmt}"
    assert store.export(fmt, out) == 3
    with open_store(new_store_url()) as copy:
        assert copy.import_(out) == 3
        assert dump(copy, "jsonl") == dump(store, "jsonl")
        assert copy.partners() == store.partners() and copy.check() == []
        # the imported store keeps clustering new reports into the imported events
        r = copy.add_document(Document(source="d.txt", original="Another report of the talks.", lang="en"),
                              [Event(type="talks", date="2023-01-09", parties=["LAO", "VNM"], evidence="x")])
        assert r.event_ids == [store.events(type="talks")[0].id]
        assert copy.event(r.event_ids[0]).n_mentions == 3


def test_jsonl_nests_mentions_and_csv_has_one_row_per_mention(store):
    fill(store)
    lines = [json.loads(x) for x in dump(store, "jsonl").splitlines()]
    assert [x["event_type"] for x in lines] == ["aid", "agreement", "talks"]
    assert len(lines[2]["mentions"]) == 2 and lines[2]["mentions"][0]["doc_url"] == "https://vn.example/1"
    rows = list(csv.DictReader(io.StringIO(dump(store, "csv"))))
    assert len(rows) == 4 and json.loads(rows[1]["event_parties"]) == ["VNM", "LAO"]
    assert rows[1]["summary_vi"] == "Ký kết; \"hiệp định\", dấu phẩy"


def test_import_refuses_a_store_that_has_data(store, tmp_path: Path):
    fill(store)
    out = tmp_path / "e.jsonl"
    store.export("jsonl", out)
    with pytest.raises(StoreError) as e:
        store.import_(out)
    assert "empty" in str(e.value)


def test_a_broken_import_file_is_a_malformed_record_error_and_changes_nothing(store, tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"event_id": 1, "event_type": "talks"}\nnot json\n', encoding="utf-8")
    with pytest.raises(MalformedRecordError) as e:
        store.import_(bad)
    assert "bad.jsonl" in str(e.value)
    assert store.stats()["events"] == 0
    with pytest.raises(StoreError):
        store.import_(tmp_path / "missing.jsonl")


def test_unknown_export_format_and_unwritable_target_are_errors(store, tmp_path: Path):
    with pytest.raises(StoreError):
        store.export("xml", tmp_path / "x.xml")
    with pytest.raises(StoreError):
        store.export("jsonl", tmp_path / "no" / "dir" / "x.jsonl")


def test_plover_export_maps_types_and_puts_viet_nam_first(store):
    fill(store)
    recs = [json.loads(x) for x in dump(store, "plover").splitlines()]
    by_type = {r["bluebook"]["type"]: r for r in recs}
    talks = by_type["talks"]
    assert talks["event"] == ["CONSULT"] and talks["actor1"] == "VNM" and talks["actor2"] == "LAO"
    assert talks["date"] == "2023-01-09" and talks["date_precision"] == "day" and len(talks["event_text"]) == 2
    agreement = by_type["agreement"]
    assert agreement["event"] == ["AGREE"] and agreement["context"] == ["future"]    # planned: a promise
    assert agreement["date"] == "2023-01-01" and agreement["enddate"] == "2023-02-28"
    assert by_type["aid"]["event"] == ["AID"] and by_type["aid"]["quad_code"] == 2


def test_the_plover_table_covers_every_event_type_with_a_source():
    m = mapping()
    assert set(EVENT_TYPES) <= set(m)
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "DEMAND", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert {ev for ev, _ in m.values()} <= plover
    assert m["phone_call"] == ("CONSULT", "phone") and m["withdrawal"] == ("SANCTION", "withdraw")


def test_to_plover_of_an_event_without_viet_nam(store):
    store.add_document(Document(source="x", original="x y z"),
                       [Event(type="accusation", date="2024-02-30", parties=["USA", "CHN"], evidence="x")])
    rec = to_plover(store.events()[0])
    assert rec["actor1"] == "CHN" and rec["actor2"] == "USA" and rec["event"] == ["ACCUSE"]
    assert rec["date_precision"] == "unknown"


def test_a_broken_plover_table_is_a_data_file_error(monkeypatch):
    import bluebook.store.plover as plover
    monkeypatch.setattr(plover.resources, "files", lambda _pkg: _Fake("a\tb\n1\t2\n"))
    plover.mapping.cache_clear()
    try:
        with pytest.raises(DataFileError):
            plover.mapping()
    finally:
        monkeypatch.undo()
        plover.mapping.cache_clear()


class _Fake:
    def __init__(self, text: str) -> None:
        self.text = text

    def joinpath(self, _p: str) -> _Fake:
        return self

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.text


def with_texts(export: str, store) -> str:
    """The JSONL export with each document's text on its first mention, as an export with texts has it."""
    done: set[int] = set()
    lines = []
    for line in export.splitlines():
        rec = json.loads(line)
        for m in rec["mentions"]:
            if m["doc_id"] not in done:
                done.add(m["doc_id"])
                stored = store.document(m["doc_id"])
                m.update(doc_text=stored.text, doc_encoding=stored.encoding, doc_meta=stored.meta)
        lines.append(json.dumps(rec, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def test_an_export_with_texts_imports_whole_documents(store, new_store_url, tmp_path: Path):
    fill(store)
    out = tmp_path / "events.jsonl"
    out.write_text(with_texts(dump(store, "jsonl"), store), encoding="utf-8")
    with open_store(new_store_url()) as copy:
        assert copy.import_(out) == 3
        assert dump(copy, "jsonl") == dump(store, "jsonl")
        for e in store.events():
            for m in e.mentions:
                a, b = store.document(m.doc_id), copy.document(m.doc_id)
                assert (b.text, b.source, b.url, b.title, b.doc_date, b.lang, b.content_hash) == \
                       (a.text, a.source, a.url, a.title, a.doc_date, a.lang, a.content_hash)
        assert [h.doc_id for h in copy.search("ky ket hiep dinh")] == [h.doc_id for h in store.search("ky ket hiep dinh")]
        # MinHash came back with the text: a near copy of an imported document is linked to it
        original = copy.document(1)
        r = copy.add_document(Document(source="e.txt", original=original.text + " Thêm.", url="https://e.example/1"), [])
        assert r.duplicate_of == 1
        assert copy.check() == []


def test_an_export_without_texts_imports_metadata_and_titles(store, new_store_url, tmp_path: Path):
    fill(store)
    out = tmp_path / "events.csv"
    store.export("csv", out)
    with open_store(new_store_url()) as copy:
        copy.import_(out)
        a, b = store.document(1), copy.document(1)
        assert (b.source, b.url, b.title, b.doc_date, b.lang, b.content_hash) == \
               (a.source, a.url, a.title, a.doc_date, a.lang, a.content_hash)
        assert b.text == "" and b.meta == {"imported": True}
        assert [h.doc_id for h in copy.search("hoi dam ky ket")] == [1]      # the title is indexed
