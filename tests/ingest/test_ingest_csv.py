"""CSV and TSV: header row, one RawDoc per row, legacy encodings handed to the cleaner as bytes."""
from __future__ import annotations

import csv

from bluebook.config import DEFAULT
from bluebook.errors import EmptyInputError, MalformedRecordError

from .helpers import EN_TEXT, VI_TEXT, docs, read_all


def _write(path, rows, delimiter=",", encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)


def test_rows_become_documents_named_by_row_number(tmp_path):
    f = tmp_path / "news.csv"
    _write(f, [["title", "date", "url", "text"], ["A", "12/11/2020", "https://x.vn/a", VI_TEXT],
               ["B", "2021-03-04", "", EN_TEXT]])
    a, b = read_all([f])
    assert (a.source, a.title, a.date, a.url, a.text, a.format) == (
        f"{f}#1", "A", "2020-11-12", "https://x.vn/a", VI_TEXT, "csv")
    assert (b.source, b.date, b.text) == (f"{f}#2", "2021-03-04", EN_TEXT)


def test_tsv_and_semicolon_files_are_split_on_their_delimiter(tmp_path):
    tsv = tmp_path / "a.tsv"
    _write(tsv, [["text", "title"], ["một, hai; ba", "T"]], delimiter="\t")
    semi = tmp_path / "b.csv"
    _write(semi, [["text", "title"], ["một, hai", "T"]], delimiter=";")
    assert [d.text for d in read_all([tsv, semi])] == ["một, hai; ba", "một, hai"]


def test_a_field_larger_than_the_csv_module_default_is_read(tmp_path):
    long_text = ("Đoạn văn bản dài. " * 20 + "\n") * 1000  # ~400 KB in one cell, many lines
    f = tmp_path / "long.csv"
    _write(f, [["text"], [long_text]])
    (doc,) = read_all([f])
    assert doc.text == long_text


def test_utf8_bom_and_header_case_are_tolerated(tmp_path):
    f = tmp_path / "excel.csv"
    _write(f, [[" Text ", "Title"], [VI_TEXT, "T"]], encoding="utf-8-sig")
    (doc,) = read_all([f])
    assert doc.text == VI_TEXT and doc.title == "T"


def test_a_legacy_encoded_text_cell_is_passed_on_as_bytes(tmp_path):
    f = tmp_path / "cp1258.csv"
    f.write_bytes("title,text\nT,Hà Tây và Đà Lat\n".encode("cp1258"))
    (doc,) = read_all([f])
    assert doc.text is None and doc.data == "Hà Tây và Đà Lat".encode("cp1258")


def test_a_forced_python_encoding_decodes_cells(tmp_path):
    f = tmp_path / "cp1258.csv"
    f.write_bytes("title,text\nT,Hà Tây\n".encode("cp1258"))
    (doc,) = read_all([f], DEFAULT.with_(encoding="cp1258"))
    assert doc.text == "Hà Tây"


def test_utf16_excel_export_is_read(tmp_path):
    f = tmp_path / "unicode.txt.tsv"
    f.write_bytes(("text\ttitle\r\n" + VI_TEXT.replace("\n", " ") + "\tT\r\n").encode("utf-16"))
    (doc,) = read_all([f])
    assert doc.text == VI_TEXT.replace("\n", " ") and doc.title == "T"


def test_missing_text_column_is_one_error_naming_the_columns(tmp_path):
    f = tmp_path / "wrong.csv"
    _write(f, [["headline", "body"], ["a", "b"]])
    (err,) = read_all([f])
    assert isinstance(err, MalformedRecordError) and "headline, body" in err.hint


def test_short_and_empty_rows(tmp_path):
    f = tmp_path / "ragged.csv"
    _write(f, [["id", "text"], ["1"], [], ["2", ""], ["3", "ok"]])
    items = read_all([f])
    assert [type(x).__name__ for x in items] == ["MalformedRecordError", "EmptyInputError", "RawDoc"]
    assert items[0].source == f"{f}#1" and docs(items)[0].source == f"{f}#3"
    assert docs(items)[0].meta["fields"] == {"id": "3"}


def test_header_only_file_is_empty(tmp_path):
    f = tmp_path / "head.csv"
    f.write_text("title,text\n")
    (err,) = read_all([f])
    assert isinstance(err, EmptyInputError) and "no rows" in err.message
