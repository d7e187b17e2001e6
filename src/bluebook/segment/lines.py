"""Is a line break a sentence boundary?

A line that looks complete (ends with . ! ? : or is a list item, a heading,
a table row or a photo credit) ends a sentence. A line that stops mid-sentence
does not: hard-wrapped English (lines of about the same width, the next one
going on), and page breaks in the Bluebook that leave a blank line inside a
sentence ("between General\\n\\nSecretary").
"""
from __future__ import annotations

import re

# The next line opens a list item: "- ", "• ", "1. ", "2) ", "(a) ", "IV. ".
LIST_ITEM = re.compile(
    r"[-–—•*+·▪►●◦‣](?:\s|$)"
    r"|\(?(?:\d{1,3}|[a-zđ]|[ivx]{1,4}|[A-Z])\)\s"
    r"|(?:\d{1,3}|[IVX]{1,5}|[a-zđ])\.\s"
)
# "(Hanoi, 12 May 2020) - VNA", "... - Ảnh: TTXVN": captions end with a credit.
_CREDIT = re.compile(r"(?:^|\s|\))[-–—]\s*(?P<tail>[^\n]{1,60})$")
_CREDIT_WORDS = ("Ảnh", "ảnh", "Nguồn", "Đồ họa", "Video", "Photo", "Source", "Credit", "Theo")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_OPENERS = "\"'“‘«([{‹*_"
_LINE_TAIL = " \t*_"

# A page-break line is a full paragraph line; headings and captions are shorter.
MIN_BROKEN_LINE = 100
# Hard-wrapped text: lines of a paragraph close to one width of 50-140 characters.
MIN_WRAP, MAX_WRAP, WRAP_SHARE = 50, 140, 0.55


def is_credit(line: str) -> bool:
    """True when the line ends with a photo or source credit after a dash."""
    m = _CREDIT.search(line[-80:])
    if m is None:
        return False
    tail = m.group("tail").strip()
    if tail.isupper() or tail.startswith(_CREDIT_WORDS):
        return True
    before = line[-80:][: m.start() + 1].rstrip(" -–—")
    return before.endswith(")") and len(tail) <= 50


def is_heading(line: str) -> bool:
    """A short line in capitals ("CHAPTER ONE", "FOREWORD")."""
    line = line.strip(_LINE_TAIL)
    return 3 <= len(line) <= 120 and line.isupper()


def first_significant(line: str) -> str:
    """The first character after opening quotes, brackets and markdown marks."""
    for ch in line[:8]:
        if ch not in _OPENERS:
            return ch
    return ""


def break_is_boundary(prev: str, nxt: str, blank: bool, width: int) -> bool:
    """Whether the break between line ``prev`` and line ``nxt`` ends a sentence.

    ``prev`` does not end with a sentence stop (the splitter decided those);
    ``blank`` says one or more empty lines lie between; ``width`` is the longest
    line of the paragraph around the break (for spotting hard-wrapped text).
    """
    if not prev or not nxt:
        return True
    if LIST_ITEM.match(nxt):
        return True
    c = first_significant(nxt)
    if not c:
        return True
    if c.islower():
        return False
    if "\t" in prev or "\t" in nxt or c in _SUPERSCRIPTS or is_heading(nxt):
        return True
    tail = prev.rstrip(_LINE_TAIL)
    if not tail:
        return True
    last = tail[-1]
    if last == ":" or not (last.isalpha() or last in ",;-–(&/") or is_credit(tail):
        return True
    if not (c.isupper() or c.isdigit()):
        return True
    if blank:
        return len(prev) < MIN_BROKEN_LINE
    if last == "," and len(prev) >= 40:
        return False
    wrapped = MIN_WRAP <= width <= MAX_WRAP and len(prev) >= max(30, WRAP_SHARE * width)
    return not wrapped
