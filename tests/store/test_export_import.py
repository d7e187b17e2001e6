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
from bluebook.store import export as exp
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
    with open(out, "w", encoding="utf-8", newline="") as f:
        exp.write(store.iter_events(), "csv", f)        # no text source: an export of metadata only
    with open_store(new_store_url()) as copy:
        copy.import_(out)
        a, b = store.document(1), copy.document(1)
        assert (b.source, b.url, b.title, b.doc_date, b.lang, b.content_hash) == \
               (a.source, a.url, a.title, a.doc_date, a.lang, a.content_hash)
        assert b.text == "" and b.meta == {"imported": True}
        assert [h.doc_id for h in copy.search("hoi dam ky ket")] == [1]      # the title is indexed


# ---- exports that carry the documents' texts --------------------------------------------

def fill_with_texts(store) -> None:
    """``fill`` plus a document whose input differs from its normalised text, with an encoding and metadata."""
    fill(store)
    original = "Bộ trưởng gửi điện mừng Nhật Bản vì hoà bình.\r\nCảm ơn."
    store.add_document(Document(source="d.txt", original=original, text=original.replace("hoà", "hòa").replace("\r", ""),
                                encoding="cp1258", lang="vi", meta={"publisher": "mofa", "dropped": {"menu": 2}}),
                       [Event(type="message", date="2023-03-01", parties=["VNM", "JPN"], evidence="gửi điện mừng")])


def export_with_texts(store, fmt: str, path: Path) -> Path:
    f = path.open("wb") if fmt == "parquet" else path.open("w", encoding="utf-8", newline="")
    with f:
        exp.write(store.iter_events(), fmt, f, texts=exp.stored_texts(store.db))
    return path


def documents_of(store) -> dict[int, tuple]:
    ids = {m.doc_id for e in store.events() for m in e.mentions}
    return {i: (d.text, d.original, d.encoding, d.meta, d.source, d.url, d.title, d.doc_date, d.lang,
                d.content_hash, d.duplicate_of)
            for i in sorted(ids) if (d := store.document(i)) is not None}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_an_export_with_texts_round_trips_documents_events_and_search(store, new_store_url, tmp_path: Path,
                                                                       fmt: str):
    fill_with_texts(store)
    out = export_with_texts(store, fmt, tmp_path / f"events.{fmt}")
    with open_store(new_store_url()) as copy:
        assert copy.import_(out) == 4
        assert documents_of(copy) == documents_of(store)
        assert copy.document(4).original != copy.document(4).text       # doc_original came back
        assert dump(copy, "jsonl") == dump(store, "jsonl")              # events and their sources
        # words found only in the texts, not in any title
        for query in ("turkiye", "dien mung nhat ban", "nhat tri hop tac"):
            assert [h.doc_id for h in copy.search(query)] == [h.doc_id for h in store.search(query)] != []
        again = export_with_texts(copy, fmt, tmp_path / f"again.{fmt}")
        assert list(exp.read(again)) == list(exp.read(out))
        assert copy.check() == []
        before = copy.stats()
        with pytest.raises(StoreError):         # a second import adds nothing
            copy.import_(out)
        assert copy.stats() == before and documents_of(copy) == documents_of(store)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_document_text_is_written_on_its_first_mention_only(store, tmp_path: Path, fmt: str):
    fill_with_texts(store)
    out = export_with_texts(store, fmt, tmp_path / f"events.{fmt}")
    mentions = [m for _, rec in exp.read(out) for m in rec["mentions"]]
    assert [m["doc_id"] for m in mentions].count(1) == 2                 # document 1 is cited twice ...
    with_text = [m["doc_id"] for m in mentions if "doc_text" in m]
    assert sorted(with_text) == [1, 2, 3, 4]                             # ... its text is written once
    first = {m["doc_id"]: m for m in reversed(mentions)}
    assert first[4]["doc_meta"] == {"publisher": "mofa", "dropped": {"menu": 2}}
    assert first[4]["doc_encoding"] == "cp1258" and first[4]["doc_original"].endswith("hoà bình.\r\nCảm ơn.")
    assert "doc_original" not in first[1]                                # same as the text: not repeated


def test_csv_text_columns_are_empty_after_the_first_mention(store):
    fill_with_texts(store)
    buf = io.StringIO()
    exp.write(store.iter_events(), "csv", buf, texts=exp.stored_texts(store.db))
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    doc1 = [r for r in rows if r["doc_id"] == "1"]
    assert len(doc1) == 2 and sorted(bool(r["doc_text"]) for r in doc1) == [False, True]
    assert {r["doc_meta"] for r in doc1} == {"", "{}"}
    assert all(r["doc_original"] == "" for r in rows if r["doc_id"] != "4")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_export_from_before_the_text_columns_still_imports(store, new_store_url, tmp_path: Path, fmt: str):
    fill(store)
    out = export_with_texts(store, fmt, tmp_path / f"full.{fmt}")
    old = tmp_path / f"old.{fmt}"
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
        keep = [k for k in rows[0] if k not in exp.DOC_TEXT_COLS]
        with old.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, keep, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    else:
        import pyarrow.parquet as pq
        table = pq.read_table(out)
        pq.write_table(table.drop_columns(exp.DOC_TEXT_COLS), old)
    with open_store(new_store_url()) as copy:
        assert copy.import_(old) == 3
        assert exp.to_text(copy.iter_events(), "jsonl") == exp.to_text(store.iter_events(), "jsonl")
        assert copy.document(1).text == "" and copy.document(1).meta == {"imported": True}


def test_broken_doc_meta_json_is_a_malformed_record_error_and_imports_nothing(store, new_store_url,
                                                                            tmp_path: Path):
    fill(store)
    out = export_with_texts(store, "csv", tmp_path / "events.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    rows[-1]["doc_meta"] = "{not json"
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open_store(new_store_url()) as copy:
        with pytest.raises(MalformedRecordError) as e:
            copy.import_(bad)
        assert "bad.csv" in str(e.value)
        assert copy.stats()["events"] == 0 and copy.stats()["documents"] == 0


def test_doc_meta_given_as_a_json_string_in_jsonl_is_decoded(store, new_store_url, tmp_path: Path):
    fill_with_texts(store)
    out = export_with_texts(store, "jsonl", tmp_path / "events.jsonl")
    lines = []
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for m in rec["mentions"]:
            if "doc_meta" in m:
                m["doc_meta"] = json.dumps(m["doc_meta"], ensure_ascii=False)
        lines.append(json.dumps(rec, ensure_ascii=False))
    (tmp_path / "s.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(new_store_url()) as copy:
        copy.import_(tmp_path / "s.jsonl")
        assert copy.document(4).meta == {"publisher": "mofa", "dropped": {"menu": 2}}
