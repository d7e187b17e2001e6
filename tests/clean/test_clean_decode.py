"""decode_bytes: the right encoding is found, bad input gets a coded error."""
from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluebook.clean.decode import decode_bytes, repair_mojibake, vietnamese_score
from bluebook.clean.legacy import encode_tcvn3, encode_vni
from bluebook.errors import BinaryInputError, BluebookError, DecodeError, EmptyInputError

from .helpers import VI_NEWS, to_cp1258

EN = "The Foreign Minister received the Ambassador of Japan in Hanoi on Tuesday."
FR = "Le ministre a reçu l'ambassadeur à Hanoï; la coopération économique s'est renforcée."
SHORT_VI = "Hội đàm cấp cao Việt Nam – Lào tại Thủ đô Viêng Chăn."


@pytest.mark.parametrize(("data", "encoding"), [
    (VI_NEWS.encode("utf-8"), "utf-8"),
    (VI_NEWS.encode("utf-8-sig"), "utf-8"),
    (EN.encode("ascii"), "utf-8"),
    (VI_NEWS.encode("utf-16"), "utf-16"),                 # with BOM
    (VI_NEWS.encode("utf-16-le"), "utf-16"),              # no BOM: NUL pattern
    (VI_NEWS.encode("utf-16-be"), "utf-16"),
    (to_cp1258(VI_NEWS), "cp1258"),
    (encode_tcvn3(VI_NEWS), "tcvn3"),
    (encode_vni(VI_NEWS), "vni"),
    (to_cp1258(SHORT_VI), "cp1258"),
    (encode_tcvn3(SHORT_VI), "tcvn3"),
    (encode_vni(SHORT_VI), "vni"),
])
def test_vietnamese_text_is_decoded_from_every_encoding(data, encoding):
    text, name = decode_bytes(data, "x.txt")
    expected = VI_NEWS if len(data) > 200 else SHORT_VI
    if encoding == "utf-8" and data.isascii():
        expected = EN
    assert name == encoding
    assert text == expected


def test_cp1258_combining_tones_are_composed():
    text, _ = decode_bytes(to_cp1258("Việt Nam"), encoding="cp1258")
    assert text == "Việt Nam" and unicodedata.is_normalized("NFC", text)


def test_western_european_text_is_not_mistaken_for_vietnamese():
    text, name = decode_bytes(FR.encode("cp1252"), "fr.txt")
    assert text == FR
    assert name == "cp1252"


@pytest.mark.parametrize(("encoding", "data", "expected_name"), [
    ("tcvn3", encode_tcvn3("Hà Nội"), "tcvn3"),
    ("TCVN", encode_tcvn3("Hà Nội"), "tcvn3"),
    ("vni", encode_vni("Hà Nội"), "vni"),
    ("VNI-Windows", encode_vni("Hà Nội"), "vni"),
    ("windows-1258", to_cp1258("Hà Nội"), "cp1258"),
    ("utf-8", "Hà Nội".encode(), "utf-8"),
    ("utf-16", "Hà Nội".encode("utf-16"), "utf-16"),
    ("latin-1", "Hà Nội".encode(), "latin-1"),
    ("koi8-r", "Москва".encode("koi8-r"), "koi8-r"),
])
def test_forced_encoding(encoding, data, expected_name):
    text, name = decode_bytes(data, "x", encoding=encoding)
    assert name == expected_name
    if expected_name == "latin-1":
        assert text == data.decode("latin-1")
    elif expected_name == "koi8-r":
        assert text == "Москва"
    else:
        assert text == "Hà Nội"


def test_mojibake_of_utf8_read_as_cp1252_is_repaired():
    broken = "Thủ tướng hội đàm với Thủ tướng Lào về hợp tác. Ý kiến của Ủy ban."
    mojibake = "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in broken.encode("utf-8")
    )
    assert "á»" in mojibake
    text, name = decode_bytes(mojibake.encode("utf-8"), "m.txt")
    assert (text, name) == (broken, "utf-8")


@pytest.mark.parametrize("text", [
    VI_NEWS, EN, FR, "Giá 5 USD — «rẻ» nhé", "Ô tô Ă Â Ê Ô Ơ Ư Đ", "á»‡t is a made-up token",
])
def test_correct_text_is_left_alone_by_mojibake_repair(text):
    if text.startswith("á»‡t"):
        # a stray mojibake-looking token that does not decode better stays as is
        assert repair_mojibake(text) in (text, "ệt is a made-up token")
    else:
        assert repair_mojibake(text) == text


@pytest.mark.parametrize(("data", "error", "words"), [
    (b"", EmptyInputError, "empty"),
    (b"  \n\t \r\n", EmptyInputError, "white space"),
    (b"\xef\xbb\xbf", EmptyInputError, "white space"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", BinaryInputError, "binary"),
    (bytes(range(1, 9)) * 40, BinaryInputError, "control"),
])
def test_bad_input_raises_a_coded_error_naming_the_source(data, error, words):
    with pytest.raises(error) as info:
        decode_bytes(data, "bad/input.bin")
    assert "bad/input.bin" in str(info.value)
    assert words in str(info.value)


def test_random_bytes_are_undecodable_with_a_hint():
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(4000)).replace(b"\x00", b"")
    with pytest.raises((DecodeError, BinaryInputError)) as info:
        decode_bytes(data, "noise.dat")
    assert "noise.dat" in str(info.value)


def test_forced_utf8_on_legacy_bytes_says_which_encoding_to_try():
    with pytest.raises(DecodeError) as info:
        decode_bytes(encode_tcvn3("Hà Nội"), "old.txt", encoding="utf-8")
    assert "tcvn3" in info.value.hint and info.value.code == "E005"


def test_unknown_encoding_name_is_a_decode_error():
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"abc", "a.txt", encoding="no-such-codec")
    assert "no-such-codec" in str(info.value)


def test_vietnamese_score_separates_right_and_wrong_tables():
    right, n = vietnamese_score(VI_NEWS)
    wrong, _ = vietnamese_score(encode_tcvn3(VI_NEWS).decode("cp1252", errors="replace"))
    assert n > 20 and right > 0.95 and wrong < 0.3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_text_or_a_coded_error(data):
    try:
        text, name = decode_bytes(data, "fuzz")
    except BluebookError as e:
        assert e.source == "fuzz"
    else:
        assert isinstance(text, str) and text.strip() and name


@pytest.mark.parametrize("data", [
    VI_NEWS[:-2].encode("utf-8")[:-1],                                # last character cut in two
    VI_NEWS.encode("utf-8").replace(b"Chi", b"Chi\x96", 1),           # one stray cp1252 dash byte
])
def test_nearly_valid_utf8_is_still_utf8(data):
    text, name = decode_bytes(data, "cut.txt")
    assert name == "utf-8"
    assert text.count("\ufffd") == 1 and "Bộ trưởng Ngoại giao" in text


def test_utf32_with_bom():
    assert decode_bytes(VI_NEWS.encode("utf-32"), "x") == (VI_NEWS, "utf-32")
