"""Is a line break a sentence boundary?

A line that looks complete (ends with . ! ? : or is a list item, a heading,
a table row or a photo credit) ends a sentence. A line that stops mid-sentence
does not: hard-wrapped English (lines of about the same width, the next one
going on), and page breaks in the Bluebook that leave a blank line inside a
sentence ("between General\\n\\nSecretary").
"""
from __future__ import annotations

import re
from collections.abc import Callable

# The next line opens a list item: "- ", "• ", "1. ", "2) ", "(a) ", "IV. ".
LIST_ITEM = re.compile(
    r"[-–—•*+·▪►●◦‣](?:\s|$)"
    r"|\(?(?:\d{1,3}|[a-zđ]|[ivx]{1,4}|[A-Z])\)\s"
    r"|(?:\d{1,3}|[IVX]{1,5}|[a-zđ])\.\s"
)
# "(Hanoi, 12 May 2020) - VNA", "... - Ảnh: TTXVN": captions end with a credit.
_CREDIT = re.compile(r"(?:^|\s|\))[-–—]\s*(?P<tail>[^\n]{1,60})$")
# "... trong buổi hội đàm. Ảnh: TTXVN" (no dash)
_CREDIT_AFTER_STOP = re.compile(r"(?:^|[.)]\s*)(?:Ảnh|Nguồn|Đồ họa|Video|Photo|Source|Foto|©)\b[^\n.]{0,60}$")
_CREDIT_WORDS = ("Ảnh", "ảnh", "Nguồn", "Đồ họa", "Video", "Photo", "Source", "Credit", "Theo")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_OPENERS = "\"'“‘«([{‹*_"
_LINE_TAIL = " \t*_"

# Words that cannot end a sentence: a line ending in one goes on in the next.
OPEN_WORDS = frozenset((
    "the a an of and or to in with for by on at from between as that which its their his her "
    "và của với các những cho trong tại về là đã sẽ được từ theo giữa hoặc"
).split())
# A page-break line is a full paragraph line; headings and captions are shorter.
MIN_BROKEN_LINE, MIN_OPEN_LINE = 100, 60
# Text converted from print (the Bluebook) breaks sentences at page ends; news
# almost never puts a lower-case line after a blank line. Two such are proof.
# Starts only after a non-space, so a long run of blank lines is read once.
_LOWER_AFTER_BLANK = re.compile(r"(?<=\S)\n[^\S\n]*+\n\s*+([^\W\d_])")
PAGE_BREAK_EVIDENCE = 2
# Hard-wrapped text: lines of a paragraph close to one width of 50-140 characters.
MIN_WRAP, MAX_WRAP, WRAP_SHARE = 50, 140, 0.55


def looks_page_broken(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when at least two blank lines in ``text[start:end]`` fall inside a sentence."""
    found = 0
    for m in _LOWER_AFTER_BLANK.finditer(text, start, len(text) if end is None else end):
        before = text[m.start() - 1] if m.start() > start else ""
        if m.group(1).islower() and (before.isalpha() or before == ","):
            found += 1
            if found >= PAGE_BREAK_EVIDENCE:
                return True
    return False


def _last_word(line: str) -> str:
    i = len(line)
    while i > 0 and line[i - 1].isalpha():
        i -= 1
    return line[i:]


def is_credit(line: str) -> bool:
    """True when the line ends with a photo or source credit after a dash."""
    if _CREDIT_AFTER_STOP.search(line[-80:]):
        return True
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


def break_is_boundary(prev: str, nxt: str, blank: bool, width: int | Callable[[], int],
                      page_broken: bool | Callable[[], bool] = True) -> bool:
    """Whether the break between line ``prev`` and line ``nxt`` ends a sentence.

    ``prev`` does not end with a sentence stop (the splitter decided those);
    ``blank`` says one or more empty lines lie between; ``width`` is the longest
    line of the paragraph around the break (for spotting hard-wrapped text), or
    a function computing it, called only when needed. ``page_broken`` says the
    text shows page breaks inside sentences (see ``looks_page_broken``); only
    then does a long line run on across a blank line into a capital.
    """
    if not prev or not nxt:
        return True
    if LIST_ITEM.match(nxt):
        return True
    c = first_significant(nxt)
    if not c:
        return True
    if c.islower():
        # A photo caption sits between two halves of a page-broken paragraph.
        return blank and is_credit(prev.rstrip(_LINE_TAIL))
    if "\t" in prev or "\t" in nxt or c in _SUPERSCRIPTS or is_heading(nxt):
        return True
    tail = prev.rstrip(_LINE_TAIL)
    if not tail:
        return True
    last = tail[-1]
    # Inside hard-wrapped prose a line may also end with a bracket or quote that
    # closes mid-sentence ("Cooperation (APEC)\nLeaders Meeting"); a markdown
    # link "](url)" is a line of its own.
    closed = not blank and last in ")”\"’" and "](" not in tail and not LIST_ITEM.match(prev)
    if last == ":" or not (last.isalpha() or last in ",;-–(&/" or closed) or is_credit(tail):
        return True
    if not (c.isupper() or c.isdigit()):
        return True
    open_word = not closed and _last_word(tail) in OPEN_WORDS
    if blank:
        if open_word and len(prev) >= MIN_OPEN_LINE:
            return False
        if len(prev) < MIN_BROKEN_LINE:
            return True
        return not (page_broken() if callable(page_broken) else page_broken)
    if open_word:
        return False
    if last == "," and len(prev) >= 40:
        return False
    if len(prev) < 30:
        return True
    if callable(width):
        width = width()
    wrapped = MIN_WRAP <= width <= MAX_WRAP and len(prev) >= max(30, WRAP_SHARE * width)
    return not wrapped
