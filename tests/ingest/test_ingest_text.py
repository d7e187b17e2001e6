"""Plain text and HTML files: bytes untouched, size and line limits enforced while reading."""
from __future__ import annotations

import time

import pytest

from bluebook.config import DEFAULT
from bluebook.errors import TooLargeError

from .helpers import VI_TEXT, docs, errors, read_all

SMALL = DEFAULT.with_(max_line_chars=100, max_file_bytes=10_000)


def test_text_bytes_are_passed_on_undecoded(tmp_path):
    raw = VI_TEXT.encode("utf-16")  # the cleaner decodes; the reader must not touch the bytes
    f = tmp_path / "a.txt"
    f.write_bytes(raw)
    (doc,) = read_all([f])
    assert doc.data == raw and doc.text is None and doc.format == "txt"


def test_markdown_is_text_marked_as_markdown(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("# Tiêu đề\n\n" + VI_TEXT)
    (doc,) = read_all([f])
    assert doc.format == "txt" and doc.meta["markup"] == "markdown"


def test_html_is_passed_on_as_bytes(tmp_path):
    raw = '<html><head><meta charset="windows-1258"></head><body><p>Hà Tây</p></body></html>'.encode("cp1258")
    f = tmp_path / "page.htm"
    f.write_bytes(raw)
    (doc,) = read_all([f])
    assert doc.format == "html" and doc.data == raw


def test_a_line_longer_than_max_line_chars_rejects_the_file(tmp_path):
    f = tmp_path / "dump.txt"
    f.write_bytes(b"short line\n" + b"x" * 250 + b"\nend\n")
    (err,) = read_all([f], SMALL)
    assert isinstance(err, TooLargeError) and err.code == "E006"
    assert "one line of 250 bytes" in err.message and "not a news text" in err.message


def test_line_length_counts_characters_not_utf8_bytes(tmp_path):
    f = tmp_path / "vi.txt"
    f.write_bytes(("ệ" * 90 + "\n").encode("utf-8") * 3)  # 270 bytes a line, 90 characters
    assert docs(read_all([f], SMALL))


def test_a_long_line_across_read_chunks_is_caught(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(b"a\n" + b"y" * 200_000 + b"\n")
    (err,) = read_all([f], DEFAULT.with_(max_line_chars=150_000))
    assert isinstance(err, TooLargeError) and "195.3 KB" in err.message


def test_long_html_lines_are_fine(tmp_path):
    f = tmp_path / "min.html"
    f.write_bytes(b"<html><body>" + b"<p>x</p>" * 100 + b"</body></html>")
    assert [d.format for d in read_all([f], SMALL)] == ["html"]


def test_file_over_max_file_bytes_is_rejected_before_reading(tmp_path):
    f = tmp_path / "huge.txt"
    f.write_bytes(b"line\n" * 3000)
    (err,) = read_all([f], SMALL)
    assert isinstance(err, TooLargeError)
    assert "14.6 KB" in err.message and "9.8 KB" in err.message


@pytest.mark.slow
def test_a_100_mb_single_line_is_rejected_without_loading_it(tmp_path):
    f = tmp_path / "one-line.txt"
    with f.open("wb") as out:
        block = b"z" * (1 << 20)
        for _ in range(100):
            out.write(block)
    after = tmp_path / "next.txt"
    after.write_text(VI_TEXT)
    t0 = time.perf_counter()
    items = read_all([f, after])
    assert time.perf_counter() - t0 < 10
    (err,) = errors(items)
    assert isinstance(err, TooLargeError) and "one line of 100.0 MB" in err.message
    assert [d.source for d in docs(items)] == [str(after)]
