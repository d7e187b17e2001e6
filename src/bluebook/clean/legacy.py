"""The legacy Vietnamese 8-bit font encodings: TCVN3 (ABC) and VNI-Windows.

Neither has a Python codec, and both are still found in old ministry documents
and in text copied out of Word files typed with the ABC or VNI keyboards.

TCVN3 (TCVN 5712:1993) puts one precomposed letter on one byte. The ABC fonts
(.VnTime) use the "VN3" subset: lowercase letters with tones plus the seven
uppercase base letters; uppercase letters with tones were typed with the same
codes in the capital fonts (.VnTimeH), so they decode as lowercase. The full
"VN1" table also places uppercase letters with tones on C0/C1 positions; we
decode those too, since files converted by Unikey or iconv use them.

VNI-Windows spells a letter as a base byte followed by a separate byte that
carries the hat/breve and the tone ("Vieät" for "Việt"); bytes that are not
letters are plain Windows-1252.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from .syllable import VIETNAMESE_LETTERS, is_syllable


def _cp1252(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _CP1252)[0]


def _cp1252_table() -> str:
    # cp1252 leaves five bytes undefined; keep them as their Latin-1 selves
    out = []
    for b in range(256):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


_CP1252 = _cp1252_table()


# --- TCVN3 -----------------------------------------------------------------

# Byte -> letter, from TCVN 5712:1993 (VN1, of which the ABC fonts' VN3 is the
# upper-half subset): (first byte, the letters on it and the bytes after it).
_TCVN3_RUNS = (
    (0x01, "ÚỤ"), (0x04, "ỪỬỮ"), (0x11, "ỨỰỲỶỸÝỴ"),
    (0x80, "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"),
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđẰ"),
    (0xB0, "\u0300\u0309\u0303\u0301\u0323"),
    (0xB5, "àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"),
    (0xE0, "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"),
)
# Positions in 0x80-0x9F that Windows text editors also used for cp1252
# punctuation inside ABC documents (smart quotes, dashes, ellipsis, bullet).
_C1_PUNCT = {b: bytes([b]).decode("cp1252") for b in (0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97)}
_OPENING = {0x91, 0x93}
_CLOSING = {0x92, 0x94, 0x85}
_STANDALONE = {0x85, 0x95, 0x96, 0x97}


def _tcvn3_table() -> str:
    table = list(_CP1252)
    for start, letters in _TCVN3_RUNS:
        for i, ch in enumerate(letters):
            table[start + i] = ch
    return "".join(table)


TCVN3_DECODING = _tcvn3_table()
TCVN3_ENCODING: dict[str, int] = {}
for _b, _ch in enumerate(TCVN3_DECODING):
    if _b >= 0x80 or _ch != chr(_b):
        TCVN3_ENCODING.setdefault(_ch, _b)
_C1_LETTERS = frozenset(TCVN3_DECODING[b] for b in _C1_PUNCT)
_C1_WORD = re.compile(r"[^\W\d_]*[" + "".join(sorted(_C1_LETTERS)) + r"][^\W\d_]*")


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 bytes; cp1252 quotes and dashes typed in Word survive."""
    text, _ = codecs.charmap_decode(data, "strict", TCVN3_DECODING)
    if any(bytes([b]) in data for b in _C1_PUNCT):
        text = _C1_WORD.sub(lambda m: _fix_c1_word(m, data), text)
    if any(bytes([b]) in data for b in range(0xB0, 0xB5)):
        text = unicodedata.normalize("NFC", text)    # separate tone bytes were used
    return text


def _fix_c1_word(m: re.Match[str], data: bytes) -> str:
    """Turn C1 'letters' back into punctuation when the word is no syllable.

    '“Hợp tác”' typed in Word comes out as 'ỎHợp tácÕ' under VN1; a real
    uppercase letter would make a valid syllable with its neighbours.
    """
    word, start = m.group(), m.start()
    if len(word) == 1 and data[start] in _STANDALONE:
        return _C1_PUNCT[data[start]]     # a lone "Ọ" is a dash, a lone "Ặ" an ellipsis
    if is_syllable(word):
        return word
    chars = list(word)
    lo, hi = 0, len(chars)
    while lo < hi and data[start + lo] in _OPENING:
        chars[lo] = _C1_PUNCT[data[start + lo]]
        lo += 1
    while hi > lo and data[start + hi - 1] in _CLOSING:
        chars[hi - 1] = _C1_PUNCT[data[start + hi - 1]]
        hi -= 1
    for i in range(lo, hi):
        if data[start + i] == 0x92:    # an apostrophe inside a word: don’t
            chars[i] = "’"
    return "".join(chars)


def encode_tcvn3(text: str) -> bytes:
    """Encode to TCVN3 (VN1 positions for capitals); for tests and export."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        b = TCVN3_ENCODING.get(ch)
        if b is None:
            try:    # punctuation as Word wrote it in ABC documents: cp1252 bytes
                b = ord(ch) if ord(ch) < 0x80 else ch.encode("cp1252")[0]
            except UnicodeEncodeError:
                raise ValueError(f"cannot encode {ch!r} in TCVN3") from None
        out.append(b)
    return bytes(out)


# --- VNI-Windows -----------------------------------------------------------

# tone mark -> (lowercase byte char, uppercase byte char)
_VNI_TONES = {"\u0301": "ùÙ", "\u0300": "øØ", "\u0309": "ûÛ", "\u0303": "õÕ", "\u0323": "ïÏ"}
_VNI_CIRC = {"": "âÂ", "\u0301": "áÁ", "\u0300": "àÀ", "\u0309": "åÅ", "\u0303": "ãÃ", "\u0323": "äÄ"}
_VNI_BREVE = {"": "êÊ", "\u0301": "éÉ", "\u0300": "èÈ", "\u0309": "úÚ", "\u0303": "üÜ", "\u0323": "ëË"}
# letters that are a single byte in VNI: ơ ư đ, i with tones, ỵ
_VNI_SINGLE = {
    "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö", "đ": "ñ", "Đ": "Ñ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "ỉ": "æ", "Ỉ": "Æ", "ĩ": "ó", "Ĩ": "Ó",
    "ị": "ò", "Ị": "Ò", "ỵ": "î", "Ỵ": "Î",
}
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"


def _vni_spelling(letter: str) -> str | None:
    """The VNI byte string (as cp1252 chars) for one precomposed letter."""
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    parts = unicodedata.normalize("NFD", letter)
    base, marks = parts[0], parts[1:]
    tone = "".join(m for m in marks if m in _TONE_MARKS)
    shape = "".join(m for m in marks if m not in _TONE_MARKS)
    upper = 1 if base.isupper() else 0
    if shape == "\u0302" and base in "aAeEoO":
        return base + _VNI_CIRC[tone][upper]
    if shape == "\u0306" and base in "aA":
        return base + _VNI_BREVE[tone][upper]
    if shape == "\u031b" and base in "oOuU":            # ơ/ư with a tone
        head = _VNI_SINGLE[unicodedata.normalize("NFC", base + shape)]
        return head + _VNI_TONES[tone][upper]
    if shape == "" and tone and base in "aAeEoOuUyY":
        return base + _VNI_TONES[tone][upper]
    return None


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for ch in VIETNAMESE_LETTERS:
        spelled = _vni_spelling(ch)
        if spelled is None:
            raise AssertionError(f"no VNI spelling for {ch!r}")
        encode[ch] = spelled
        decode[spelled] = ch
    return decode, encode


VNI_DECODING, VNI_ENCODING = _vni_tables()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI_DECODING, key=len, reverse=True)))


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes (cp1252 underneath, letters rebuilt)."""
    return _VNI_RE.sub(lambda m: VNI_DECODING[m.group()], _cp1252(data))


def encode_vni(text: str) -> bytes:
    """Encode to VNI-Windows; for tests and export."""
    spelled = "".join(VNI_ENCODING.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
    return spelled.encode("cp1252")
