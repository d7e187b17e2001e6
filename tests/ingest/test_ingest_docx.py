"""Word .docx: paragraphs and tables in document order, core properties as metadata."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx

from bluebook.errors import ArchiveError, EmptyInputError, UnreadableError

from .helpers import read_all


def _make(path, build) -> None:
    d = docx.Document()
    build(d)
    d.save(str(path))


def test_paragraphs_and_tables_come_in_document_order(tmp_path):
    def build(d):
        d.core_properties.title = "Thông cáo báo chí"
        d.core_properties.created = datetime(2020, 11, 12, 3, 0)
        d.add_heading("Hội đàm Việt Nam - Lào", level=1)
        d.add_paragraph("Hai bên ký ba văn kiện hợp tác.")
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Ngày", "Sự kiện"
        table.cell(1, 0).text, table.cell(1, 1).text = "12/11", "Hội đàm"
        d.add_paragraph("Sau hội đàm, hai bên họp báo.")
    f = tmp_path / "press.docx"
    _make(f, build)
    (doc,) = read_all([f])
    assert doc.format == "docx" and doc.title == "Thông cáo báo chí" and doc.date == "2020-11-12"
    assert doc.text == ("Hội đàm Việt Nam - Lào\n\nHai bên ký ba văn kiện hợp tác.\n\n"
                        "Ngày\tSự kiện\n12/11\tHội đàm\n\nSau hội đàm, hai bên họp báo.")


def test_merged_cells_are_not_repeated(tmp_path):
    def build(d):
        table = d.add_table(rows=1, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "gộp"
        table.cell(0, 2).text = "riêng"
    f = tmp_path / "merged.docx"
    _make(f, build)
    (doc,) = read_all([f])
    assert doc.text == "gộp\triêng"


def test_a_docx_without_text_is_empty(tmp_path):
    f = tmp_path / "blank.docx"
    _make(f, lambda d: d.add_paragraph("   "))
    (err,) = read_all([f])
    assert isinstance(err, EmptyInputError)


def test_a_broken_docx_is_unreadable_not_a_crash(tmp_path):
    notzip = tmp_path / "fake.docx"
    notzip.write_bytes(b"this is not a word file at all")
    nobody = tmp_path / "hollow.docx"
    with zipfile.ZipFile(nobody, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    items = read_all([notzip, nobody])
    assert [type(x) for x in items] == [UnreadableError, UnreadableError]
    assert all("docx" in x.message and x.hint for x in items)


def test_a_docx_that_is_a_zip_bomb_is_refused_before_parsing(tmp_path):
    buf = io.BytesIO()
    docx.Document().save(buf)
    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * (5 << 20) + b"--></w:body>")
            dst.writestr(item.filename, data)
    (err,) = read_all([f])
    assert isinstance(err, ArchiveError) and "document.xml" in err.source
