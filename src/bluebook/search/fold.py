"""Search keys: lower case, no diacritics, ``đ`` -> ``d``, with a map back to the text.

Same contract as ``clean.normalize.fold``, but this one also says where each
folded character came from, which snippets need to highlight the original
text. Index and snippets must agree to the character, so the store uses this
fold everywhere (a test checks it agrees with the cleaner's fold on Vietnamese).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np

# Letters with no Unicode decomposition that readers still expect to match plain ASCII.
_EXTRA = {"đ": "d", "ð": "d", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss"}

TOKEN = re.compile(r"[^\W_]+")


def fold_char(c: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFD", c.lower()):
        if unicodedata.combining(ch):
            continue
        out.append(_EXTRA.get(ch, ch))
    return "".join(out)


class _Table(dict):
    """str.translate table that folds each character once and remembers it."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _Table()
# Characters seen to fold to exactly one character: a text made only of them folds in place.
_ONE: set[str] = set()
# The same one-to-one folds as an array indexed by code point: str.translate looks each character
# up in a dict (about 60 ns a character, and set(text) costs nearly as much); a long text folds
# instead as one array lookup over its UTF-32 code units, a few ns a character. Below U+30000 (all
# of Unicode's letters); _UNSEEN marks a character not learnt yet or one that does not fold to one.
_UNSEEN = 0xFFFFFFFF
_LUT = np.full(0x30000, _UNSEEN, dtype=np.uint32)
_LUT_MIN_CHARS = 256        # shorter texts: translate is as fast as the array's fixed cost


def _learn(chars: Iterable[str]) -> list[str]:
    """Remember which of ``chars`` fold to one character; return the others."""
    odd = []
    for c in chars:
        f = _TABLE[ord(c)]
        if len(f) != 1:
            odd.append(c)
            continue
        _ONE.add(c)
        if ord(c) < len(_LUT):
            _LUT[ord(c)] = ord(f)
    return odd


def _fold_array(s: str) -> tuple[str | None, list[str]]:
    """(fold(s), []) when every character of ``s`` folds to one; else (None, those that do not)."""
    codes = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(codes.max()) >= len(_LUT):
        return None, _learn(set(s) - _ONE)
    out = _LUT[codes]
    unseen = out == _UNSEEN
    if unseen.any():
        odd = _learn(chr(int(c)) for c in np.unique(codes[unseen]))
        if odd:
            return None, odd
        out = _LUT[codes]
    return out.tobytes().decode("utf-32-le", "surrogatepass"), []


def fold(s: str) -> str:
    """Lower case, no diacritics: 'Thủ tướng Đức' -> 'thu tuong duc'."""
    if len(s) >= _LUT_MIN_CHARS:
        folded, _ = _fold_array(s)
        if folded is not None:
            return folded
    return s.translate(_TABLE)


def fold_with_map(s: str) -> tuple[str, list[int] | None]:
    """Fold ``s``; the map gives, for each folded index (and one past the end), the index in ``s``.

    ``None`` means the identity, the common case for NFC text where every
    character folds to exactly one character.
    """
    if len(s) >= _LUT_MIN_CHARS:
        folded, odd = _fold_array(s)
        if folded is not None:
            return folded, None
    else:
        odd = _learn(set(s) - _ONE)
        if not odd:
            return s.translate(_TABLE), None
    # Only the few characters that fold to none or several (combining marks, 'ß', Hangul) need a
    # step of their own: the runs between them map one to one, a range each.
    where: list[int] = []
    prev = 0
    for m in re.finditer("[" + "".join(map(re.escape, odd)) + "]", s):
        i = m.start()
        where.extend(range(prev, i))
        where.extend([i] * len(_TABLE[ord(s[i])]))
        prev = i + 1
    where.extend(range(prev, len(s)))
    where.append(len(s))
    return s.translate(_TABLE), where


def tokens(folded: str) -> list[str]:
    return TOKEN.findall(folded)


def index_text(s: str) -> str:
    """The folded text as space-separated word tokens: what both search backends index.

    Pre-tokenising here keeps SQLite FTS5 and PostgreSQL tsvector from
    disagreeing about where words end.
    """
    return " ".join(TOKEN.findall(fold(s)))
