"""JSON Lines and JSON: one RawDoc per record, a bad record costs only itself."""
from __future__ import annotations

import gzip
import json

import pytest

from bluebook.config import DEFAULT
from bluebook.errors import ArchiveError, EmptyInputError, MalformedRecordError, TooLargeError

from .helpers import EN_TEXT, SHARED, VI_TEXT, docs, errors, read_all


def _jsonl(path, records: list) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")


def test_malformed_line_is_reported_and_good_lines_go_on_in_order(tmp_path):
    f = tmp_path / "news.jsonl"
    _jsonl(f, [{"text": "một"}, '{"text": "hai"', {"text": "ba"}, "", {"text": "bốn"}])
    items = read_all([f])
    assert [d.text for d in docs(items)] == ["một", "ba", "bốn"]
    (err,) = errors(items)
    assert isinstance(err, MalformedRecordError) and err.source == f"{f}#2" and err.code == "E008"
    assert [d.source for d in docs(items)] == [f"{f}#1", f"{f}#3", f"{f}#5"]


@pytest.mark.parametrize("record, field", [
    ({"text": 42}, "text"), ({"text": ["a", "b"]}, "text"), ({"text": "x", "date": 20201112}, "date"),
    ({"text": "x", "title": {"vi": "t"}}, "title"),
])
def test_wrong_field_types_are_malformed_records(tmp_path, record, field):
    f = tmp_path / "bad.jsonl"
    _jsonl(f, [record, {"text": "ok"}])
    items = read_all([f])
    assert isinstance(items[0], MalformedRecordError) and f"'{field}'" in items[0].message
    assert docs(items)[0].text == "ok"


def test_a_record_that_is_not_an_object_or_lacks_text_is_malformed(tmp_path):
    f = tmp_path / "odd.jsonl"
    _jsonl(f, [[1, 2], {"body": "x", "id": 1}, {"text": "  "}])
    a, b, c = read_all([f])
    assert isinstance(a, MalformedRecordError) and "list" in a.message
    assert isinstance(b, MalformedRecordError) and "body" in b.hint and "--text-field" in b.hint
    assert isinstance(c, EmptyInputError)


def test_metadata_fields_and_dates_are_carried(tmp_path):
    f = tmp_path / "m.jsonl"
    _jsonl(f, [{"id": "a1", "text": VI_TEXT, "title": " Tiêu đề ", "url": None,
                "date": "2020-11-12T06:00:00+07:00", "tags": ["x"]},
               {"text": EN_TEXT, "date": "sometime last spring", "url": "https://example.org/a"}])
    a, b = read_all([f])
    assert (a.text, a.title, a.url, a.date, a.format) == (VI_TEXT, "Tiêu đề", "", "2020-11-12", "json")
    assert a.meta["fields"] == {"id": "a1"} and a.meta["line"] == 1
    assert b.date == "" and b.meta["date_raw"] == "sometime last spring" and b.url == "https://example.org/a"


def test_field_names_come_from_settings(tmp_path):
    f = tmp_path / "custom.jsonl"
    _jsonl(f, [{"noi_dung": VI_TEXT, "ngay": "12/11/2020", "tieu_de": "T"}])
    settings = DEFAULT.with_(text_field="noi_dung", date_field="ngay", title_field="tieu_de")
    (doc,) = read_all([f], settings)
    assert (doc.text, doc.date, doc.title) == (VI_TEXT, "2020-11-12", "T")


def test_gzipped_json_lines_are_streamed(tmp_path):
    f = tmp_path / "corpus.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as out:
        for i in range(50):
            out.write(json.dumps({"text": f"bài {i}", "date": "2021-01-02"}) + "\n")
    got = docs(read_all([f]))
    assert len(got) == 50 and got[49].source == f"{f}#50" and got[49].text == "bài 49"


def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path):
    whole = gzip.compress("".join(json.dumps({"text": f"r{i} " + "x" * 50}) + "\n"
                                  for i in range(2000)).encode())
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(whole[: len(whole) // 2])
    items = read_all([f])
    assert len(docs(items)) > 900  # about half of the 2000 records survive the cut
    assert isinstance(items[-1], ArchiveError) and "truncated" in items[-1].message


def test_json_file_with_one_object_or_a_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": VI_TEXT, "date": "12.11.2020"}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "a"}, {"text": 1}, {"text": "c"}]), encoding="utf-8")
    items = read_all([one, many])
    assert [(getattr(x, "source", ""), type(x).__name__) for x in items] == [
        (str(one), "RawDoc"), (f"{many}#1", "RawDoc"), (f"{many}#2", "MalformedRecordError"),
        (f"{many}#3", "RawDoc")]
    assert items[0].date == "2020-11-12"


def test_json_lines_under_a_json_name_are_read_as_lines(tmp_path):
    f = tmp_path / "really-lines.json"
    _jsonl(f, [{"text": "a"}, {"text": "b"}])
    assert [d.source for d in docs(read_all([f]))] == [f"{f}#1", f"{f}#2"]


def test_invalid_utf8_line_is_malformed_with_a_hint(tmp_path):
    f = tmp_path / "latin.jsonl"
    f.write_bytes(b'{"text": "caf\xe9"}\n{"text": "ok"}\n')
    a, b = read_all([f])
    assert isinstance(a, MalformedRecordError) and "UTF-8" in a.message and b.text == "ok"


def test_a_file_of_non_json_lines_stops_after_a_few_errors(tmp_path):
    f = tmp_path / "notjson.jsonl"
    f.write_text("plain words\n" * 5000)
    items = read_all([f])
    assert len(items) < 30 and "stopped reading" in items[-1].message


def test_a_record_with_one_enormous_line_is_refused(tmp_path):
    f = tmp_path / "blob.jsonl"
    _jsonl(f, [{"text": "a" * 500}, {"text": "fine"}])
    a, b = read_all([f], DEFAULT.with_(max_line_chars=100))
    assert isinstance(a, TooLargeError) and b.text == "fine"


def test_a_line_over_max_file_bytes_is_skipped_without_losing_the_next(tmp_path):
    f = tmp_path / "long.jsonl"
    _jsonl(f, [{"text": "x" * 5000}, {"text": "after"}])
    a, b = read_all([f], DEFAULT.with_(max_file_bytes=1000))
    assert isinstance(a, TooLargeError) and a.source == f"{f}#1" and b.source == f"{f}#2"


def test_real_corpus_records_read_with_dates():
    corpus = SHARED / "corpus" / "vi-news-2024.jsonl.gz"
    if not corpus.exists():
        pytest.skip("shared corpus not available")
    from bluebook.ingest import iter_raw
    got = []
    for item in iter_raw([str(corpus)]):
        got.append(item)
        if len(got) == 300:
            break
    assert not errors(got)
    assert all(d.text and len(d.date) == 10 for d in got)
