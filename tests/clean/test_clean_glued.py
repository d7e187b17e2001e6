"""glue_splits: sentence boundaries that lost their space, and nothing else."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.clean.glued import glue_splits


@pytest.mark.parametrize(("text", "after"), [
    ("các nước đang phát triểnHội nghị đã thông qua tuyên bố", ["Hội"]),
    ("có trách nhiệm.Hợp tác và tin cậy", ["Hợp"]),
    ("tôn trọng lẫn nhau.Hợp tác", ["Hợp"]),
    ("hai bên nhất trí.”Đây là bước tiến", ["Đây"]),
    ("được ký kết!Tiếp đó, hai bên", ["Tiếp"]),
    ("tại thủ đô Kon Tum.Theo kế hoạch", ["Theo"]),
    ("họp trực tuyến.ASEAN cũng", ["ASEAN"]),
    ("the two sides agreed.The visit will", ["The"]),
    ("một câuHai câu.Ba câu", ["Hai", "Ba"]),
])
def test_glued_boundaries_are_found(text, after):
    assert [text[i:i + len(w)] for i, w in zip(glue_splits(text), after, strict=True)] == after


@pytest.mark.parametrize("text", [
    "iPhone, TikTok, YouTube, McDonald, VnExpress, PetroVietnam và WhatsApp",
    "COVID-19, e-mail, ASEANAPOL, MacBook, eBay, miHoYo",
    "TP.HCM, Tp.Hồ Chí Minh, ThS.Nguyễn Văn A, PGS.TS.Trần B, Mr.Smith, St.Petersburg",
    "Xem tại https://example.vn/tin/Hoi-Nghi.Html hoặc www.example.com/Tin.Moi",
    "Liên hệ ban.doi.ngoai@example.vn.Vn",
    "Đọc trên Baoquocte.vn và VietnamPlus.vn.",
    "năm 2020.Hội nghị",           # a number before the stop: not glued prose
    "ViệtNam, HàNội",              # a missing space inside a name is not a sentence boundary
    '{"placeholderType": "MREC"}',
    "Hai bên ký kết. Hội nghị kết thúc.",
])
def test_names_addresses_and_normal_text_are_not_split(text):
    assert glue_splits(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_splits_are_sorted_capitals_inside_the_text(text):
    splits = glue_splits(text)
    assert splits == sorted(set(splits))
    assert all(0 < i < len(text) and text[i].isupper() for i in splits)
