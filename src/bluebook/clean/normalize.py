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
# One-for-one replacements go through str.replace (C speed, no map change);
# the few edits that change lengths or need context are found by one
# character class, which re scans fast: CR, invisible characters, and the
# toned vowel of an old-style open syllable ("hoà", "Khoẻ", "thuỷ", "UỶ"),
# checked by _old_style(): consonants-only onset, so "ngoài", "hoàn", "khuya"
# never match, and 'q' is no onset here, so "quý" and "quá" (whose u belongs to
# the onset) stay as they are.
_SUBSTITUTE = tuple((c, " ") for c in _SPACES) + tuple((c, "\n") for c in _NEWLINES)
_ONE_FOR_ONE = re.compile(f"[{_SPACES}{_NEWLINES}]")
_EDIT = re.compile(rf"[\r{_INVISIBLE}{_TONED_A}{_TONED_E}{_TONED_Y}]")


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
    if pos + 1 < len(text) and (text[pos + 1].isalpha() or unicodedata.combining(text[pos + 1])):
        return False            # the syllable goes on ("hoàn"), or a further mark sits on the vowel
    k = pos - 1
    while k > 0 and text[k - 1] in _CONS and pos - 1 - k < 3:
        k -= 1
    return k == 0 or not (text[k - 1].isalpha() or unicodedata.combining(text[k - 1]))


def _rewrite(text: str) -> tuple[str, list[int] | None]:
    """Newlines, spaces, invisible characters and tone placement."""
    substituted = text
    if _ONE_FOR_ONE.search(text):
        for char, replacement in _SUBSTITUTE:       # a few str.replace beat str.translate here
            if char in substituted:
                substituted = substituted.replace(char, replacement)
    parts: list[str] = []
    mapping: list[int] = []
    last = 0
    for m in _EDIT.finditer(substituted):
        start = m.start()
        ch = substituted[start]
        if ch == "\r":
            parts.append(substituted[last:start])
            mapping.extend(range(last, start))
            parts.append("\n")
            mapping.append(start)                     # CRLF becomes one LF, mapped to the CR
            last = start + 2 if substituted.startswith("\n", start + 1) else start + 1
        elif ch in _INVISIBLE:
            parts.append(substituted[last:start])
            mapping.extend(range(last, start))
            last = start + 1                          # dropped: the unit before absorbs it
        elif start > 0 and _old_style(substituted, start):
            parts.append(substituted[last:start - 1])
            mapping.extend(range(last, start - 1))
            parts.append(_move_tone(substituted[start - 1:start + 1]))
            mapping.extend((start - 1, start - 1))    # the vowel pair is one unit
            last = start + 1
    if not parts:
        if substituted is text:
            return text, None
        return substituted, list(range(len(text) + 1))
    parts.append(substituted[last:])
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
