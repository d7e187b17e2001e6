"""clean_document: the stage as the pipeline calls it."""
from __future__ import annotations

import unicodedata

from bluebook.clean import clean_document, clean_text
from bluebook.models import Document

ORIGINAL = ("Thủ tướng tiếp Đoàn đại biểu Cộng hoà Séc\r\n\r\n"
            "Chiều 2/10, Thủ tướng đã tiếp Đoàn đại biểu Cộng hoà\u00a0Séc do Chủ tịch Thượng viện dẫn đầu."
            "Hai bên nhất trí thúc đẩy hợp tác kinh tế, giáo dục và quốc phòng.Phía Séc cảm ơn Việt Nam.\r\n\r\n"
            "Theo TTXVN\r\n")


def test_clean_document_fills_text_map_blocks_and_glue_splits():
    doc = clean_document(Document(source="t.txt", original=ORIGINAL))
    assert "Cộng hòa Séc" in doc.text and "\r" not in doc.text
    assert doc.offset_map is not None and len(doc.offset_map) == len(doc.text) + 1
    assert [b.kind for b in doc.blocks] == ["title", "body", "boilerplate"]
    assert doc.blocks[2].reason == "byline"
    assert [doc.text[i:i + 3] for i in doc.meta["glue_splits"]] == ["Hai", "Phí"]
    assert doc.title == "Thủ tướng tiếp Đoàn đại biểu Cộng hòa Séc"


def test_spans_map_back_to_the_exact_original_text():
    doc = clean_text(ORIGINAL)
    start = doc.text.index("Cộng hòa Séc do")
    end = start + len("Cộng hòa Séc do")
    assert doc.original_span(start, end) == "Cộng hoà\u00a0Séc do"


def test_unchanged_text_keeps_no_map():
    doc = clean_text("Hai bên hội đàm tại Hà Nội.\n")
    assert doc.offset_map is None and doc.text == doc.original
    assert doc.meta["glue_splits"] == []


def test_nfd_document_is_cleaned():
    doc = clean_text(unicodedata.normalize("NFD", ORIGINAL))
    assert doc.text == clean_text(ORIGINAL).text


def test_empty_document():
    doc = clean_text("")
    assert doc.text == "" and doc.blocks == [] and doc.meta["glue_splits"] == []


def test_glue_splits_in_dropped_blocks_are_not_kept():
    doc = clean_text("Bài chính về hội đàm.\n\nTin liên quan\nHai nước ký kếtHiệp định mới\n")
    assert doc.blocks[-1].kind == "teaser"
    assert doc.meta["glue_splits"] == []
