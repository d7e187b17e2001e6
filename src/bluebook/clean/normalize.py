"""One spelling for one word: NFC, one tone placement, plain spaces and newlines.

Vietnamese text arrives in NFD (macOS, cp1258), with the tone of open
"oa/oe/uy" syllables placed either way ("hoà"/"hòa", "thuỷ"/"thủy"), with
NBSP, zero-width and soft-hyphen characters from web pages, and with CRLF.
Everything downstream (gazetteer, triggers, dedup) matches on ``text``, so it
gets one form: NFC, the mark on the first vowel ("hòa", "thủy" -- the style
most Vietnamese newsrooms use now), ' ' and '\\n'.

The offset map gives for each index of the result, and one past its end, the
index in the original. Characters that are merged (a cluster of combining
marks, a tone moved across a vowel pair, CRLF) all point to the start of what
they came from, so a run of equal map values is one unit that the original
normalises back to.
"""
from __future__ import annotations

import re
import unicodedata

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_NEWLINES = "\u0085\u2028\u2029"

_TONED_A = "àáảãạÀÁẢÃẠ"
_TONED_E = "èéẻẽẹÈÉẺẼẸ"
_TONED_Y = "ỳýỷỹỵỲÝỶỸỴ"
_CONS = frozenset("bcdđghklmnprstvxBCDĐGHKLMNPRSTVX")
# Candidates for an open syllable ending in oa/oe/uy with the tone on the last
# vowel ("hoà", "Khoẻ", "thuỷ", "UỶ"); led by the toned vowel so re scans fast,
# then _old_style() checks the onset: consonants only, so "ngoài", "hoàn",
# "khuya" never match, and 'q' is no onset here, so "quý" and "quá" (whose u
# belongs to the onset) stay as they are.
_CHANGE = re.compile(
    rf"(\r\n?|[{_NEWLINES}])|([{_SPACES}])|([{_INVISIBLE}])"
    rf"|[{_TONED_A}{_TONED_E}{_TONED_Y}](?<=[oOuU].)(?![^\W\d_])"
)


def normalize(original: str) -> tuple[str, list[int] | None]:
    """Return (normalised text, offset map) or (original, None) when unchanged."""
    if original.isascii() and "\r" not in original:
        return original, None          # the common English case: nothing to do
    text, nfc_map = _nfc(original)
    out, out_map = _rewrite(text)
    if out_map is None:
        return text, nfc_map
    if nfc_map is not None:
        out_map = [nfc_map[j] for j in out_map]
    if not unicodedata.is_normalized("NFC", out):
        # removing an invisible character let a mark reach a letter: "A\u200b\u0301"
        out, again = _nfc(out)
        out_map = [out_map[j] for j in again] if again is not None else out_map
    return out, out_map


def _nfc(original: str) -> tuple[str, list[int] | None]:
    """NFC by line, mapping each composed cluster to where it started."""
    if unicodedata.is_normalized("NFC", original):
        return original, None
    parts: list[str] = []
    mapping: list[int] = []
    pos = 0
    for line in original.splitlines(keepends=True):
        if unicodedata.is_normalized("NFC", line):
            parts.append(line)
            mapping.extend(range(pos, pos + len(line)))
        else:
            for start, cluster in _clusters(line):
                composed = unicodedata.normalize("NFC", cluster)
                parts.append(composed)
                mapping.extend([pos + start] * len(composed))
        pos += len(line)
    mapping.append(pos)
    return "".join(parts), mapping


def _clusters(line: str) -> list[tuple[int, str]]:
    """Split a line where NFC cannot reach across: before each starter that does
    not compose with what precedes it (Hangul jamo and a few Indic vowel signs do).
    No composition takes an ASCII character second, so those always start a cluster."""
    out: list[tuple[int, str]] = []
    start = 0
    for i in range(1, len(line)):
        ch = line[i]
        if not ch.isascii():
            if unicodedata.combining(ch):
                continue
            head = unicodedata.normalize("NFC", line[start:i])
            if unicodedata.normalize("NFC", head + ch) != head + unicodedata.normalize("NFC", ch):
                continue
        out.append((start, line[start:i]))
        start = i
    out.append((start, line[start:]))
    return out


def _old_style(text: str, pos: int) -> bool:
    """Is the toned vowel at ``pos`` the end of an old-style 'oà'/'uỷ' syllable?"""
    first, second = text[pos - 1], text[pos]
    if not ((first in "oO" and second not in _TONED_Y) or (first in "uU" and second in _TONED_Y)):
        return False
    if pos + 1 < len(text) and unicodedata.combining(text[pos + 1]):
        return False            # a further mark on the vowel: not a plain syllable
    k = pos - 1
    while k > 0 and text[k - 1] in _CONS and pos - 1 - k < 3:
        k -= 1
    return k == 0 or not (text[k - 1].isalpha() or unicodedata.combining(text[k - 1]))


def _rewrite(text: str) -> tuple[str, list[int] | None]:
    """Newlines, spaces, invisible characters and tone placement, in one pass."""
    parts: list[str] = []
    mapping: list[int] = []
    last = 0
    for m in _CHANGE.finditer(text):
        start, end = m.span()
        if m.lastindex is None:             # a toned vowel: move the tone if old style
            if not _old_style(text, start):
                continue
            start -= 1
        parts.append(text[last:start])
        mapping.extend(range(last, start))
        if m.lastindex == 1:
            parts.append("\n")
            mapping.append(start)
        elif m.lastindex == 2:
            parts.append(" ")
            mapping.append(start)
        elif m.lastindex is None:
            parts.append(_move_tone(text[start:end]))
            mapping.extend((start, start))
        last = end
    if not parts:
        return text, None
    parts.append(text[last:])
    mapping.extend(range(last, len(text) + 1))
    return "".join(parts), mapping


def _move_tone(pair: str) -> str:
    """'oà' -> 'òa': put the tone of the second vowel on the first."""
    decomposed = unicodedata.normalize("NFD", pair[1])
    return unicodedata.normalize("NFC", pair[0] + decomposed[1:]) + decomposed[0]


_FOLD = str.maketrans({"đ": "d", "Đ": "d"})
_MARKS = re.compile(r"[\u0300-\u036f]+")


def fold(s: str) -> str:
    """Lower case, no diacritics, đ -> d: a search key ("Nguyễn Phú Trọng" -> "nguyen phu trong")."""
    if s.isascii():
        return s.lower()
    return _MARKS.sub("", unicodedata.normalize("NFD", s.translate(_FOLD).lower()))
