"""Bytes to text: UTF-8/16, Windows-1258, the legacy TCVN3 and VNI fonts.

Valid UTF-8 wins outright (after repairing UTF-8 that was once read as
cp1252: "Viá»‡t Nam"). Otherwise each Vietnamese 8-bit candidate is decoded
and scored by the share of its accented words that are real Vietnamese
syllables; the best wins if it looks Vietnamese at all, else
charset-normalizer names the (non-Vietnamese) code page.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable

from ..errors import BinaryInputError, DecodeError, EmptyInputError
from .legacy import decode_tcvn3, decode_vni
from .syllable import is_syllable

HINT = "pass --encoding tcvn3|vni|cp1258"
MIN_VIETNAMESE = 0.6        # share of valid syllables for a Vietnamese table to win
_SAMPLE = 1 << 16
# control bytes that do not occur in text (TAB, LF, VT, FF, CR, ESC and SUB do)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27)) + b"\x7f"
_WORD = re.compile(r"[^\W\d_]+")
# Latin-1 symbols that a wrong 8-bit table leaves between letters ("B¶o", "Vi\u1ec7t")
_JUNK = re.compile(r"[\x80-\x9f\xa1-\xbf\ufffd\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a\u2122]")
# the first bytes of UTF-8 Vietnamese seen through cp1252: Ã¡ áº Ä‘ Æ°
_MOJIBAKE = re.compile("[\u00c2-\u00c6\u00e1][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                       "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                       "\u2039\u203a\u20ac\u2122]")

_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "utf-8-sig": "utf-8", "utf_8": "utf-8",
    "utf16": "utf-16", "utf-16": "utf-16", "utf_16": "utf-16",
    "cp1258": "cp1258", "windows-1258": "cp1258", "1258": "cp1258",
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "abc": "tcvn3", "tcvn5712": "tcvn3", "vn3": "tcvn3",
    "vni": "vni", "vni-windows": "vni", "vniwin": "vni",
    "latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1",
    "cp1252": "cp1252", "windows-1252": "cp1252",
}


def _decode_cp1258(data: bytes) -> str:
    # cp1258 writes most tones as combining marks after the letter
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_VIETNAMESE: dict[str, Callable[[bytes], str]] = {
    "cp1258": _decode_cp1258,
    "vni": decode_vni,
    "tcvn3": decode_tcvn3,
}


def decode_bytes(data: bytes, source: str = "", encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the name of the encoding used.

    Raises EmptyInputError, BinaryInputError or DecodeError naming ``source``.
    """
    if not data:
        raise EmptyInputError("the input is empty", source, "check the file")
    utf16 = _utf16_order(data)
    if encoding:
        text, name = _forced(data, source, encoding, utf16)
    elif utf16:
        text, name = _decode_utf16(data, source, utf16), "utf-32" if utf16 == "32" else "utf-16"
    else:
        _check_binary(data, source)
        text, name = _detect(data, source)
    if utf16 or encoding:
        _check_control_text(text, source)
    if not text.strip():
        raise EmptyInputError("the input holds only white space", source, "check the file")
    return text, name


def vietnamese_score(text: str) -> tuple[float, int]:
    """(share of accented words that are Vietnamese syllables, accented word count).

    Junk symbols between letters count as failed words: a wrong table turns
    letters into "¶" and "µ" that no word regex would see.
    """
    sample = text[:_SAMPLE]
    good = marked = 0
    for w in _WORD.findall(sample):
        if not w.isascii():
            marked += 1
            good += is_syllable(w)
    bad = len(_JUNK.findall(sample))
    total = marked + bad
    return (good / total if total else 0.0), total


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 ("Viá»‡t Nam" -> "Việt Nam") when clearly present."""
    if not _MOJIBAKE.search(text):
        return text
    fixed = _fix_encoding(text)
    if fixed == text:
        return text
    before, _ = vietnamese_score(text)
    after, _ = vietnamese_score(fixed)
    return fixed if after >= before else text


def _fix_encoding(text: str) -> str:
    try:
        import ftfy
    except ImportError:     # ftfy is the maintained tool; a whole-text retry is the fallback
        try:
            raw = bytes(_CP1252_REVERSE.get(ch, ord(ch)) if ord(ch) > 0xFF else ord(ch) for ch in text)
            return raw.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return text
    return ftfy.fix_encoding(text)


_CP1252_REVERSE = {bytes([b]).decode("cp1252", errors="ignore"): b for b in range(0x80, 0xA0)}
_CP1252_REVERSE.pop("", None)


def _utf16_order(data: bytes) -> str:
    """'le'/'be' when the bytes are UTF-16 (BOM or NUL pattern), '32' for a UTF-32 BOM, else ''."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "32"
    if data.startswith(codecs.BOM_UTF16_LE):
        return "le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "be"
    sample = data[:_SAMPLE]
    if len(sample) < 4 or b"\x00" not in sample:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.2 * half and even < 0.02 * half:
        return "le"
    if even > 0.2 * half and odd < 0.02 * half:
        return "be"
    return ""


def _decode_utf16(data: bytes, source: str, order: str) -> str:
    if order == "32":
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid UTF-32 at byte {e.start}", source, HINT) from None
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        data = data[2:]
    if len(data) % 2:
        data = data[:-1]            # a truncated last code unit
    try:
        return data.decode("utf-16-" + order)
    except UnicodeDecodeError as e:
        raise DecodeError(f"invalid UTF-16 at byte {e.start}", source, HINT) from None


def _check_binary(data: bytes, source: str) -> None:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise BinaryInputError("NUL bytes: this is a binary file, not text", source,
                               "give a text, HTML, JSON, CSV, DOCX or PDF file")
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > 0.3 * len(sample):
        raise BinaryInputError(f"{controls} control bytes in {len(sample)}: not text", source,
                               "give a text, HTML, JSON, CSV, DOCX or PDF file")


def _check_control_text(text: str, source: str) -> None:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0b\x0c\x1a\x1b")
    if "\x00" in sample or controls > 0.3 * max(1, len(sample)):
        raise BinaryInputError("control characters: this does not decode to text", source,
                               "check the file, or the --encoding given")


def _forced(data: bytes, source: str, encoding: str, utf16: str) -> tuple[str, str]:
    name = _ALIASES.get(encoding.strip().lower(), encoding.strip().lower())
    if name == "utf-16":
        return _decode_utf16(data, source, utf16 or "le"), name
    if name in _VIETNAMESE:
        return _VIETNAMESE[name](data), name
    if name == "utf-8":
        try:
            return repair_mojibake(data.decode("utf-8-sig")), name
        except UnicodeDecodeError as e:
            raise DecodeError(f"not valid UTF-8 (byte {e.start})", source, HINT) from None
    try:
        codecs.lookup(name)
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}", source,
                          "use utf-8, utf-16, cp1258, tcvn3, vni, latin-1 or a Python codec name") from None
    try:
        return data.decode(name), name
    except UnicodeDecodeError as e:
        raise DecodeError(f"cannot decode as {name} (byte {e.start})", source, HINT) from None


def _detect(data: bytes, source: str) -> tuple[str, str]:
    try:
        return repair_mojibake(data.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return repair_mojibake(text), "utf-8"
    sample = data[:_SAMPLE]     # score on a sample; decode the whole only with the winner
    best_name, best_score = "", -1.0
    for name, decoder in _VIETNAMESE.items():
        score, count = vietnamese_score(decoder(sample))
        if count and score > best_score:
            best_name, best_score = name, score
    if best_score >= MIN_VIETNAMESE:
        return _VIETNAMESE[best_name](data), best_name
    return _other_code_page(data, source)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut last character, one stray byte) is still UTF-8."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    sample = text[:_SAMPLE]
    wide = len(sample) - len(sample.encode("ascii", errors="ignore")) - sample.count("\ufffd")
    if bad <= max(1, len(text) // 1000) and wide >= 10 * bad:
        return text
    return None


def _other_code_page(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[: 4 * _SAMPLE])
    match = matches.best()
    if match is None or match.encoding is None:
        raise DecodeError("cannot tell the encoding: no code page gives readable text", source, HINT)
    name = match.encoding
    # on short texts several code pages tie; Western European is the likely one here
    if any(m.encoding == "cp1252" and m.chaos <= match.chaos + 0.01 for m in matches):
        name = "cp1252"
    name = codecs.lookup(name).name.replace("_", "-")
    if name == "iso8859-1":
        name = "latin-1"
    try:
        return data.decode(name), name
    except UnicodeDecodeError:
        raise DecodeError(f"looked like {name} but does not decode", source, HINT) from None
