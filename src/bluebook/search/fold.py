"""Search keys: lower case, no diacritics, ``đ`` -> ``d``, with a map back to the text.

Same contract as ``clean.normalize.fold``, but this one also says where each
folded character came from, which snippets need to highlight the original
text. Index and snippets must agree to the character, so the store uses this
fold everywhere (a test checks it agrees with the cleaner's fold on Vietnamese).
"""
from __future__ import annotations

import re
import unicodedata

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


def fold(s: str) -> str:
    """Lower case, no diacritics: 'Thủ tướng Đức' -> 'thu tuong duc'."""
    return s.translate(_TABLE)


def fold_with_map(s: str) -> tuple[str, list[int] | None]:
    """Fold ``s``; the map gives, for each folded index (and one past the end), the index in ``s``.

    ``None`` means the identity, the common case for NFC text where every
    character folds to exactly one character.
    """
    folded = s.translate(_TABLE)
    if len(folded) == len(s):
        chars = set(s)
        new = chars - _ONE          # a set difference in C: the common case costs no Python loop
        if all(len(_TABLE[ord(c)]) == 1 for c in new):
            _ONE.update(new)
            return folded, None
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(s):
        f = _TABLE[ord(c)]
        out.append(f)
        where.extend([i] * len(f))
    where.append(len(s))
    return "".join(out), where


def tokens(folded: str) -> list[str]:
    return TOKEN.findall(folded)


def index_text(s: str) -> str:
    """The folded text as space-separated word tokens: what both search backends index.

    Pre-tokenising here keeps SQLite FTS5 and PostgreSQL tsvector from
    disagreeing about where words end.
    """
    return " ".join(TOKEN.findall(s.translate(_TABLE)))
