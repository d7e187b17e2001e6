"""Sentence boundaries that lost their space in a bad conversion.

PDF and HTML exports glue sentences together: "phát triểnHội nghị",
"trách nhiệm.Hợp tác". We report the offset of the capital that starts the
second sentence; the segmenter splits there.

Two rules keep brand names and abbreviations whole:
- letters glued to letters split only when the word on the left is all
  lower case and at least two letters long ("triểnHội"), which leaves
  "PetroVietnam", "TikTok", "iPhone", "VnExpress", "McDonald" alone;
- a full stop glued to a capital splits when at least two lower-case letters
  precede it ("nhiệm.Hợp"), which leaves "TP.HCM", "Tp.Hồ", "Mr.Smith" alone;
  the longer abbreviations ("ThS.", "Prof.") are in glued_exceptions.tsv.
URLs, e-mail addresses and domain names are never split.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from ..errors import DataFileError
from .syllable import LOWER_LETTERS

_LO = "a-z" + "".join(LOWER_LETTERS)
_UP = "A-Z" + "".join(c.upper() for c in LOWER_LETTERS)
# Candidates: a capital right after a lower-case letter or closing punctuation.
# Led by the capital (a few % of characters) so re can skip fast; checked below.
_CANDIDATE = re.compile(rf"[{_UP}](?<=[{_LO}.!?…\"”’»)\]][{_UP}])")
_LOWER = re.compile(rf"[{_LO}]")
_LEFT_WORD = re.compile(r"\w+$")
_LOWER_WORD = re.compile(rf"[{_LO}]{{2,}}")
_BEFORE_STOP = re.compile(rf"[{_LO}]{{2}}[\"”’]?[.!?…]+[\"”’»)\]]*$")
_WORD_BEFORE = re.compile(rf"[{_LO}{_UP}]+$")
_LETTERS = re.compile(rf"[{_LO}{_UP}]*")
_TOKEN_END = re.compile(r"\S*")
_DOMAIN = re.compile(r"\w\.(?:com|net|org|gov|edu|info|io|vn|de|uk|fr|jp|cn|ru|us)\b", re.IGNORECASE)
_CODE = ("://", "www.", "@", "=", "{", "}", "<", ">", "_", '":', "base64")
MAX_TOKEN = 60      # longer "words" are code, hashes or spam, not glued prose
KINDS = ("abbrev", "token", "prefix")


def glue_splits(text: str) -> list[int]:
    """Offsets (of the capital letter) where a glued sentence boundary lies."""
    exceptions = _exceptions()
    out: list[int] = []
    for m in _CANDIDATE.finditer(text):
        pos = m.start()
        if _LOWER.match(text, pos - 1):
            ok = _letters_glued(text, pos, exceptions)
        else:
            ok = _stop_glued(text, pos, exceptions)
        if ok and not _in_address(text, pos):
            out.append(pos)
    return out


def _letters_glued(text: str, pos: int, exceptions: dict[str, frozenset[str]]) -> bool:
    """'triểnHội': an all-lower-case word of 2+ letters, then a capitalised word."""
    if not _LOWER.match(text, pos + 1):
        return False
    left = _LEFT_WORD.search(text, max(0, pos - 40), pos)
    if left is None or not _LOWER_WORD.fullmatch(left.group()):
        return False
    token = left.group() + _LETTERS.match(text, pos, pos + 40).group()  # type: ignore[union-attr]
    return token not in exceptions["token"] and left.group() not in exceptions["prefix"]


def _stop_glued(text: str, pos: int, exceptions: dict[str, frozenset[str]]) -> bool:
    """'nhiệm.Hợp': two lower-case letters, a sentence stop, then a word."""
    if not _BEFORE_STOP.search(text, max(0, pos - 10), pos):
        return False
    if not (_LOWER.match(text, pos + 1) or text[pos + 1:pos + 2].isupper()):
        return False
    cut = pos
    while cut > 0 and not text[cut - 1].isalpha():
        cut -= 1
    word = _WORD_BEFORE.search(text, max(0, cut - 30), cut)
    return not (word and word.group().lower() in exceptions["abbrev"])


def _in_address(text: str, pos: int) -> bool:
    """Inside a URL, e-mail address, domain name or code (whitespace-delimited token)?"""
    start = max(text.rfind(" ", max(0, pos - MAX_TOKEN), pos), text.rfind("\n", max(0, pos - MAX_TOKEN), pos))
    end_m = _TOKEN_END.match(text, pos)
    end = end_m.end() if end_m else pos
    if start == -1 and pos > MAX_TOKEN or end - start > MAX_TOKEN:
        return True
    token = text[start + 1:end]
    return any(c in token for c in _CODE) or "www." in token.lower() or bool(_DOMAIN.search(token))


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, frozenset[str]]:
    name = "bluebook/lang/vi/glued_exceptions.tsv"
    try:
        raw = (resources.files("bluebook") / "lang" / "vi" / "glued_exceptions.tsv").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(f"cannot read: {e}", name, "reinstall bluebook") from None
    rows = list(csv.reader(raw.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != ["text", "kind", "source"]:
        raise DataFileError("header must be: text, kind, source", name, "fix the header line")
    found: dict[str, set[str]] = {k: set() for k in KINDS}
    for n, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 3 or row[1] not in KINDS or not row[0] or not row[2].strip():
            raise DataFileError(f"line {n}: needs text, kind ({'/'.join(KINDS)}) and source", name,
                                "fix the row")
        found[row[1]].add(row[0].lower() if row[1] == "abbrev" else row[0])
    return {k: frozenset(v) for k, v in found.items()}
