"""TCVN3 and VNI tables: every Vietnamese letter survives a round trip."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from bluebook.clean.legacy import (
    TCVN3_DECODING,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
)
from bluebook.clean.syllable import LOWER_LETTERS, VIETNAMESE_LETTERS, is_syllable

from .helpers import VI_NEWS


def test_there_are_134_precomposed_vietnamese_letters():
    assert len(VIETNAMESE_LETTERS) == 134
    assert len(set(VIETNAMESE_LETTERS)) == 134
    assert "đ" in LOWER_LETTERS and "Ự" in VIETNAMESE_LETTERS


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_tcvn3_table_has_one_byte_for_each_letter(letter):
    data = encode_tcvn3(letter)
    assert len(data) == 1
    assert TCVN3_DECODING[data[0]] == letter


def test_tcvn3_round_trip_of_all_letters_inside_syllables():
    # each letter inside a syllable (t_n / T_N), the way letters occur in real text
    text = " ".join(f"t{c}n" if c.islower() else f"T{c}N" for c in VIETNAMESE_LETTERS)
    assert decode_tcvn3(encode_tcvn3(text)) == text


def test_tcvn3_round_trip_of_news_text():
    assert decode_tcvn3(encode_tcvn3(VI_NEWS)) == VI_NEWS


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_vni_round_trip_of_each_letter(letter):
    assert decode_vni(encode_vni(letter)) == letter


def test_vni_round_trip_of_all_letters_and_news_text():
    text = " ".join(VIETNAMESE_LETTERS)
    assert decode_vni(encode_vni(text)) == text
    assert decode_vni(encode_vni(VI_NEWS)) == VI_NEWS


@pytest.mark.parametrize(("unicode", "vni"), [
    ("Việt Nam", b"Vie\xe4t Nam"),              # e + 'ä' (circumflex + dot below)
    ("Xin chào", b"Xin cha\xf8o"),
    ("đường", b"\xf1\xf6\xf4\xf8ng"),           # đ=ñ, ư=ö, ờ=ô+ø
    ("ĐẠI", b"\xd1A\xcfI"),
    ("thắng", b"tha\xe9ng"),                    # ắ = a + 'é' (breve + acute)
])
def test_vni_spells_letters_as_base_plus_mark_bytes(unicode, vni):
    assert encode_vni(unicode) == vni
    assert decode_vni(vni) == unicode


@pytest.mark.parametrize(("unicode", "tcvn3"), [
    ("Việt Nam", b"Vi\xd6t Nam"),
    ("Bảo Thắng", b"B\xb6o Th\xbeng"),
    ("đường", b"\xae\xad\xeang"),
    ("Đà Nẵng", b"\xa7\xb5 N\xbdng"),
])
def test_tcvn3_known_spellings(unicode, tcvn3):
    assert encode_tcvn3(unicode) == tcvn3
    assert decode_tcvn3(tcvn3) == unicode


@pytest.mark.parametrize(("data", "expected"), [
    (b"\x93H\xeep t\xb8c\x94", "“Hợp tác”"),                      # smart quotes typed in Word
    (b"kinh t\xd5 \x96 x\xb7 h\xe9i", "kinh tế – xã hội"),         # en dash between spaces
    (b"don\x92t stop", "don’t stop"),
    (b"\x99 H\xb5 N\xe9i", "Ở Hà Nội"),                          # a real capital Ở stays a letter
    (b"T\x96N", "TỌN"),                                            # inside a syllable: a letter
])
def test_tcvn3_tells_cp1252_punctuation_from_capital_letters(data, expected):
    assert decode_tcvn3(data) == expected


def test_tcvn3_separate_tone_bytes_are_composed():
    # B0-B4 are combining tone marks in TCVN 5712; "a" + acute byte
    assert decode_tcvn3(b"ca\xb3c") == "các"


def test_tcvn3_table_agrees_with_glibc_iconv():
    if shutil.which("iconv") is None:
        pytest.skip("iconv not installed")
    probe = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"a",
                           capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1")
    positions = [1, 2, 4, 5, 6, *range(0x11, 0x18), *range(0xA1, 0x100)]
    data = bytes(positions)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data,
                         capture_output=True, check=True).stdout.decode("utf-8")
    ours = [TCVN3_DECODING[b] for b in positions]
    theirs = list(unicodedata.normalize("NFD", out)) if len(out) != len(positions) else list(out)
    assert len(theirs) == len(positions)
    for b, a, t in zip(positions, ours, theirs, strict=True):
        if t.isalpha() or unicodedata.combining(t):
            assert a == t, f"byte {b:#x}: ours {a!r}, iconv {t!r}"


@pytest.mark.parametrize(("word", "valid"), [
    ("việt", True), ("Nguyễn", True), ("NGHIÊNG", True), ("quốc", True), ("khuya", True),
    ("gì", True), ("hòa", True), ("hoà", True), ("thuở", True), ("được", True),
    ("viêịt", False), ("café", False), ("résumé", False), ("hợpp", False), ("tàc", False),
    ("ViỆt", False), ("ỎHợp", False), ("", False),
])
def test_syllable_check(word, valid):
    assert is_syllable(word) is valid
