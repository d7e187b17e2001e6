"""normalize: one spelling per word, and an offset map back to the original."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.clean.normalize import fold, normalize

from .helpers import VI_NEWS


@pytest.mark.parametrize(("original", "expected"), [
    ("hoà bình", "hòa bình"),
    ("Cộng hoà", "Cộng hòa"),
    ("HOÀ BÌNH", "HÒA BÌNH"),
    ("thuỷ điện", "thủy điện"),
    ("Uỷ ban", "Ủy ban"),
    ("uỷ viên", "ủy viên"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("hoá học", "hóa học"),
    ("toạ đàm", "tọa đàm"),
    ("oà khóc", "òa khóc"),
    ("luỹ kế", "lũy kế"),
    ("xoè", "xòe"),
    # never touched: the u of "qu" is the onset, closed syllables, other clusters
    ("quá", "quá"), ("qua", "qua"), ("quý", "quý"), ("Quỳnh", "Quỳnh"), ("quỷ", "quỷ"),
    ("gìa", "gìa"), ("già", "già"), ("hoàn", "hoàn"), ("ngoài", "ngoài"), ("khuya", "khuya"),
    ("thuyền", "thuyền"), ("toán", "toán"), ("hòa", "hòa"), ("thủy", "thủy"),
    ("Hoàng", "Hoàng"), ("Boeing", "Boeing"), ("café", "café"),
])
def test_tone_goes_on_the_first_vowel_of_open_oa_oe_uy(original, expected):
    assert normalize(original)[0] == expected


@pytest.mark.parametrize(("original", "expected"), [
    ("a\u00a0b", "a b"),                 # no-break space
    ("a\u2009b\u202fc", "a b c"),        # thin, narrow no-break
    ("a\u3000b", "a b"),
    ("Hà\u200bNội", "HàNội"),            # zero-width space vanishes
    ("đối\u00adngoại", "đốingoại"),      # soft hyphen vanishes
    ("\ufeffTin", "Tin"),                # stray BOM
    ("một\r\nhai\rba", "một\nhai\nba"),
    ("một\u2028hai", "một\nhai"),
    ("“Hợp tác” ‘x’ «y»", "“Hợp tác” ‘x’ «y»"),   # quotes are kept as they are
])
def test_spaces_invisible_characters_and_newlines(original, expected):
    assert normalize(original)[0] == expected


def test_nfd_input_is_composed_and_mapped_back():
    nfd = unicodedata.normalize("NFD", VI_NEWS)
    text, mapping = normalize(nfd)
    assert text == VI_NEWS
    assert mapping is not None and len(mapping) == len(text) + 1
    i = text.index("Nhật Bản")
    assert nfd[mapping[i]:mapping[i + len("Nhật Bản")]] == unicodedata.normalize("NFD", "Nhật Bản")


@pytest.mark.parametrize("text", [VI_NEWS, "plain ascii text\n", "", "Tiếng Việt chuẩn hòa bình."])
def test_unchanged_text_has_no_map(text):
    out, mapping = normalize(text)
    assert out is text and mapping is None


def test_map_points_edits_back_to_the_original_characters():
    original = "Cộng hoà\r\nUỷ\u00a0ban"
    text, mapping = normalize(original)
    assert text == "Cộng hòa\nỦy ban"
    assert mapping == [0, 1, 2, 3, 4, 5, 6, 6, 8, 10, 10, 12, 13, 14, 15, 16]
    assert original[mapping[text.index("ban")]:mapping[len(text)]] == "ban"


@pytest.mark.parametrize(("name", "key"), [
    ("Nguyễn Phú Trọng", "nguyen phu trong"),
    ("ĐÀ NẴNG", "da nang"),
    ("Thủy", "thuy"),
    ("Phạm Minh Chính", "pham minh chinh"),
    ("Zürich", "zurich"),
    ("ASEAN", "asean"),
])
def test_fold_makes_ascii_search_keys(name, key):
    assert fold(name) == key


VI_CHARS = st.sampled_from(list("aăâeêioôơuưyđAĂÂĐOƠƯUY hqngtkc.\n\r")
                           + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b",
                              "\u00a0", "\u200b", "\u00ad", "\u2028", "oà", "uỷ", "Hoà", "QUỶ", "\u0344", "\u1100\u1161"])
VI_TEXT = st.lists(VI_CHARS, max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=60), VI_TEXT)


def _runs(mapping: list[int], n: int) -> list[tuple[int, int]]:
    runs, start = [], 0
    for i in range(1, n + 1):
        if i == n or mapping[i] != mapping[start]:
            runs.append((start, i))
            start = i
    return runs


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_offset_map_properties(original):
    text, mapping = normalize(original)
    if mapping is None:
        assert text == original
        return
    assert len(mapping) == len(text) + 1
    assert mapping[-1] == len(original)
    assert all(0 <= m <= len(original) for m in mapping)
    assert all(a <= b for a, b in zip(mapping, mapping[1:], strict=False))
    # each unit of the result is what its slice of the original normalises to
    for i, j in _runs(mapping, len(text)):
        assert normalize(original[mapping[i]:mapping[j]])[0] == text[i:j]


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_result_is_nfc_with_plain_spaces(original):
    text, _ = normalize(original)
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text and "\u00a0" not in text and "\u200b" not in text
