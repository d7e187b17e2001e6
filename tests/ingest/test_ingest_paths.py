"""Walking inputs: folders, stdin, missing paths, sniffing of unknown files."""
from __future__ import annotations

import io
import os
import sys
import zipfile

from bluebook.errors import (
    BinaryInputError,
    EmptyInputError,
    NotFoundError,
    UnreadableError,
    UnsupportedFormatError,
)
from bluebook.ingest import count_bytes, iter_raw
from bluebook.models import RawDoc

from .helpers import EN_TEXT, VI_TEXT, docs, errors, read_all


def test_folder_is_walked_recursively_in_sorted_path_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    for rel in ["b/2.txt", "a/z.txt", "c.txt", "a/b.txt", "b/1.txt"]:
        (tmp_path / rel).write_text(VI_TEXT, encoding="utf-8")
    got = [d.source for d in docs(read_all([tmp_path]))]
    assert [s[len(str(tmp_path)) + 1:] for s in got] == ["a/b.txt", "a/z.txt", "b/1.txt", "b/2.txt", "c.txt"]


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(EN_TEXT)
    (tmp_path / ".notes.txt").write_text(EN_TEXT)
    (tmp_path / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0junk")
    (tmp_path / "news.txt").write_text(EN_TEXT)
    items = read_all([tmp_path])
    assert [d.source for d in docs(items)] == [str(tmp_path / "news.txt")]
    assert errors(items) == []


def test_missing_path_is_a_not_found_error_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text(EN_TEXT)
    items = read_all([tmp_path / "nope.txt", good])
    assert isinstance(items[0], NotFoundError) and items[0].source.endswith("nope.txt")
    assert items[0].code == "E001"
    assert docs(items)[0].data == EN_TEXT.encode()


def test_empty_file_and_empty_folder_are_empty_input_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\n")
    (tmp_path / "sub").mkdir()
    items = read_all([tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "sub"])
    assert [type(e) for e in items] == [EmptyInputError] * 3
    assert [e.code for e in items] == ["E003"] * 3


def test_stdin_is_read_as_bytes(monkeypatch):
    raw = VI_TEXT.encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    (doc,) = read_all(["-"])
    assert doc.source == "<stdin>" and doc.data == raw and doc.format == "txt"


def test_stdin_json_lines_are_recognised_and_streamed(monkeypatch):
    raw = b'{"text": "one"}\n{"text": "two"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    assert [(d.source, d.text) for d in read_all(["-"])] == [("<stdin>#1", "one"), ("<stdin>#2", "two")]


def test_known_binary_signature_without_text_extension_is_rejected(tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    elf = tmp_path / "tool"
    elf.write_bytes(b"\x7fELF" + b"\x00" * 100)
    items = read_all([png, elf])
    assert [type(e) for e in items] == [BinaryInputError, BinaryInputError]
    assert "PNG" in items[0].message


def test_binary_bytes_with_a_text_extension_are_still_yielded(tmp_path):
    f = tmp_path / "odd.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01\x02")
    (doc,) = read_all([f])
    assert doc.data.startswith(b"\x89PNG")  # the decoder, not the reader, refuses it


def test_unknown_extension_is_sniffed_as_html_or_text(tmp_path):
    page = tmp_path / "article.aspx"
    page.write_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    plain = tmp_path / "README"
    plain.write_text(EN_TEXT)
    assert [d.format for d in read_all([page, plain])] == ["html", "txt"]


def test_legacy_office_formats_get_a_hint_instead_of_garbage(tmp_path):
    f = tmp_path / "report.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 50)
    (err,) = read_all([f])
    assert isinstance(err, UnsupportedFormatError) and ".docx" in err.hint


def test_count_bytes_sums_the_files_that_will_be_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 10)
    (tmp_path / "b.txt").write_bytes(b"y" * 32)
    (tmp_path / ".hidden").write_bytes(b"z" * 1000)
    assert count_bytes([str(tmp_path), "-", str(tmp_path / "missing")]) == 42


def test_bytes_done_grows_to_the_total_for_progress_bars(tmp_path):
    (tmp_path / "a.txt").write_text(EN_TEXT)
    (tmp_path / "b.txt").write_text(VI_TEXT)
    got = [d.meta["bytes_done"] for d in read_all([tmp_path])]
    assert got == [len(EN_TEXT.encode()), count_bytes([str(tmp_path)])]


def test_a_single_path_or_path_object_is_one_input(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(EN_TEXT)
    assert [d.source for d in iter_raw(f)] == [str(f)]
    assert [d.source for d in iter_raw(str(f))] == [str(f)]


def test_meta_names_the_file_on_disk_for_archive_members(tmp_path):
    f = tmp_path / "a.zip"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("x.txt", EN_TEXT)
    (doc,) = read_all([f])
    assert doc.source == f"{f}!x.txt" and doc.meta["file"] == str(f)


def test_fifos_in_a_folder_are_skipped_without_blocking_and_symlink_loops_end(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path, tmp_path / "loop")
    (tmp_path / "a.txt").write_text(EN_TEXT)
    items = read_all([tmp_path])
    assert [type(x) for x in items] == [RawDoc, UnreadableError]
    assert items[1].source.endswith("pipe")
