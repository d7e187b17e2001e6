"""PDF: the text layer page by page; scanned and encrypted files get a clear error."""
from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader, PdfWriter

from bluebook.errors import UnreadableError

from .helpers import read_all

PAGE = """<html><head><title>Tin đối ngoại</title>
<meta name="dcterms.created" content="2020-11-12T06:00:00+07:00">
<style>@page {{ size: A5 }} .br {{ page-break-before: always }}</style></head>
<body><p>{first}</p><p class="br">{second}</p></body></html>"""
FIRST = "Thủ tướng tiếp Đại sứ Ấn Độ."
SECOND = "Hai bên trao đổi về hợp tác quốc phòng."


def _flat(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    weasyprint = pytest.importorskip("weasyprint")
    root = tmp_path_factory.mktemp("pdf")
    text = root / "text.pdf"
    weasyprint.HTML(string=PAGE.format(first=FIRST, second=SECOND)).write_pdf(text)
    scanned = root / "scanned.pdf"  # no text layer, as a scan without OCR
    weasyprint.HTML(string="<html><body><div style='width:5cm;height:5cm;background:#333'></div></body></html>"
                    ).write_pdf(scanned)
    locked = root / "locked.pdf"
    writer = PdfWriter(clone_from=PdfReader(text))
    writer.encrypt(user_password="mật-khẩu", algorithm="RC4-128")
    writer.write(locked)
    return {"text": text, "scanned": scanned, "locked": locked}


def test_pdf_pages_are_joined_with_blank_lines_and_metadata_is_read(pdfs):
    (doc,) = read_all([pdfs["text"]])
    assert doc.format == "pdf" and doc.meta["pages"] == 2
    first, second = doc.text.split("\n\n")
    assert _flat(first) == FIRST and _flat(second) == SECOND
    assert doc.title == "Tin đối ngoại" and doc.date == "2020-11-12"


def test_a_pdf_without_a_text_layer_says_scanned(pdfs):
    (err,) = read_all([pdfs["scanned"]])
    assert isinstance(err, UnreadableError) and "no extractable text (scanned?)" in err.message
    assert "OCR" in err.hint


def test_an_encrypted_pdf_is_a_clear_error(pdfs):
    (err,) = read_all([pdfs["locked"]])
    assert isinstance(err, UnreadableError) and "encrypted" in err.message


def test_a_broken_pdf_is_unreadable_not_a_crash(tmp_path):
    f = tmp_path / "broken.pdf"
    f.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF")
    (err,) = read_all([f])
    assert isinstance(err, UnreadableError) and err.source == str(f)
